/**
 * Hearing a keyboard shortcut anywhere in a Docs tab.
 *
 * While the document has focus, Docs sends keystrokes to a hidden same-origin frame
 * (`textEventFrame`), so the top page never sees them; Confer listens there as well as on the
 * top page (title bar, toolbar, menus, the dock). The frame can appear after the content script
 * starts, so `<body>`'s children are observed (not its subtree: that stays cheap).
 */
import { DOCS_SELECTORS, findOrWarn } from './selectors';

export interface ShortcutOptions {
  isShortcut(event: KeyboardEvent): boolean;
  onShortcut(): void;
  signal: AbortSignal;
}

export function listenForShortcut(win: Window, options: ShortcutOptions): void {
  const { signal } = options;
  const watched = new WeakSet<Window>();
  const watchedFrames = new WeakSet<HTMLIFrameElement>();

  const onKeyDown = (event: KeyboardEvent): void => {
    if (!options.isShortcut(event)) return;
    // Ours: Docs should not also act on it.
    event.preventDefault();
    event.stopImmediatePropagation();
    options.onShortcut();
  };

  const listenIn = (target: Window | null): void => {
    if (target === null || watched.has(target)) return;
    watched.add(target);
    target.addEventListener('keydown', onKeyDown, { capture: true, signal });
  };

  const listenInTextFrame = (warnIfMissing: boolean): void => {
    const frame = warnIfMissing
      ? findOrWarn<HTMLIFrameElement>(win.document, 'textEventFrame', 'Alt+Shift+C works only outside the document text')
      : win.document.querySelector<HTMLIFrameElement>(DOCS_SELECTORS.textEventFrame);
    if (frame === null) return;
    // Docs may reload the frame's document; each new window needs its own listener.
    if (!watchedFrames.has(frame)) {
      watchedFrames.add(frame);
      frame.addEventListener('load', () => listenIn(frame.contentWindow), { signal });
    }
    listenIn(frame.contentWindow);
  };

  listenIn(win);
  if (win.document.body !== null) {
    const observer = new MutationObserver(() => listenInTextFrame(false));
    observer.observe(win.document.body, { childList: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  }
  // By the time the page has loaded, Docs has made the frame; if not, say so once.
  if (win.document.readyState === 'complete') listenInTextFrame(true);
  else win.addEventListener('load', () => listenInTextFrame(true), { once: true, signal });
}
