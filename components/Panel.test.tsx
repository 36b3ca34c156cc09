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

describe('the panel when Docs moves to another document while a comment is posting', () => {
  const OTHER_DOC = { ...DOC, docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' };
  const onDocument = (doc: typeof DOC, title: string): PanelContext => ({ tabId: 7, doc, title, problems: [], pending: false });
  const moveTo = (context: PanelContext) => fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context }, { id: fakeBrowser.runtime.id });
  const button = (name: string): HTMLButtonElement | undefined => [...root.querySelectorAll('button')].find((element) => element.textContent?.trim() === name);

  const alert = (): string => [...root.querySelectorAll('[role="alert"]')].map((element) => element.textContent).join(' ');
  const NOT_POSTED = 'Google Docs left “Maya Okafor - Personal Narrative” before your comment on it was posted, so Confer didn’t post it anywhere.';

  /** The panel beside Maya's narrative, with a comment on its way; resolves to what answers it. */
  async function postOnMayasNarrative(): Promise<(outcome: unknown) => void> {
    let answer: ((outcome: unknown) => void) | undefined;
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      const type = (message as { type?: string }).type;
      if (type === 'confer:get-context') return Promise.resolve(onDocument(DOC, 'Maya Okafor - Personal Narrative'));
      if (type === 'confer:post-comment') return new Promise((resolve) => (answer = resolve));
      return undefined;
    });
    render(<Panel browser={browser} />, root);
    await until(() => field('Comment') !== null);
    const box = field('Comment')!;
    box.value = 'Your lead pulls me in.';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => button('Post comment') !== undefined);
    button('Post comment')!.click();
    await until(() => answer !== undefined);
    return answer!;
  }

  it('says on the next document that the comment wasn’t posted, naming the first, until the teacher goes back there', async () => {
    const answer = await postOnMayasNarrative();
    await moveTo(onDocument(OTHER_DOC, 'Jamal Reed - Argument Essay'));
    await until(() => heading() === 'Jamal Reed - Argument Essay');
    answer({ status: 'moved-away' });
    await until(() => alert().includes('A comment wasn’t posted'));
    expect(alert()).toContain(NOT_POSTED);

    // Back on that document, where its words wait in the Comment box, the message has done its job.
    await moveTo(onDocument(DOC, 'Maya Okafor - Personal Narrative'));
    await until(() => heading() === 'Maya Okafor - Personal Narrative' && !alert().includes('A comment wasn’t posted'));
    await until(() => field('Comment')?.value === 'Your lead pulls me in.');
    await moveTo(onDocument(OTHER_DOC, 'Jamal Reed - Argument Essay'));
    await until(() => heading() === 'Jamal Reed - Argument Essay');
    expect(alert()).not.toContain('A comment wasn’t posted');
  });

  it('says so on the next document too when the answer came before the panel heard of the move, and the teacher can dismiss it', async () => {
    const answer = await postOnMayasNarrative();
    answer({ status: 'moved-away' });
    await until(() => root.querySelector('.comment-status')?.textContent?.includes('Google Docs moved to another document') === true);
    expect(alert()).not.toContain('A comment wasn’t posted');

    await moveTo(onDocument(OTHER_DOC, 'Jamal Reed - Argument Essay'));
    await until(() => heading() === 'Jamal Reed - Argument Essay' && alert().includes(NOT_POSTED));
    [...root.querySelectorAll('[role="alert"] button')].find((element) => element.textContent === 'Dismiss')!.dispatchEvent(new Event('click', { bubbles: true }));
    await until(() => !alert().includes('A comment wasn’t posted'));
  });
});
