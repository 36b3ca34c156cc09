import { useEffect, useRef, useState } from 'preact/hooks';
import type { Browser } from 'webextension-polyfill';
import type { DocRef } from '../lib/doc-ref';
import { PAGE_PROBLEMS } from '../lib/messages';
import { noteDocumentOpened, setDocumentStudent } from '../lib/notebook/notebook';
import { requestPersistentStorage } from '../lib/notebook/persistence';
import { ConferenceForm } from './ConferenceForm';
import { DocumentHeader } from './DocumentHeader';
import { HistoryList } from './HistoryList';
import { Notice } from './Notice';
import { StudentField } from './StudentField';
import { useDocumentHistory } from './use-document-history';
import { useCloseShortcut } from './use-close-shortcut';
import { usePanelContext } from './use-panel-context';

/** The whole panel beside a document. */
export function Panel({ browser }: { browser: Browser }) {
  const state = usePanelContext(browser);
  useCloseShortcut(browser);
  const context = state.status === 'ready' ? state.context : null;
  const doc = context?.doc ?? null;
  const title = context?.title ?? null;

  // Keep the notebook's record of the document (its latest title, when it was last opened).
  useEffect(() => {
    if (doc === null) return;
    noteDocumentOpened(doc, title).catch((error: unknown) => {
      console.warn('Confer: could not note that this document was opened.', error);
    });
  }, [doc?.docId, title]);

  // Ask once that the browser never evicts the notebook when disk space runs low.
  useEffect(() => {
    requestPersistentStorage().catch((error: unknown) => console.warn('Confer: could not ask for persistent storage.', error));
  }, []);

  if (state.status === 'loading') {
    return (
      <main class="panel" aria-busy="true">
        <p class="loading">Finding the document…</p>
      </main>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <main class="panel">
        <Notice tone="warning" title="Confer can’t tell which document this is">
          Reload the Google Docs tab. If this keeps happening, turn Confer off and on again in your browser’s extensions page.
        </Notice>
      </main>
    );
  }
  if (context === null || doc === null) {
    return (
      <main class="panel">
        <Notice tone="info" title="No document here">
          Open a student’s Google Doc and Confer will show their conferences beside it.
        </Notice>
      </main>
    );
  }
  return (
    <main class="panel">
      <DocumentHeader context={{ ...context, doc }} />
      {context.problems.map((problem) => (
        <Notice key={problem} tone="warning">
          {PAGE_PROBLEMS[problem]}
        </Notice>
      ))}
      <DocumentNotebook key={doc.docId} doc={doc} title={context.title} />
    </main>
  );
}

/** The student, their history and the conference form for one document. */
function DocumentNotebook({ doc, title }: { doc: DocRef; title: string | null }) {
  const history = useDocumentHistory(doc.docId);
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
