import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser, Runtime, Tabs } from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTION_TITLE, startBackground } from './background';
import { parseOpeningView } from './messages';
import { emptyConferenceContent } from './notebook/model';
import * as notebook from './notebook/notebook';
import { useFreshNotebook } from './notebook/test-helpers';

const DOC_ID = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const DOC = `https://docs.google.com/document/u/1/d/${DOC_ID}/edit?tab=t.2`;
const browser = fakeBrowser as unknown as Browser;

/**
 * fakeBrowser lacks tabs.sendMessage, commands, action.onClicked and the action's enabled state:
 * give them simple stand-ins (a tab's own state, else the global one, as in the browser).
 */
function withMissingApis() {
  const enabled = { global: true, tabs: new Map<number, boolean>() };
  Object.assign(fakeBrowser.action, {
    enable: async (tabId?: number) => void (tabId === undefined ? (enabled.global = true) : enabled.tabs.set(tabId, true)),
    disable: async (tabId?: number) => void (tabId === undefined ? (enabled.global = false) : enabled.tabs.set(tabId, false)),
    isEnabled: async ({ tabId }: { tabId?: number }) => (tabId === undefined ? enabled.global : (enabled.tabs.get(tabId) ?? enabled.global)),
  });
  const sendToTab = vi.fn<(tabId: number, message: unknown, options: unknown) => Promise<unknown>>();
  const commandListeners: ((command: string, tab?: unknown) => void)[] = [];
  const clickListeners: ((tab: unknown) => void)[] = [];
  const listenerSet = <T,>(list: T[]) => ({
    addListener: (listener: T) => list.push(listener),
    removeListener: (listener: T) => list.splice(list.indexOf(listener), 1),
  });
  Object.assign(fakeBrowser.tabs, { sendMessage: sendToTab });
  Object.assign(fakeBrowser, { commands: { onCommand: listenerSet(commandListeners) } });
  Object.assign(fakeBrowser.action, { onClicked: listenerSet(clickListeners) });
  return { sendToTab, commandListeners, clickListeners };
}

/** How often the content script was asked for a fresh page report. */
const reportRequests = (sendToTab: ReturnType<typeof withMissingApis>['sendToTab']): number =>
  sendToTab.mock.calls.filter(([, message]) => (message as { type?: string }).type === 'confer:report-page').length;

const tab = (id: number, url: string) => ({ id, url, index: 0, highlighted: false, active: true, pinned: false, incognito: false }) satisfies Tabs.Tab;
const panelSender: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html'), tab: tab(7, DOC), frameId: 3 };
const contentSender: Runtime.MessageSender = { id: fakeBrowser.runtime.id, tab: tab(7, DOC), frameId: 0 };

describe('background', () => {
  let stop: () => void;
  let apis: ReturnType<typeof withMissingApis>;
  beforeEach(() => {
    fakeBrowser.reset();
    apis = withMissingApis();
    stop = startBackground(browser);
  });
  afterEach(() => stop());

  /** What the panels were told of tab 7's page after it was asked (the update's context). */
  const toldPanels = async (sent: ReturnType<typeof vi.spyOn>): Promise<unknown> => {
    await vi.waitFor(() => expect(sent).toHaveBeenCalled());
    return (sent.mock.calls.at(-1)![0] as { context: unknown }).context;
  };

  it('tells a panel at once which document it sits beside, from the browser’s tab URL, and the page’s title when the page gives it', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    // The content script answers once Docs' page is parsed: here, not before the panel has its answer.
    let answer!: (report: unknown) => void;
    apis.sendToTab.mockImplementation(async (_tab, message) => ((message as { type?: string }).type === 'confer:report-page' ? new Promise((resolve) => (answer = resolve)) : undefined));
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, panelSender);
    expect(reply).toEqual({
      tabId: 7,
      doc: { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: 1, tab: 't.2' },
      title: null,
      problems: [],
      pending: true,
    });
    expect(apis.sendToTab).toHaveBeenCalledWith(7, { type: 'confer:report-page' }, { frameId: 0 });
    expect(sent).not.toHaveBeenCalled();
    answer({ title: 'Maya Okafor - Narrative', problems: [] });
    expect(await toldPanels(sent)).toEqual({ ...(reply as object), title: 'Maya Okafor - Narrative', pending: false });
  });

  it('tells the panel there is no title to come when the content script cannot answer', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    apis.sendToTab.mockRejectedValue(new Error('Receiving end does not exist'));
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, panelSender);
    expect(reply).toMatchObject({ tabId: 7, title: null, doc: { accountSlot: 1 }, pending: true });
    expect(await toldPanels(sent)).toMatchObject({ tabId: 7, title: null, doc: { accountSlot: 1 }, pending: false });
  });

  it('ignores a tampered page report but keeps the document', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    apis.sendToTab.mockResolvedValue({ title: { toString: 'x' }, problems: [] });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, panelSender);
    expect(await toldPanels(sent)).toMatchObject({ title: null, problems: [], pending: false });
  });

  it('does not answer "which document?" for anything but its own pages', async () => {
    const replies = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, { ...panelSender, url: 'https://docs.google.com/x' });
    expect(replies).toEqual([undefined]);
    expect(apis.sendToTab).not.toHaveBeenCalled();
  });

  it('passes page changes from a tab’s top frame on to the panels, tagged with that tab, both ways a panel may hear it', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    // (Firefox: a panel framed in the tab hears only what is sent to the tab; no one may listen there.)
    apis.sendToTab.mockRejectedValue(new Error('Receiving end does not exist'));
    const replies = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'New title', problems: ['layout-not-adjusted'] }, contentSender);
    expect(replies).toEqual([undefined]);
    const update = {
      type: 'confer:context-changed',
      context: { tabId: 7, doc: expect.objectContaining({ tab: 't.2' }), title: 'New title', problems: ['layout-not-adjusted'], pending: false },
    };
    // Chrome: every extension page, the panels framed in Docs tabs too.
    expect(sent).toHaveBeenCalledWith(update);
    // Firefox: the tab itself, and only that tab.
    expect(apis.sendToTab).toHaveBeenCalledExactlyOnceWith(7, update);
  });

  it('tells the panels a title still to come as pending, so they guess no student from the last document’s', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: null, problems: [], titlePending: true }, contentSender);
    expect(sent).toHaveBeenCalledWith({ type: 'confer:context-changed', context: expect.objectContaining({ tabId: 7, title: null, pending: true }) });
    expect(sent.mock.calls.flat()).not.toContainEqual(expect.objectContaining({ context: expect.objectContaining({ titlePending: expect.anything() }) }));
  });

  it('answers a new panel at once from the content script’s latest report for that tab and URL', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [] }, contentSender);
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, panelSender);
    expect(reply).toMatchObject({ tabId: 7, title: 'Maya Okafor - Narrative', pending: false });
    expect(reportRequests(apis.sendToTab)).toBe(0);
    // Once the tab is somewhere else, the old report is not used: the new page is asked.
    sent.mockClear();
    apis.sendToTab.mockResolvedValue({ title: 'Theo - Essay', problems: [] });
    const moved = { ...panelSender, tab: tab(7, DOC.replace('abcd/edit', 'wxyz/edit')) };
    const [fresh] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, moved);
    expect(fresh).toMatchObject({ title: null, pending: true, doc: { docId: expect.stringMatching(/wxyz$/) } });
    expect(await toldPanels(sent)).toMatchObject({ title: 'Theo - Essay', pending: false });
  });

  it('after the tab reloads, asks the new page instead of answering from the old page’s report', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'Old title', problems: ['title-not-found'] }, contentSender);
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, tab(7, DOC));
    sent.mockClear();
    apis.sendToTab.mockResolvedValue({ title: 'Renamed in another window', problems: [] });
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-context' }, panelSender);
    expect(reply).toMatchObject({ tabId: 7, title: null, problems: [], pending: true });
    expect(reportRequests(apis.sendToTab)).toBe(1);
    expect(await toldPanels(sent)).toMatchObject({ tabId: 7, title: 'Renamed in another window', problems: [], pending: false });
  });

  it('refuses page changes from sub-frames, other extensions and malformed messages', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const good = { type: 'confer:page-changed', title: 't', problems: [] };
    await fakeBrowser.runtime.onMessage.trigger(good, { ...contentSender, frameId: 2 });
    await fakeBrowser.runtime.onMessage.trigger(good, { ...contentSender, id: 'someone-else' });
    await fakeBrowser.runtime.onMessage.trigger({ ...good, title: 7 }, contentSender);
    expect(sent).not.toHaveBeenCalled();
    expect(apis.sendToTab).not.toHaveBeenCalled();
  });

  it('toggles the panel in the tab from the toolbar button and from Alt+Shift+C', async () => {
    apis.sendToTab.mockResolvedValue(true);
    apis.clickListeners[0]!(tab(7, DOC));
    apis.commandListeners[0]!('toggle-panel', tab(7, DOC));
    apis.commandListeners[0]!('some-other-command', { id: 7 });
    expect(apis.sendToTab.mock.calls).toEqual([
      [7, { type: 'confer:toggle-panel' }, { frameId: 0 }],
      [7, { type: 'confer:toggle-panel' }, { frameId: 0 }],
    ]);
  });

  it('closes the panel in the sender’s own tab when the teacher presses Alt+Shift+C inside it', async () => {
    apis.sendToTab.mockResolvedValue(true);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:close-panel' }, panelSender);
    expect(apis.sendToTab).toHaveBeenCalledWith(7, { type: 'confer:close-panel' }, { frameId: 0 });
    // A web page cannot ask for it.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:close-panel' }, { ...panelSender, url: 'https://docs.google.com/x' });
    expect(apis.sendToTab).toHaveBeenCalledOnce();
  });

  it('opens the notebook page when a panel asks, and not when anything else does', async () => {
    const open = vi.fn(async () => undefined);
    Object.assign(fakeBrowser.runtime, { openOptionsPage: open });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:open-notebook-page' }, panelSender);
    expect(open).toHaveBeenCalledOnce();
    // Neither a web page nor the content script can ask for it.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:open-notebook-page' }, { ...panelSender, url: 'https://docs.google.com/x' });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:open-notebook-page' }, contentSender);
    expect(open).toHaveBeenCalledOnce();
  });

  it('greys the toolbar button until a document’s page reports in, and says where Confer works', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const button = async (tabId?: number) => ({ enabled: await fakeBrowser.action.isEnabled({ tabId }), title: await fakeBrowser.action.getTitle({ tabId }) });
    await vi.waitFor(async () => expect(await fakeBrowser.action.isEnabled({})).toBe(false));
    expect((await button(7)).enabled).toBe(false);

    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [] }, contentSender);
    await vi.waitFor(async () => expect(await button(7)).toEqual({ enabled: true, title: 'Open or close Confer (Alt+Shift+C)' }));
    expect((await button(8)).enabled).toBe(false);

    // The same tab moves to the Docs home (its content script reports from there).
    const home = { ...contentSender, tab: tab(7, 'https://docs.google.com/document/u/0/') };
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: null, problems: [] }, home);
    await vi.waitFor(async () => expect(await button(7)).toEqual({ enabled: false, title: ACTION_TITLE.elsewhere }));
    expect(ACTION_TITLE.elsewhere).toContain('beside a Google Docs document');
  });

  it('greys the button while the tab loads another page, until a document there reports in', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [] }, contentSender);
    await vi.waitFor(async () => expect(await fakeBrowser.action.isEnabled({ tabId: 7 })).toBe(true));
    // Off to another page: Confer isn't told where, and no content script may run there.
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, { ...tab(7, DOC), url: undefined });
    await vi.waitFor(async () => expect(await fakeBrowser.action.isEnabled({ tabId: 7 })).toBe(false));
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe(ACTION_TITLE.elsewhere);
    // It was a document after all (a reload): its page reports in once parsed.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [] }, contentSender);
    await vi.waitFor(async () => expect(await fakeBrowser.action.isEnabled({ tabId: 7 })).toBe(true));
  });

  it('explains instead of failing when the button is pressed outside Google Docs', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    apis.sendToTab.mockRejectedValue(new Error('Receiving end does not exist'));
    apis.clickListeners[0]!(tab(9, 'https://example.com/'));
    await vi.waitFor(() => expect(info).toHaveBeenCalledWith('Confer: the panel opens on Google Docs documents only.'));
  });

  it('passes only the text to post, and its document, to the panel’s own tab, and hands back the outcome it checked', async () => {
    apis.sendToTab.mockResolvedValue({ status: 'posted', quote: 'the whistle blew', extra: 'dropped' });
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: 'Your opening drops me into the game.', docId: DOC_ID, notes: 'private' }, panelSender);
    expect(reply).toEqual({ status: 'posted', quote: 'the whistle blew' });
    expect(apis.sendToTab).toHaveBeenCalledWith(7, { type: 'confer:post-comment', text: 'Your opening drops me into the game.', docId: DOC_ID }, { frameId: 0 });
  });

  it('posts nothing when the tab has moved to another document than the panel’s', async () => {
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: 'Nice verbs.', docId: `${DOC_ID}x` }, panelSender);
    expect(reply).toEqual({ status: 'moved-away' });
    expect(apis.sendToTab).not.toHaveBeenCalled();
  });

  it('says the tab did not answer when the content script is gone or answers nonsense', async () => {
    apis.sendToTab.mockRejectedValueOnce(new Error('Receiving end does not exist')).mockResolvedValueOnce({ status: 'posted', quote: 7 });
    for (let i = 0; i < 2; i++) {
      const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: 'Nice verbs.', docId: DOC_ID }, panelSender);
      expect(reply).toEqual({ status: 'unreachable' });
    }
  });

  it('posts nothing for a web page, nor for blank or oversized text', async () => {
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: 'Nice verbs.' }, { ...panelSender, url: 'https://docs.google.com/x' });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: '   ' }, panelSender);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: 'x'.repeat(5001) }, panelSender);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:post-comment', text: 'Nice verbs.' }, contentSender);
    expect(apis.sendToTab).not.toHaveBeenCalled();
  });
});

describe('background: what a panel shows first, read ahead', () => {
  let stop: () => void;
  let apis: ReturnType<typeof withMissingApis>;
  useFreshNotebook();
  beforeEach(() => {
    fakeBrowser.reset();
    apis = withMissingApis();
    stop = startBackground(browser);
  });
  afterEach(() => stop());

  /** A notebook this Confer has opened, with one conference and a draft on the document. */
  const seed = async (): Promise<void> => {
    await notebook.setDocumentStudent({ docId: DOC_ID }, 'Maya Okafor');
    await notebook.saveConference(DOC_ID, { ...emptyConferenceContent(), focus: 'Leads that hook' }, { startedAt: 1_000 });
    await notebook.saveDraft(DOC_ID, { ...emptyConferenceContent(), research: 'Wants a surprise ending' }, 2_000);
  };
  const reportPage = () => fakeBrowser.runtime.onMessage.trigger({ type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [] }, contentSender);
  const askOpening = async (sender = panelSender): Promise<unknown> => (await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-opening' }, sender))[0];

  it('hands the panel its document’s History and draft, read as the page reported', async () => {
    await seed();
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await reportPage();
    expect(parseOpeningView(await askOpening(), DOC_ID)).toMatchObject({
      suggestedName: 'Maya Okafor',
      history: { conferences: [{ focus: 'Leads that hook' }], students: [{ name: 'Maya Okafor' }] },
      draft: { content: { research: 'Wants a surprise ending' } },
    });
    // Never in what is told to every panel (and, in Firefox, to the tab's content script).
    expect(JSON.stringify([...sent.mock.calls, ...apis.sendToTab.mock.calls])).not.toMatch(/Leads that hook|surprise ending/);
  });

  it('reads at once when the panel asks before its page has reported', async () => {
    await seed();
    expect(parseOpeningView(await askOpening(), DOC_ID)).toMatchObject({ suggestedName: null, history: { conferences: [{ focus: 'Leads that hook' }] } });
  });

  it('hands it over once, and only to a panel beside that document', async () => {
    await seed();
    await reportPage();
    // A panel in another tab, beside another document, gets nothing of this one's.
    const otherTab = { ...panelSender, tab: tab(8, DOC.replace('abcd/edit', 'wxyz/edit')) };
    expect(JSON.stringify(await askOpening(otherTab))).not.toMatch(/Leads that hook|surprise ending/);
    expect(parseOpeningView(await askOpening(), DOC_ID)).not.toBeNull();
    // A panel loading again in the tab reads for itself.
    expect(await askOpening()).toEqual({ opening: null });
  });

  it('hands nothing to a content script, nor to a panel’s request from anywhere but Confer’s own page', async () => {
    await seed();
    await reportPage();
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-opening' }, contentSender)).toEqual([undefined]);
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'confer:get-opening' }, { ...panelSender, url: 'https://docs.google.com/x' })).toEqual([undefined]);
    // Still there for the panel itself.
    expect(parseOpeningView(await askOpening(), DOC_ID)).not.toBeNull();
  });

  it('reads nothing ahead from a notebook that needs upgrading (the panel does that)', async () => {
    await reportPage();
    expect(await askOpening()).toEqual({ opening: null });
    expect((await notebook.countRecords()).document).toBe(0);
  });
});
