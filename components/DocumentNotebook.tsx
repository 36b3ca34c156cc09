import { useEffect, useRef, useState } from 'preact/hooks';
import type { DocRef } from '../lib/doc-ref';
import { noteDocumentOpened, setDocumentStudent } from '../lib/notebook/notebook';
import { requestPersistentStorage } from '../lib/notebook/persistence';
import { ConferenceForm } from './ConferenceForm';
import { HistoryList } from './HistoryList';
import { StudentField } from './StudentField';
import { useDocumentHistory } from './use-document-history';

/** Asked once per panel page: that the browser never evicts the notebook when disk space runs low. */
let persistenceAsked = false;

/** The student, their history and the conference form for one document. */
export function DocumentNotebook({ doc, title }: { doc: DocRef; title: string | null }) {
  const history = useDocumentHistory(doc.docId);

  // Keep the notebook's record of the document: its latest title, when it was last opened.
  useEffect(() => {
    noteDocumentOpened(doc, title).catch((error: unknown) => console.warn('Confer: could not note that this document was opened.', error));
  }, [doc.docId, title]);

  useEffect(() => {
    if (persistenceAsked) return;
    persistenceAsked = true;
    requestPersistentStorage().catch((error: unknown) => console.warn('Confer: could not ask for persistent storage.', error));
  }, []);

  // "N days ago" is worked out from the time the history was last read.
  const [now, setNow] = useState(Date.now);
  useEffect(() => setNow(Date.now()), [history]);
  const savedName = history.status === 'ready' ? (history.history.students[0]?.name ?? null) : history.status === 'failed' ? null : undefined;

  // A conference saved while the Student field still shows the title's suggestion is the
  // suggested student's: accepting it by saving is what a teacher means.
  const suggestion = useRef<string | null>(null);
  const linkSuggestedStudent = async (): Promise<void> => {
    if (suggestion.current !== null) await setDocumentStudent(doc, suggestion.current);
  };

  return (
    <>
      <StudentField doc={doc} title={title} savedName={savedName} onSuggestionShown={(name) => (suggestion.current = name)} />
      <HistoryList state={history} now={now} />
      <ConferenceForm docId={doc.docId} beforeSave={linkSuggestedStudent} />
    </>
  );
}
