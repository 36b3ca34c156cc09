import { useCallback, useEffect, useState } from 'preact/hooks';
import { onNotebookChange, touches } from '../lib/notebook/changes';
import { getDocumentHistory, type DocumentHistory } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

export type HistoryState = { status: 'loading' } | { status: 'ready'; history: DocumentHistory } | { status: 'failed'; message: string };

/**
 * One document's records, kept current: a change saved in this panel, another tab's panel or the
 * class view (announced on the notebook's BroadcastChannel) is read again at once.
 */
export function useDocumentHistory(docId: string): HistoryState {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    getDocumentHistory(docId).then(
      (history) => live && setState({ status: 'ready', history }),
      (error: unknown) => live && setState({ status: 'failed', message: describeStorageError(error) }),
    );
    return () => {
      live = false;
    };
  }, [docId, version]);

  const studentIds = state.status === 'ready' ? state.history.students.map((student) => student.id) : [];
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
