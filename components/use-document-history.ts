import { useCallback, useEffect, useState } from 'preact/hooks';
import { onNotebookChange, touches } from '../lib/notebook/changes';
import type { Student } from '../lib/notebook/model';
import { findStudentByName, getDocumentHistory, getOtherConferences, type DocumentHistory, type StudentConferences } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

export interface StudentHistory extends DocumentHistory {
  /** The same student's conferences on their other documents. */
  others: StudentConferences;
  /**
   * When no student is linked yet: the known student whose name the title suggests. Their history
   * is shown; the document is linked to them only when the teacher saves or confirms.
   */
  suggested: Student | null;
  /** When this was read: "N days ago" and "this month" are counted from here. */
  readAt: number;
}

export type HistoryState = { status: 'loading' } | { status: 'ready'; history: StudentHistory } | { status: 'failed'; message: string };

/**
 * One document's records and its student's conferences elsewhere, kept current: a change saved in
 * this panel, another tab's panel or the class view (announced on the notebook's BroadcastChannel)
 * is read again at once.
 */
export function useDocumentHistory(docId: string, suggestedName: string | null): HistoryState {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    (async () => {
      const history = await getDocumentHistory(docId);
      const suggested = history.students.length === 0 && suggestedName !== null ? await findStudentByName(suggestedName) : null;
      const students = suggested === null ? history.students : [suggested];
      const others = await getOtherConferences(
        students.map((student) => student.id),
        docId,
      );
      return { ...history, others, suggested, readAt: Date.now() };
    })().then(
      (history) => live && setState({ status: 'ready', history }),
      (error: unknown) => live && setState({ status: 'failed', message: describeStorageError(error) }),
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
