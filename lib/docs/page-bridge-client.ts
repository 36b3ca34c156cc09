/**
 * The content script's side of the page bridge (see `page-bridge-protocol.ts`): asks Confer's
 * page-world script to press Docs' comment shortcut or read the selection, and waits briefly for
 * its answer. Without an answer (an old Docs tab whose page script is from before an update, or a
 * browser without page-world scripts) every operation reports "not done", and the caller falls
 * back to what the isolated world can do on its own.
 */
import {
  PAGE_BRIDGE_REPLY_EVENT,
  PAGE_BRIDGE_REQUEST_EVENT,
  PAGE_BRIDGE_VERSION,
  encodeBridgeMessage,
  parseBridgeReply,
  type AnnotatedSelection,
  type PageBridgeOperation,
  type PageBridgeReply,
} from './page-bridge-protocol';

export interface PageBridge {
  /** True when Ctrl+Alt+M was pressed in Docs' keystroke frame (not that Docs acted on it). */
  pressCommentShortcut(): Promise<boolean>;
  /** The selection from Docs' annotate API; `null` when that API is not available here. */
  readSelection(): Promise<AnnotatedSelection | null>;
}

/** The page script answers at once; anything slower means it is not there. */
export const PAGE_BRIDGE_TIMEOUT_MS = 300;

export function connectPageBridge(win: Window, signal: AbortSignal, timeoutMs = PAGE_BRIDGE_TIMEOUT_MS): PageBridge {
  const waiting = new Map<string, (reply: PageBridgeReply | null) => void>();

  win.addEventListener(
    PAGE_BRIDGE_REPLY_EVENT,
    (event) => {
      // The page can dispatch this event too: only a well-formed answer to a question we asked counts.
      const reply = parseBridgeReply((event as CustomEvent<unknown>).detail);
      if (reply !== null) waiting.get(reply.id)?.(reply);
    },
    { signal },
  );

  const ask = (op: PageBridgeOperation): Promise<PageBridgeReply | null> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve(null);
      const id = crypto.randomUUID();
      const finish = (reply: PageBridgeReply | null): void => {
        if (!waiting.delete(id)) return;
        win.clearTimeout(timer);
        resolve(reply !== null && reply.op === op ? reply : null);
      };
      const timer = win.setTimeout(() => finish(null), timeoutMs);
      waiting.set(id, finish);
      win.dispatchEvent(new CustomEvent(PAGE_BRIDGE_REQUEST_EVENT, { detail: encodeBridgeMessage({ v: PAGE_BRIDGE_VERSION, id, op }) }));
    });

  return {
    async pressCommentShortcut() {
      const reply = await ask('press-comment-shortcut');
      return reply?.op === 'press-comment-shortcut' && reply.pressed;
    },
    async readSelection() {
      const reply = await ask('read-selection');
      return reply?.op === 'read-selection' ? reply.selection : null;
    },
  };
}
