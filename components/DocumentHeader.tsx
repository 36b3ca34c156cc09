import type { PanelContext } from '../lib/messages';

/** The document the panel sits beside, its title shown as plain text, however strange. */
export function DocumentHeader({ context }: { context: PanelContext & { doc: NonNullable<PanelContext['doc']> } }) {
  return (
    <header class="doc-header">
      <p class="eyebrow">Conferring on</p>
      {context.pending ? (
        // Docs is still loading: the title comes with the page's report (the notebook opens meanwhile).
        <h1 key="pending" class="doc-title doc-title-pending">
          Reading the title…
        </h1>
      ) : (
        // elementtiming: lets `npm run bench` read when the title was painted (Element Timing API).
        // A new element (its own key), as the browser times only elements that have the attribute
        // when they are first painted.
        <h1 key="title" class="doc-title" dir="auto" title={context.title ?? undefined} elementtiming="document-title">
          {context.title ?? 'Untitled document'}
        </h1>
      )}
    </header>
  );
}
