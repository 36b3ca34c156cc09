import { useEffect, useState } from 'preact/hooks';
import type { PanelBrowser } from './panel-browser';
import { PAGE_PROBLEMS } from '../lib/messages';
import { DocumentHeader } from './DocumentHeader';
import { Notice } from './Notice';
import { useCloseShortcut } from './use-close-shortcut';
import { usePanelContext } from './use-panel-context';

/** The whole panel beside a document. */
export function Panel({ browser }: { browser: PanelBrowser }) {
  const state = usePanelContext(browser);
  useCloseShortcut(browser);
  const context = state.status === 'ready' ? state.context : null;
  const doc = context?.doc ?? null;
  const notebookView = useNotebookView();
  const headerPainted = useAfterPaint(doc !== null);

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
      {notebookView.status === 'ready' && headerPainted ? (
        <notebookView.DocumentNotebook
          key={doc.docId}
          browser={browser}
          doc={doc}
          title={context.pending ? undefined : context.title}
          opening={state.opening?.docId === doc.docId ? state.opening : null}
        />
      ) : notebookView.status === 'failed' ? (
        <Notice tone="warning" title="Part of Confer didn’t load">
          Reload the Google Docs tab. If this keeps happening, turn Confer off and on again in your browser’s extensions page.
        </Notice>
      ) : (
        <p class="loading">Opening the notebook…</p>
      )}
    </main>
  );
}

/**
 * The notebook half of the panel (its storage, forms and history) is a separate chunk, fetched
 * while the panel asks which document it is beside: the title paints without waiting for it. The
 * notebook's database is opened as soon as the chunk is here, meanwhile too.
 */
const notebookModule = import('./DocumentNotebook').then((module) => {
  module.openNotebookEarly();
  return module;
});

type NotebookView = { status: 'loading' } | { status: 'ready'; DocumentNotebook: typeof import('./DocumentNotebook').DocumentNotebook } | { status: 'failed' };

function useNotebookView(): NotebookView {
  const [view, setView] = useState<NotebookView>({ status: 'loading' });
  useEffect(() => {
    notebookModule.then(
      (module) => setView({ status: 'ready', DocumentNotebook: module.DocumentNotebook }),
      (error: unknown) => {
        console.warn('Confer: the notebook part of the panel failed to load.', error);
        setView({ status: 'failed' });
      },
    );
  }, []);
  return view;
}

/**
 * True from the frame after `ready` first painted. The notebook (history, forms, banks) renders
 * then, so the teacher sees which document and student this is without waiting for all of it.
 * (Preact runs effects after the browser has painted.)
 */
function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (ready) setPainted(true);
  }, [ready]);
  return painted;
}
