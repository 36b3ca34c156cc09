import type { PanelContext } from '../lib/messages';

/** The document the panel sits beside, its title shown as plain text, however strange. */
export function DocumentHeader({ context }: { context: PanelContext & { doc: NonNullable<PanelContext['doc']> } }) {
  return (
    <header class="doc-header">
      <p class="eyebrow">Conferring on</p>
      {/* elementtiming: lets `npm run bench` read when the title was painted (Element Timing API). */}
      <h1 class="doc-title" dir="auto" title={context.title ?? undefined} elementtiming="document-title">
        {context.title ?? 'Untitled document'}
      </h1>
    </header>
  );
}
