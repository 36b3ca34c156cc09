import { render } from 'preact';
import type { PanelBrowser } from './panel-browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelContext } from '../lib/messages';
import { until, useRenderRoot } from './test-helpers';
import { usePanelContext } from './use-panel-context';

const browser = fakeBrowser as unknown as PanelBrowser;
const root = useRenderRoot();
afterEach(() => fakeBrowser.reset());

const MAYA: PanelContext = { tabId: 7, doc: { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: null, tab: null }, title: 'Maya Okafor - The Big Match', problems: [], pending: false };
const JAMAL: PanelContext = { ...MAYA, doc: { ...MAYA.doc!, docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' }, title: 'Jamal Reed - Argument Essay' };

function Shown() {
  const state = usePanelContext(browser);
  return <p>{state.status === 'ready' ? state.context.title : state.status}</p>;
}
const shown = (): string => root.textContent ?? '';

/** The background's part: answers "which document am I beside?" for tab 7. */
function backgroundAnswers(context: unknown): void {
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => ((message as { type?: string }).type === 'confer:get-context' ? Promise.resolve(context) : undefined));
}

describe('the document a panel sits beside', () => {
  it('is the one the background names, and follows the background when the tab moves on', async () => {
    backgroundAnswers(MAYA);
    render(<Shown />, root);
    await until(() => shown() === MAYA.title);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context: JAMAL }, { id: fakeBrowser.runtime.id });
    await until(() => shown() === JAMAL.title);
  });

  it('is the newer one when Docs renames the document before the background’s answer arrives', async () => {
    let answer!: (context: PanelContext) => void;
    fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
      (message as { type?: string }).type === 'confer:get-context' ? new Promise<PanelContext>((resolve) => (answer = resolve)) : undefined,
    );
    render(<Shown />, root);
    await until(() => answer !== undefined);
    const renamed = { ...MAYA, title: 'Maya Okafor - The Big Match (final draft)' };
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context: { ...JAMAL, tabId: 8 } }, { id: fakeBrowser.runtime.id });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context: renamed }, { id: fakeBrowser.runtime.id });
    answer(MAYA);
    await until(() => shown() === renamed.title);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown()).toBe(renamed.title);
  });

  it('is not changed by a message from a Docs tab’s content script, nor by an update for another tab', async () => {
    backgroundAnswers(MAYA);
    render(<Shown />, root);
    await until(() => shown() === MAYA.title);
    // A compromised Docs page's content script reaches extension pages, panels included.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context: JAMAL }, { id: fakeBrowser.runtime.id, tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false } });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context: { ...JAMAL, tabId: 8 } }, { id: fakeBrowser.runtime.id });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:context-changed', context: { ...JAMAL, doc: { docId: 'x' } } }, { id: fakeBrowser.runtime.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown()).toBe(MAYA.title);
  });

  it('is unknown, and says so, when the background’s answer is not a document context', async () => {
    backgroundAnswers({ tabId: 'seven' });
    render(<Shown />, root);
    await until(() => shown() === 'unreachable');
  });
});

describe('what a panel shows first, from the background', () => {
  const opening = (docId: string) => ({
    docId,
    suggestedName: 'Maya Okafor',
    history: { document: null, students: [], conferences: [{ focus: 'Leads that hook' }], others: { conferences: [], documents: [] }, suggested: null },
    draft: null,
  });
  function ShownOpening() {
    const state = usePanelContext(browser);
    return <p>{state.status === 'ready' ? `${state.context.title}: ${state.opening === null ? 'none' : state.opening.history.conferences.length}` : state.status}</p>;
  }

  it('is asked for alongside the document, and kept once both answers are in, whichever comes first', async () => {
    let answerOpening!: (reply: unknown) => void;
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      const type = (message as { type?: string }).type;
      if (type === 'confer:get-context') return Promise.resolve(MAYA);
      if (type === 'confer:get-opening') return new Promise((resolve) => (answerOpening = resolve));
      return undefined;
    });
    render(<ShownOpening />, root);
    await until(() => shown() === `${MAYA.title}: none`);
    answerOpening({ opening: opening(MAYA.doc!.docId) });
    await until(() => shown() === `${MAYA.title}: 1`);
  });

  it('is not taken for another document’s, nor in a shape it does not know', async () => {
    for (const reply of [{ opening: opening(JAMAL.doc!.docId) }, { opening: { ...opening(MAYA.doc!.docId), history: 'x' } }, { opening: null }]) {
      fakeBrowser.reset();
      fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
        const type = (message as { type?: string }).type;
        return type === 'confer:get-opening' ? Promise.resolve(reply) : type === 'confer:get-context' ? Promise.resolve(MAYA) : undefined;
      });
      render(null, root);
      render(<ShownOpening />, root);
      await until(() => shown() === `${MAYA.title}: none`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(shown()).toBe(`${MAYA.title}: none`);
    }
  });
});
