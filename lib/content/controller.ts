/**
 * The content script's job on docs.google.com: show the dock on documents (and only there),
 * follow Docs' in-app navigation, make room for the panel, and tell the background what the page
 * looks like. It never sees a conference note.
 *
 * Everything it starts is tied to WXT's `ctx`: when the extension is reloaded, updated or
 * disabled, the dock is removed and Docs lays itself out exactly as before.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { parseDocUrl } from '../doc-ref';
import { createDocsLayout, type DocsLayout } from '../docs/layout';
import { COMMENT_POSTER_GLOBAL, COMMENT_POSTER_PATH, type CreateCommentPoster, type PostComment } from '../docs/comment-poster-contract';
import { hearsShortcutInText, listenForShortcut } from '../docs/keyboard';
import { DOCS_SELECTORS } from '../docs/selectors';
import { readDocumentTitle, watchDocumentTitle } from '../docs/title';
import { isBackgroundToContent, type CommentOutcome, type ContentToBackground, type PageProblem, type PageReport, type PostCommentRequest } from '../messages';
import { createDock, type Dock } from './dock';
import { DEFAULT_DOCK_PREFS, DOCK_PREFS_KEY, parseDockPrefs, reservedWidth, type DockPrefs } from './dock-prefs';

/**
 * The few extension APIs the content script uses. It runs on every Docs page load, so it uses
 * the browser's own promise-based `browser`/`chrome` (via WXT) rather than bundling
 * webextension-polyfill (3 KB gzipped of the 8 KB budget) for APIs that are already promise-based
 * in MV3. Replies go through `sendResponse`, which every browser supports natively.
 */
export interface ContentBrowser {
  runtime: {
    readonly id?: string;
    getURL(path: '/panel.html' | typeof COMMENT_POSTER_PATH): string;
    sendMessage(message: ContentToBackground): Promise<unknown>;
    onMessage: {
      addListener(listener: ContentMessageListener): void;
      removeListener(listener: ContentMessageListener): void;
    };
  };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    onChanged: {
      addListener(listener: StorageChangeListener): void;
      removeListener(listener: StorageChangeListener): void;
    };
  };
}
type StorageChangeListener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => void;
/** Returns `true` when it will answer later (Chrome keeps the channel open only then). */
type ContentMessageListener = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => true | undefined;

/** How long a document's title may stay the last document's after Docs moves to it (see `titleStillOld`). */
export const TITLE_WAIT_MS = 10_000;

interface Mounted {
  dock: Dock;
  layout: DocsLayout;
}

export async function runContentScript(ctx: ContentScriptContext, browser: ContentBrowser, win: Window): Promise<void> {
  const doc = win.document;
  // The script starts before Docs' page is parsed (document_start), so the panel's frame can load
  // while Docs does; what needs the parsed page (its title, toolbar and editor) waits for it.
  let parsed = doc.readyState !== 'loading';
  const waitingForParse: (() => void)[] = [];
  const afterParse = (run: () => void): void => {
    if (parsed) run();
    else waitingForParse.push(run);
  };
  if (!parsed) {
    ctx.addEventListener(doc, 'DOMContentLoaded', () => {
      parsed = true;
      for (const run of waitingForParse.splice(0)) run();
    });
  }
  let prefs: DockPrefs = DEFAULT_DOCK_PREFS;
  let mounted: Mounted | null = null;
  let layoutFits = true;
  let lastSent = '';
  let warnedAboutTitle = false;
  /** Whether the shortcut typed in the document text reaches Confer (known once the page has loaded). */
  let shortcutInText = true;
  /** The comment poster, loaded on the first comment (see comment-poster-contract.ts). */
  let commentPoster: Promise<PostComment> | null = null;
  const postComment = async (request: PostCommentRequest): Promise<CommentOutcome> => {
    try {
      commentPoster ??= loadCommentPoster(browser.runtime.getURL(COMMENT_POSTER_PATH), win, ctx.signal);
      return await (await commentPoster)(request);
    } catch (error) {
      // Not loaded: nothing happened in the page, so the panel offers the comment on the clipboard
      // and says a reload of the tab fixes it (a fresh page loads Confer's files afresh). Tried
      // again next time.
      console.warn('Confer: the comment poster could not be loaded.', error);
      commentPoster = null;
      return { status: 'unreachable' };
    }
  };

  /** The document and title last reported (see `titleStillOld`). */
  let reported: { docId: string; title: string | null } | null = null;
  /** A document whose title is awaited, and whether TITLE_WAIT_MS has passed. */
  let titleWait: { docId: string; over: boolean } | null = null;
  /**
   * Docs moves to another document in the page by changing the address first, and the title once
   * that document has loaded (the fixture's navigateTo does the same). Until then the title shown
   * is the last document's, and reporting it would file this document under it and guess the
   * student from it: it is reported as still to come. Two documents can share a title, so this
   * waits TITLE_WAIT_MS at most.
   */
  const titleStillOld = (docId: string, title: string | null): boolean => {
    if (reported === null || reported.docId === docId || reported.title !== title) {
      titleWait = null;
      return false;
    }
    if (titleWait?.docId !== docId) {
      const wait: { docId: string; over: boolean } = { docId, over: false };
      titleWait = wait;
      ctx.setTimeout(() => {
        wait.over = true;
        sendReport();
      }, TITLE_WAIT_MS);
    }
    return !titleWait.over;
  };

  const report = (): PageReport => {
    const docId = parseDocUrl(win.location.href)?.docId;
    // Not a document (the Docs home): there is no title to read, nor a panel to tell.
    if (docId === undefined) return { title: null, problems: [] };
    const { title, fromTabTitle } = readDocumentTitle(doc);
    const titlePending = titleStillOld(docId, title);
    if (!titlePending) reported = { docId, title };
    const problems: PageProblem[] = [];
    if (!layoutFits) problems.push('layout-not-adjusted');
    if (fromTabTitle) {
      problems.push('title-not-found');
      if (!warnedAboutTitle) {
        warnedAboutTitle = true;
        console.warn(`Confer: Google Docs title elements (${DOCS_SELECTORS.titleInput}, ${DOCS_SELECTORS.titleLabel}) not found; using the tab title.`);
      }
    }
    if (!shortcutInText) problems.push('shortcut-not-in-text');
    return titlePending ? { title: null, problems, titlePending } : { title, problems };
  };

  /** Tells the background (and through it the panel) when what the panel shows has changed. */
  const sendReport = (): void => {
    // Before the page is parsed there is no title to report yet; one is sent once there is.
    if (ctx.isInvalid || !parsed) return;
    const message: ContentToBackground = { type: 'confer:page-changed', ...report() };
    const key = JSON.stringify([win.location.href, message]);
    if (key === lastSent) return;
    lastSent = key;
    browser.runtime.sendMessage(message).catch(() => {
      // The background may be restarting; the panel asks for a fresh report when it loads.
    });
  };

  const apply = (): void => {
    if (mounted === null) return;
    mounted.dock.render(prefs);
    mounted.layout.reserve(reservedWidth(prefs));
  };

  const savePrefs = (): void => {
    browser.storage.local.set({ [DOCK_PREFS_KEY]: prefs }).catch((error: unknown) => {
      console.warn('Confer: could not remember the panel’s size and state.', error);
    });
  };

  const mount = (): void => {
    if (mounted !== null || ctx.isInvalid) return;
    const dock = createDock(doc, {
      panelUrl: browser.runtime.getURL('/panel.html'),
      signal: ctx.signal,
      onToggle: () => setOpen(!prefs.open, false),
      onResize: (width, done) => {
        prefs = { ...prefs, width };
        apply();
        if (done) savePrefs();
      },
    });
    const layout = createDocsLayout(win, {
      signal: ctx.signal,
      onChecked: (fits) => {
        if (fits === layoutFits) return;
        layoutFits = fits;
        sendReport();
      },
    });
    const mountedNow: Mounted = { dock, layout };
    mounted = mountedNow;
    // Docs is narrowed from its first paint and the panel is already loading; the dock is shown
    // once the page is parsed and Docs has laid itself out beside it.
    apply();
    afterParse(() => {
      if (mounted !== mountedNow || ctx.isInvalid) return;
      layout.pageParsed();
      dock.show();
    });
  };

  const unmount = (): void => {
    if (mounted === null) return;
    mounted.dock.remove();
    mounted.layout.restore();
    mounted = null;
    layoutFits = true;
  };

  /** `fromKeyboard`: opening moves focus into the panel; closing the focused panel leaves it on the handle. */
  const setOpen = (open: boolean, fromKeyboard: boolean): void => {
    if (mounted === null) return;
    const hadFocus = mounted.dock.hasFocus();
    prefs = { ...prefs, open };
    apply();
    savePrefs();
    if (open && fromKeyboard) mounted.dock.focusPanel();
    if (!open && hadFocus) mounted.dock.focusToggle();
  };

  /** `href`: where the page is now. */
  const followLocation = (href: string): void => {
    if (parseDocUrl(href) !== null) mount();
    else unmount();
    // Report once the navigation has happened, so the browser's record of the tab's URL (which the
    // background trusts) is already the new one.
    queueMicrotask(() => sendReport());
  };

  const onMessage: ContentMessageListener = (message, _sender, sendResponse) => {
    if (!isBackgroundToContent(message) || ctx.isInvalid) return undefined;
    if (message.type === 'confer:toggle-panel') {
      setOpen(!prefs.open, true);
      sendResponse(mounted !== null);
    } else if (message.type === 'confer:close-panel') {
      setOpen(false, true);
      sendResponse(mounted !== null);
    } else if (message.type === 'confer:post-comment') {
      void postComment(message).then(sendResponse);
      return true;
    } else {
      // Answered at once, or (a panel that loaded before Docs' page was parsed) as soon as there
      // is a title to give it.
      afterParse(() => sendResponse(report()));
      return true;
    }
    return undefined;
  };

  // When the extension is reloaded, updated or disabled, Chrome leaves this script (and even the
  // panel's frame) in the page but silences every extension event, so nothing tells us. Reading
  // `ctx.isInvalid` notices (the runtime is gone) and tears everything down. We read it on what
  // the teacher does next in the tab — comes back to it, clicks, types — rather than on
  // a timer. https://developer.chrome.com/docs/extensions/develop/concepts/content-scripts#functionality
  for (const type of ['visibilitychange', 'pointerdown', 'keydown', 'focusin'] as const) {
    ctx.addEventListener(doc, type, () => void ctx.isInvalid, { capture: true, passive: true });
  }
  // (Not `resize`: Confer fires that itself to make Docs re-lay out.)
  for (const type of ['focus', 'blur'] as const) {
    ctx.addEventListener(win, type, () => void ctx.isInvalid, { passive: true });
  }

  // The panel's width follows a resize made in another Docs tab (its open/closed state stays this
  // tab's own: closing it in one tab shouldn't close it in the others).
  const onStorageChanged: StorageChangeListener = (changes, areaName) => {
    const change = changes[DOCK_PREFS_KEY];
    if (areaName !== 'local' || change === undefined || ctx.isInvalid) return;
    const width = parseDockPrefs(change.newValue).width;
    if (width === prefs.width) return;
    prefs = { ...prefs, width };
    apply();
  };

  ctx.onInvalidated(() => {
    // Give Docs back its page first: after a reload or uninstall `browser.runtime` may be gone
    // altogether, and then there is no listener left to remove.
    unmount();
    browser.runtime?.onMessage.removeListener(onMessage);
    browser.storage?.onChanged.removeListener(onStorageChanged);
  });
  browser.runtime.onMessage.addListener(onMessage);
  browser.storage.onChanged.addListener(onStorageChanged);
  // WXT reports a navigation as it starts (the Navigation API's `navigate` event), including ones
  // that never move this page: File > Download answers with an attachment, a link is cancelled.
  // So follow where the page is once that event's task is over, not where it was headed.
  // https://developer.mozilla.org/docs/Web/API/NavigateEvent/downloadRequest
  ctx.addEventListener(win, 'wxt:locationchange', () => ctx.setTimeout(() => followLocation(win.location.href), 0));
  // Back to this page from the browser's back-forward cache: the tab's loading greyed the toolbar
  // button (lib/background.ts), and nothing else would tell the background what page this is.
  ctx.addEventListener(win, 'pageshow', (event) => {
    if (!event.persisted) return;
    lastSent = '';
    sendReport();
  });
  // If the shortcut (lib/shortcut.ts) typed in the document text can't reach Confer, the teacher
  // is told. (Only beside a document: the Docs home has no document text, and no panel to tell.)
  ctx.addEventListener(win, 'load', () => {
    shortcutInText = mounted === null || hearsShortcutInText(doc);
    sendReport();
  });
  afterParse(() => {
    watchDocumentTitle(doc, () => sendReport(), ctx.signal);
    listenForShortcut(win, { onShortcut: () => setOpen(!prefs.open, true), isLive: () => !ctx.isInvalid && mounted !== null, signal: ctx.signal });
    sendReport();
  });

  try {
    const stored = await browser.storage.local.get(DOCK_PREFS_KEY);
    prefs = parseDockPrefs(stored[DOCK_PREFS_KEY]);
  } catch (error) {
    console.warn('Confer: could not read the panel’s remembered size; using the default.', error);
  }
  followLocation(win.location.href);
}

/** Loads the comment poster into this (isolated) world and starts it for this page. */
async function loadCommentPoster(url: string, win: Window, signal: AbortSignal): Promise<PostComment> {
  await import(/* @vite-ignore */ url);
  const create = (globalThis as Record<string, unknown>)[COMMENT_POSTER_GLOBAL] as CreateCommentPoster | undefined;
  if (typeof create !== 'function') throw new Error(`${url} did not provide ${COMMENT_POSTER_GLOBAL}`);
  return create(win, signal);
}
