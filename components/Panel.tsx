import { useEffect } from 'preact/hooks';
import type { Browser } from 'webextension-polyfill';
import { PAGE_PROBLEMS } from '../lib/messages';
import { rememberDocumentOpened } from '../lib/store/documents';
import { DocumentHeader } from './DocumentHeader';
import { Notice } from './Notice';
import { StudentField } from './StudentField';
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
    rememberDocumentOpened(doc, title).catch((error: unknown) => {
      console.warn('Confer: could not note that this document was opened.', error);
    });
  }, [doc?.docId, title]);

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
      <StudentField key={doc.docId} docId={doc.docId} title={context.title} />
    </main>
  );
}
