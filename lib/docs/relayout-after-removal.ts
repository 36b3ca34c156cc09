/**
 * Firefox only, in the Docs page's own world (which outlives Confer's content script): when
 * Firefox turns Confer off or removes it, it runs none of Confer's code, but it does take Confer's
 * manifest style sheets out of the page (layout.css, dock-host.css). Docs' editor then widens
 * again and the dock, still in the page, is no longer displayed. Docs re-centres its pages only
 * on `resize`, so this fires one then, as `restore()` in layout.ts does where Confer can run.
 * (Chrome leaves a turned-off extension's content script able to clean up after itself.)
 */
import { DOCK_TAG } from '../content/dock-tag';
import { DOCS_SELECTORS } from './selectors';

export function relayoutDocsWhenConferIsRemoved(win: Window): void {
  const doc = win.document;
  const watch = (): void => {
    const editor = doc.querySelector(DOCS_SELECTORS.editor);
    // (No editor: the content script warns about it, and there is nothing to re-centre.)
    if (editor === null) return;
    let removed = false;
    // The editor's size changes when the sheets go; a dock in the page but not displayed says why.
    new ResizeObserver(() => {
      const dock = doc.querySelector(DOCK_TAG);
      const nowRemoved = dock !== null && win.getComputedStyle(dock).display === 'none';
      if (nowRemoved && !removed) win.dispatchEvent(new Event('resize'));
      removed = nowRemoved;
    }).observe(editor);
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();
}
