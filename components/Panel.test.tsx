import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelContext } from '../lib/messages';
import { emptyConferenceContent } from '../lib/notebook/model';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { Panel } from './Panel';
import type { PanelBrowser } from './panel-browser';
import { until, useRenderRoot } from './test-helpers';

const browser = fakeBrowser as unknown as PanelBrowser;
useFreshNotebook();
const root = useRenderRoot();
afterEach(() => fakeBrowser.reset());

const DOC = { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: null, tab: null };
/** What the background says while Docs' page is still being parsed: which document, no title yet. */
const LOADING: PanelContext = { tabId: 7, doc: DOC, title: null, problems: [], pending: true };

const heading = (): string => root.querySelector('h1')?.textContent ?? '';
const field = (label: string): HTMLInputElement | HTMLTextAreaElement | null => {
  const labelElement = [...root.querySelectorAll('label')].find((element) => element.textContent === label);
  return labelElement === undefined ? null : root.querySelector(`#${CSS.escape(labelElement.htmlFor)}`);
};

describe('the panel beside a document that is still loading', () => {
  it('opens the notebook before Docs has said the title, then shows the title and the student it suggests', async () => {
    await notebook.setDocumentStudent(DOC, 'Maya Okafor');
    await notebook.saveConference(DOC.docId, { ...emptyConferenceContent(), focus: 'Dialogue tags' }, { startedAt: Date.now() - 86_400_000 });
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => ((message as { type?: string }).type === 'confer:get-context' ? Promise.resolve(LOADING) : undefined));
    render(<Panel browser={browser} />, root);

    // Docs is still loading: the title is said to be coming, not "Untitled document", and the
    // student's history and the conference form are there already.
    await until(() => root.textContent?.includes('Dialogue tags') === true && field('Teaching point')?.disabled === false);
    expect(heading()).toBe('Reading the title…');
    expect(field('Student')?.value).toBe('Maya Okafor');

    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'confer:context-changed', context: { ...LOADING, title: 'Maya Okafor - Personal Narrative', pending: false } },
      { id: fakeBrowser.runtime.id },
    );
    await until(() => heading() === 'Maya Okafor - Personal Narrative');
  });

  it('waits for the title before suggesting a student for a document that has none', async () => {
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => ((message as { type?: string }).type === 'confer:get-context' ? Promise.resolve(LOADING) : undefined));
    render(<Panel browser={browser} />, root);
    await until(() => field('Teaching point')?.disabled === false);
    // No title yet: nothing to suggest, and the field waits rather than asking for a name.
    expect(field('Student')?.disabled).toBe(true);

    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'confer:context-changed', context: { ...LOADING, title: 'Jamal Reed - Argument Essay', pending: false } },
      { id: fakeBrowser.runtime.id },
    );
    await until(() => field('Student')?.disabled === false);
    expect(field('Student')?.value).toBe('Jamal Reed');
    expect(root.textContent).toContain('Suggested from the document’s title.');
  });
});
