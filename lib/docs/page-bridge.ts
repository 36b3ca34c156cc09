/**
 * Confer's page-world helper on Google Docs (see `page-bridge-protocol.ts` for why it exists).
 * It runs in the page's own JavaScript world, so it holds nothing private: it is told only which
 * of two operations to do, never any text, and it answers with what the page already shows. It
 * also passes on Confer's shortcut (lib/shortcut.ts) typed in the document (only that the key
 * was pressed).
 */
import {
  PAGE_BRIDGE_REPLY_EVENT,
  PAGE_BRIDGE_REQUEST_EVENT,
  PAGE_BRIDGE_SHORTCUT_EVENT,
  PAGE_BRIDGE_VERSION,
  annotatedSelection,
  encodeBridgeMessage,
  parseBridgeRequest,
  type AnnotatedSelection,
  type PageBridgeReply,
} from './page-bridge-protocol';
import { isToggleShortcut, onMac } from '../shortcut';
import { DOCS_SELECTORS } from './selectors';

/** What Docs' annotate API hands back (undocumented; offsets count a leading '\u0003'). */
interface AnnotatedText {
  getText(): string;
  getSelection(): Array<{ start: number; end: number }>;
}
interface DocsPageWindow extends Window {
  _docs_annotate_canvas_by_ext?: string;
  _docs_annotate_getAnnotatedText?: (extensionId: string) => Promise<AnnotatedText>;
}

/**
 * The id Docs' annotate API is asked for: this extension's own Chrome id, read from the address
 * this script was loaded from (a page-world script has no `chrome.runtime`). `null` if it can't be
 * read, and then Confer reads the selection with the copy trick alone. Also `null` in Firefox:
 * Docs offers the API to Chrome extensions only, and a Firefox extension's address holds an id
 * made for this one installation, which Confer doesn't hand the page. (A page determined to find it
 * could still: this script's own address, with that id, is in the stack of any page code it calls,
 * and in Firefox it has to call Docs' key listeners to press the comment shortcut.)
 */
export function ownExtensionId(stack: string | undefined): string | null {
  return /chrome-extension:\/\/([a-p]{32})\//u.exec(stack ?? '')?.[1] ?? null;
}

/** Docs' hidden keystroke frame (see DOCS_SELECTORS.textEventFrame), if Docs has made it. */
function keystrokeFrame(win: Window): HTMLIFrameElement | null {
  return win.document.querySelector<HTMLIFrameElement>(DOCS_SELECTORS.textEventFrame);
}

/**
 * Ctrl+Alt+M (⌘+Option+M) as Docs hears the teacher's: keydown then keyup on the keystroke
 * frame's text box, with `keyCode`/`which` 77 (Docs reads those). Never a keypress: that would
 * type an "m" into the document.
 */
function pressCommentShortcut(win: Window): boolean {
  const frameDoc = keystrokeFrame(win)?.contentDocument ?? null;
  if (frameDoc === null) return false;
  const target = frameDoc.querySelector(DOCS_SELECTORS.textEventTarget) ?? frameDoc.body ?? frameDoc.documentElement;
  const mac = onMac(win.navigator);
  for (const type of ['keydown', 'keyup'] as const) {
    const event = new KeyboardEvent(type, { key: 'm', code: 'KeyM', ctrlKey: !mac, metaKey: mac, altKey: true, bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(event, 'keyCode', { get: () => 77 });
    Object.defineProperty(event, 'which', { get: () => 77 });
    target.dispatchEvent(event);
  }
  return true;
}

async function readSelection(win: DocsPageWindow, extensionId: string | null): Promise<AnnotatedSelection | null> {
  const api = win._docs_annotate_getAnnotatedText;
  if (extensionId === null || typeof api !== 'function') return null;
  try {
    // Asked afresh every time: what it returns is a snapshot.
    const annotated = await api(extensionId);
    const [range] = annotated.getSelection();
    if (range === undefined) return null;
    return annotatedSelection(annotated.getText(), range.start, range.end);
  } catch (error) {
    console.warn('Confer: Google Docs’ annotated text (_docs_annotate_getAnnotatedText) failed; using the copy trick.', error);
    return null;
  }
}

/**
 * Starts the page-world helper. Called at document_start, before Docs' own scripts run.
 * A page-world script has no WXT `ctx` (no extension APIs at all), so its one listener can't be
 * tied to Confer's lifetime: after Confer is disabled it stays until the tab reloads, answering
 * only well-formed requests that nothing sends any more.
 */
export function startPageBridge(win: DocsPageWindow, extensionId: string | null): void {
  // Docs offers its annotate API only to an extension that asks for it before Docs starts.
  if (extensionId !== null && win._docs_annotate_canvas_by_ext === undefined) win._docs_annotate_canvas_by_ext = extensionId;

  const reply = (message: PageBridgeReply): void => {
    win.dispatchEvent(new CustomEvent(PAGE_BRIDGE_REPLY_EVENT, { detail: encodeBridgeMessage(message) }));
  };

  win.addEventListener(PAGE_BRIDGE_REQUEST_EVENT, (event) => {
    const request = parseBridgeRequest((event as CustomEvent<unknown>).detail);
    if (request === null) return;
    if (request.op === 'press-comment-shortcut') {
      reply({ v: PAGE_BRIDGE_VERSION, id: request.id, op: request.op, pressed: pressCommentShortcut(win) });
    } else {
      void readSelection(win, extensionId).then((selection) => reply({ v: PAGE_BRIDGE_VERSION, id: request.id, op: 'read-selection', selection }));
    }
  });
}

/**
 * Passes the shortcut on to the content script: pressed on the top page (title bar, toolbar,
 * menus, the dock), or typed in the document. While the document has focus, Docs sends keystrokes
 * to its hidden keystroke frame (`textEventFrame`), which it makes after this script starts and may
 * load afresh or rewrite; every frame's `load` event passes the document on its way (captured: it
 * doesn't bubble), which is when the frame's window is listened to again.
 *
 * The key is kept from Docs only when the content script takes it (it cancels the event, see
 * PAGE_BRIDGE_SHORTCUT_EVENT): with Confer turned off, Docs gets it. Like the bridge's listener,
 * this stays until the tab reloads; it does nothing but ask. (A page without the keystroke frame
 * is reported to the teacher by the content script: see `report` in lib/content/controller.ts.)
 */
export function forwardToggleShortcut(win: Window): void {
  const mac = onMac(win.navigator);
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!isToggleShortcut(event, mac) || win.dispatchEvent(new Event(PAGE_BRIDGE_SHORTCUT_EVENT, { cancelable: true }))) return;
    // Confer's: Docs should not also act on it.
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  // Added again on every load, and no record kept of where it was added: the browser ignores the
  // same listener added twice, and a frame's document rewritten with document.open() has lost its
  // window's listeners while keeping that window (https://html.spec.whatwg.org/#document-open-steps).
  const listenIn = (target: Window | null | undefined): void => target?.addEventListener('keydown', onKeyDown, { capture: true });
  listenIn(win);
  listenIn(keystrokeFrame(win)?.contentWindow);
  win.document.addEventListener('load', () => listenIn(keystrokeFrame(win)?.contentWindow), { capture: true });
}
