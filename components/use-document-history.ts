import { useCallback, useEffect, useState } from 'preact/hooks';
import { onNotebookChange, touches } from '../lib/notebook/changes';
import { getStudentHistory, type OpeningView, type StudentHistory } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

/**
 * What History shows. A suggested student's history is read too: the panel shows their conferences
 * on other documents once the teacher confirms the name (see DocumentNotebook), and the document is
 * linked to them only when the teacher saves or confirms.
 */
export interface ShownHistory extends StudentHistory {
  /** When this was read: "N days ago" and "this month" are counted from here. */
  readAt: number;
}

export type HistoryState =
  | { status: 'loading' }
  | { status: 'ready'; history: ShownHistory }
  /** `retry` reads it again (the teacher's "Try again"). */
  | { status: 'failed'; message: string; retry(): void };

/**
 * One document's records and its student's conferences elsewhere, kept current: a change saved in
 * this panel, another tab's panel or the class view (announced on the notebook's BroadcastChannel)
 * is read again at once. `opening` (the background's read ahead) is shown until the first read here
 * arrives, if it was read for this document and name.
 */
export function useDocumentHistory(docId: string, suggestedName: string | null, opening: OpeningView | null = null): HistoryState {
  const [state, setState] = useState<HistoryState>(() => (opening !== null && isFor(opening, docId, suggestedName) ? openingState(opening) : { status: 'loading' }));
  const [version, setVersion] = useState(0);
  // The background's read, if it comes before this document's first read here.
  useEffect(() => {
    if (opening === null || !isFor(opening, docId, suggestedName)) return;
    setState((old) => (old.status === 'loading' ? openingState(opening) : old));
  }, [opening]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  /** "Try again": says it is reading (so a second failure is seen as one), and reads. */
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    reload();
  }, [reload]);

  useEffect(() => {
    let live = true;
    getStudentHistory(docId, suggestedName).then(
      (history) => live && setState({ status: 'ready', history: { ...history, readAt: Date.now() } }),
      (error: unknown) => live && setState({ status: 'failed', message: describeStorageError(error), retry }),
    );
    return () => {
      live = false;
    };
  }, [docId, suggestedName, version]);

  const studentIds = state.status === 'ready' ? [...state.history.students, ...(state.history.suggested === null ? [] : [state.history.suggested])].map((student) => student.id) : [];
  const studentKey = studentIds.join(',');
  useEffect(
    () =>
      onNotebookChange((change) => {
        if (touches(change, docId, studentIds)) reload();
      }),
    // studentKey stands for studentIds (a new array each render).
    [docId, studentKey, reload],
  );

  return state;
}

/**
 * Whether the background's read shows what this panel would read: the same document, and the
 * same suggested name, unless the document has its student (then no suggestion is read).
 */
function isFor(opening: OpeningView, docId: string, suggestedName: string | null): boolean {
  return opening.docId === docId && (opening.suggestedName === suggestedName || opening.history.students.length > 0);
}

function openingState(opening: OpeningView): HistoryState {
  return { status: 'ready', history: { ...opening.history, readAt: Date.now() } };
}
