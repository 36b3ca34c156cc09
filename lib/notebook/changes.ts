/**
 * Telling every open Confer page (each tab's panel, the class view) that the notebook changed, so a
 * conference saved in one tab shows in the others at once. BroadcastChannel reaches every page of
 * the extension's own origin, and only those: docs.google.com cannot post on it.
 */

/** What changed, by document and student, or everything (import, delete everything). */
export interface NotebookChange {
  documents?: string[];
  students?: string[];
  /**
   * Only the conference being written on these documents (a draft, saved as the teacher types).
   * Kept apart from `documents` so typing doesn't make every panel re-read the document's history.
   */
  drafts?: string[];
  /** Question bank, compliment bank or settings. */
  banks?: boolean;
  everything?: boolean;
}

const CHANNEL = 'confer-notebook';
type Listener = (change: NotebookChange) => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | null = null;

/**
 * Tells every listener, each on its own: one that throws (a page part showing the change) must
 * neither keep the others from hearing it nor make a committed write look failed to its caller,
 * who would then offer to save the conference a second time.
 */
function tellListeners(change: NotebookChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error('Confer: a page part could not show a notebook change.', error);
    }
  }
}

function openChannel(): BroadcastChannel | null {
  if (channel === null && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const change = parseChange(event.data);
      if (change !== null) tellListeners(change);
    };
  }
  return channel;
}

/** Announces a committed change to this page's listeners and every other Confer page. */
export function announceChange(change: NotebookChange): void {
  tellListeners(change);
  openChannel()?.postMessage(change);
}

/** Calls `listener` for every change, from this page or another. Returns the unsubscribe. */
export function onNotebookChange(listener: Listener): () => void {
  openChannel();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Does this change touch what a page showing `documentId` / `studentIds` displays? */
export function touches(change: NotebookChange, documentId: string | null, studentIds: readonly string[] = []): boolean {
  if (change.everything === true) return true;
  if (documentId !== null && change.documents?.includes(documentId) === true) return true;
  return studentIds.some((id) => change.students?.includes(id) === true);
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Only the extension's own pages can post here, but a malformed message still must not break one. */
export function parseChange(data: unknown): NotebookChange | null {
  if (typeof data !== 'object' || data === null) return null;
  const { documents, students, drafts, banks, everything } = data as Record<string, unknown>;
  if (documents !== undefined && !isStringArray(documents)) return null;
  if (students !== undefined && !isStringArray(students)) return null;
  if (drafts !== undefined && !isStringArray(drafts)) return null;
  if (banks !== undefined && typeof banks !== 'boolean') return null;
  if (everything !== undefined && typeof everything !== 'boolean') return null;
  return { documents, students, drafts, banks, everything };
}

/** For tests: close the channel so a test run can end. */
export function closeChangeChannel(): void {
  channel?.close();
  channel = null;
  listeners.clear();
}
