/**
 * Making room for the panel at the right edge of Google Docs, so it sits NEXT to the document and
 * never over the page, the toolbar, the title bar or the comment margin.
 *
 * Docs lays itself out in JavaScript: on load and on every window `resize` it gives `#docs-chrome`
 * and `#docs-editor` inline pixel widths from the window size, then centres the pages (and their
 * comment margin) inside the editor. So Confer:
 *  1. narrows both, and moves the Google apps rail (pinned to the window's edge) left, with the
 *     rules of `layout.css`, a manifest style sheet that the browser adds before Docs' page is
 *     parsed. They apply while `<html>` has `data-confer-room`, and `--confer-room` says how wide
 *     the room is; switching them on at document_start paints Docs beside the panel while it loads;
 *  2. once the page is parsed, fires `resize`, which makes Docs re-centre its pages in the
 *     narrower editor;
 *  3. checks the result after Docs' re-layout (on resize, and whenever Docs rewrites the inline
 *     styles) and reports if anything still reaches under the panel — never a silent failure.
 * `restore()` switches the rules off and fires `resize` once more: Docs lays itself out exactly as
 * if Confer had never been there. Where the extension is turned off with no chance to run
 * `restore()` (Firefox), the browser takes the sheet away itself.
 */
import { DOCS_SELECTORS, findOrWarn } from './selectors';

export interface DocsLayout {
  /**
   * Keeps `width` CSS px free at the window's right edge (0 gives it all back to Docs). Before
   * `pageParsed()` it only narrows Docs with the style sheet, so Docs is painted narrow while it
   * loads (no jump when the panel appears); checking and re-laying out Docs wait for it.
   */
  reserve(width: number): void;
  /** Docs' page is parsed (its toolbar and editor exist): lay Docs out beside the panel and check. */
  pageParsed(): void;
  /** Removes every trace of Confer from Docs' layout. Idempotent. */
  restore(): void;
}

export interface DocsLayoutOptions {
  /** Called after each check with whether Docs now fits left of the reserved space. */
  onChecked(fits: boolean): void;
  /** Aborts with the content script: observers and listeners go with it. */
  signal: AbortSignal;
}

/** Half a pixel of rounding slack in overlap checks. */
const SLACK = 0.5;

/** On `<html>`: switches layout.css's rules on… */
export const ROOM_ATTRIBUTE = 'data-confer-room';
/** …and says how wide the room for the panel is (a length in px). */
export const ROOM_PROPERTY = '--confer-room';

export function createDocsLayout(win: Window, options: DocsLayoutOptions): DocsLayout {
  const doc = win.document;
  const root = doc.documentElement;
  /** Whether `<html>` had a style attribute of its own before Confer set `--confer-room` in it. */
  let rootHadStyle = true;
  let reserved = 0;
  let parsed = false;
  let checkQueued = 0;
  let styleObserver: MutationObserver | null = null;
  /** The listeners of one reservation: removed when Docs is given its room back. */
  let listening: AbortController | null = null;

  /** Where the free space ends: everything of Docs' must be left of this x. */
  const freeRight = (): number => win.innerWidth - reserved;

  const overlaps = (element: Element | null): boolean =>
    element !== null && element.getBoundingClientRect().right > freeRight() + SLACK;

  const check = (): void => {
    checkQueued = 0;
    if (reserved === 0 || !parsed || options.signal.aborted) return;
    const chrome = findOrWarn(doc, 'chrome', 'the panel may cover the title bar and toolbar');
    const editor = findOrWarn(doc, 'editor', 'the panel may cover the document');
    let fits = chrome !== null && editor !== null;
    // (The rail is optional: Docs leaves it out in some views.)
    const rail = doc.querySelector(DOCS_SELECTORS.companionRail);
    for (const [name, element] of [['chrome', chrome], ['editor', editor], ['companionRail', rail]] as const) {
      if (overlaps(element)) {
        console.warn(`Confer: Google Docs element "${name}" (${DOCS_SELECTORS[name]}) still reaches under the panel.`);
        fits = false;
      }
    }
    options.onChecked(fits);
  };

  /** Docs re-lays out in its own `resize` handler; check once that has settled (next frame). */
  const queueCheck = (): void => {
    if (checkQueued === 0 && !options.signal.aborted) checkQueued = win.requestAnimationFrame(check);
  };

  const observeDocsStyles = (): void => {
    if (styleObserver !== null) return;
    // Docs rewriting its own inline widths (its re-layout) is the moment to check again.
    styleObserver = new MutationObserver(queueCheck);
    for (const selector of [DOCS_SELECTORS.chrome, DOCS_SELECTORS.editor]) {
      const element = doc.querySelector(selector);
      if (element !== null) styleObserver.observe(element, { attributes: true, attributeFilter: ['style'] });
    }
  };

  const relayout = (): void => {
    // Docs only re-measures on `resize`; a synthetic one reaches its listeners like a real one.
    win.dispatchEvent(new Event('resize'));
  };

  /** After a change of the reserved width: Docs re-lays out beside it, then the result is checked. */
  const settle = (): void => {
    observeDocsStyles();
    relayout();
    queueCheck();
  };

  const restore = (): void => {
    if (reserved === 0) return;
    root.removeAttribute(ROOM_ATTRIBUTE);
    root.style.removeProperty(ROOM_PROPERTY);
    if (!rootHadStyle && root.style.length === 0) root.removeAttribute('style');
    reserved = 0;
    listening?.abort();
    listening = null;
    styleObserver?.disconnect();
    styleObserver = null;
    if (checkQueued !== 0) win.cancelAnimationFrame(checkQueued);
    checkQueued = 0;
    relayout();
  };

  return {
    reserve(width: number): void {
      if (options.signal.aborted) return;
      const rounded = Math.round(width);
      if (rounded <= 0) return restore();
      if (rounded === reserved) return;
      if (reserved === 0) {
        rootHadStyle = root.hasAttribute('style');
        root.setAttribute(ROOM_ATTRIBUTE, '');
        listening = new AbortController();
        win.addEventListener('resize', queueCheck, { signal: listening.signal });
        options.signal.addEventListener('abort', restore, { once: true, signal: listening.signal });
      }
      reserved = rounded;
      root.style.setProperty(ROOM_PROPERTY, `${reserved}px`);
      if (parsed) settle();
    },
    pageParsed(): void {
      if (parsed || options.signal.aborted) return;
      parsed = true;
      if (reserved !== 0) settle();
    },
    restore,
  };
}
