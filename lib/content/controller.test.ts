/**
 * The content script's wiring, on happy-dom with WXT's fakeBrowser. (Layout and real frames are
 * covered in real Chromium by tests/e2e; here: what it mounts where, what it answers, and that
 * invalidation leaves the page as it was.) The URL is a document's, as on Google Docs.
 * @vitest-environment-options { "url": "https://docs.google.com/document/d/1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd/edit", "settings": { "enableIframePageLoading": true } }
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TITLE_WAIT_MS, runContentScript, type ContentBrowser } from './controller';
import { DOCK_PREFS_KEY } from './dock-prefs';
import { PAGE_BRIDGE_SHORTCUT_EVENT } from '../docs/page-bridge-protocol';

/** The document the page is on (its address above). */
const DOC_ID = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';

const browser = fakeBrowser as unknown as ContentBrowser;

function docsPage(title: string): void {
  const input = document.createElement('input');
  input.className = 'docs-title-input';
  input.value = title;
  for (const id of ['docs-chrome', 'docs-editor']) {
    const element = document.createElement('div');
    element.id = id;
    document.body.append(element);
  }
  document.body.append(input);
}

/** Sends a background → content message the way the browser would, and returns the reply. */
function ask(message: unknown): Promise<unknown> {
  return new Promise((reply) => {
    for (const listener of listeners) listener(message, {}, reply);
  });
}
let listeners: ((message: unknown, sender: unknown, reply: (value: unknown) => void) => void)[] = [];

describe('content script', () => {
  let ctx: ContentScriptContext;
  beforeEach(() => {
    fakeBrowser.reset();
    listeners = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    // fakeBrowser's onMessage expects promise-style listeners; the content script replies with
    // sendResponse, so collect its listeners and call them as the browser does.
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((listener) => void listeners.push(listener as never));
    vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener').mockImplementation((listener) => void (listeners = listeners.filter((l) => l !== (listener as never))));
    // happy-dom cannot load extension pages; an empty frame stands in (e2e loads the real one).
    vi.spyOn(fakeBrowser.runtime, 'getURL').mockReturnValue('about:blank');
    docsPage('Maya Okafor - Personal Narrative');
    ctx = new ContentScriptContext('content');
  });
  afterEach(() => {
    ctx.abort();
    document.body.replaceChildren();
  });

  it('docks the panel on a document, opened at the remembered width, and reports the title', async () => {
    await fakeBrowser.storage.local.set({ [DOCK_PREFS_KEY]: { open: true, width: 420 } });
    await runContentScript(ctx, browser, window);
    const host = document.querySelector<HTMLElement>('confer-dock');
    expect(host?.style.getPropertyValue('width')).toBe('420px');
    expect(host?.style.getPropertyValue('visibility')).toBe('');
    await vi.waitFor(() =>
      expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'confer:page-changed', title: 'Maya Okafor - Personal Narrative', problems: [] }),
    );
  });

  it('answers the background: a page report, toggling, and closing', async () => {
    await runContentScript(ctx, browser, window);
    expect(await ask({ type: 'confer:report-page' })).toEqual({ title: 'Maya Okafor - Personal Narrative', problems: [] });
    expect(await ask({ type: 'confer:toggle-panel' })).toBe(true);
    const toggle = () => document.querySelector('confer-dock')!.shadowRoot!.querySelector('button')!;
    expect(toggle().getAttribute('aria-label')).toBe('Open Confer');
    expect(await fakeBrowser.storage.local.get(DOCK_PREFS_KEY)).toEqual({ [DOCK_PREFS_KEY]: { open: false, width: 360 } });
    await ask({ type: 'confer:toggle-panel' });
    expect(toggle().getAttribute('aria-label')).toBe('Close Confer');
    await ask({ type: 'confer:close-panel' });
    await ask({ type: 'confer:close-panel' });
    expect(toggle().getAttribute('aria-label')).toBe('Open Confer');
  });

  it('follows a width chosen in another Docs tab, but keeps its own open or closed state', async () => {
    await runContentScript(ctx, browser, window);
    await ask({ type: 'confer:toggle-panel' }); // closed here
    const host = () => document.querySelector<HTMLElement>('confer-dock')!;
    // Another tab, with its panel open, was widened to 480.
    await fakeBrowser.storage.local.set({ [DOCK_PREFS_KEY]: { open: true, width: 480 } });
    await vi.waitFor(() => expect(host().shadowRoot!.querySelector('button')!.getAttribute('aria-label')).toBe('Open Confer'));
    await ask({ type: 'confer:toggle-panel' });
    expect(host().style.getPropertyValue('width')).toBe('480px');
  });

  it('started before Docs’ page is parsed: loads the panel and narrows Docs at once, but shows it, re-lays Docs out and reports only once the page is there', async () => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const relayouts = vi.fn();
    window.addEventListener('resize', relayouts);
    try {
      await runContentScript(ctx, browser, window);
      const host = document.querySelector<HTMLElement>('confer-dock')!;
      expect(host.shadowRoot!.querySelector('iframe')!.getAttribute('src')).toBe('about:blank');
      expect(host.style.getPropertyValue('visibility')).toBe('hidden');
      // Docs is painted narrow from the start (layout.css's rules switched on: no jump when the
      // panel appears), but not asked to re-lay out yet.
      expect(document.documentElement.hasAttribute('data-confer-room')).toBe(true);
      expect(document.documentElement.style.getPropertyValue('--confer-room')).toBe('360px');
      expect(relayouts).not.toHaveBeenCalled();
      // A panel asking now is answered once there is a title to give it.
      const reply = ask({ type: 'confer:report-page' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fakeBrowser.runtime.sendMessage).not.toHaveBeenCalled();

      document.dispatchEvent(new Event('DOMContentLoaded'));
      expect(await reply).toEqual({ title: 'Maya Okafor - Personal Narrative', problems: [] });
      expect(host.style.getPropertyValue('visibility')).toBe('');
      expect(document.documentElement.style.getPropertyValue('--confer-room')).toBe('360px');
      expect(relayouts).toHaveBeenCalledTimes(1);
      expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'confer:page-changed', title: 'Maya Okafor - Personal Narrative', problems: [] });
    } finally {
      window.removeEventListener('resize', relayouts);
      delete (document as { readyState?: unknown }).readyState;
    }
  });

  it('leaves Alt+Shift+C to Docs where there is no panel (moved to the Docs home inside Docs)', async () => {
    const documentUrl = window.location.href;
    await runContentScript(ctx, browser, window);
    const pressed = (): boolean => window.dispatchEvent(new Event(PAGE_BRIDGE_SHORTCUT_EVENT, { cancelable: true }));
    expect(pressed()).toBe(false); // taken: the panel toggles
    try {
      window.history.pushState(null, '', '/document/u/0/');
      await vi.waitFor(() => expect(document.querySelector('confer-dock')).toBeNull(), { timeout: 3000 });
      expect(pressed()).toBe(true); // not taken: Docs gets the key
    } finally {
      window.history.pushState(null, '', documentUrl);
    }
  });

  it('says again what the page is when it comes back from the back-forward cache', async () => {
    await runContentScript(ctx, browser, window);
    const report = { type: 'confer:page-changed', title: 'Maya Okafor - Personal Narrative', problems: [] };
    await vi.waitFor(() => expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith(report));
    vi.mocked(fakeBrowser.runtime.sendMessage).mockClear();
    // An ordinary first show says nothing new; a restore from the cache does.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    expect(fakeBrowser.runtime.sendMessage).not.toHaveBeenCalled();
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledExactlyOnceWith(report);
  });

  it('once the page has loaded, tells the teacher (and the console, naming the selector) when Alt+Shift+C typed in the document can’t reach Confer', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await runContentScript(ctx, browser, window);
    const title = 'Maya Okafor - Personal Narrative';
    await vi.waitFor(() => expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'confer:page-changed', title, problems: [] }));
    // No keystroke frame when the page has loaded.
    window.dispatchEvent(new Event('load'));
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenLastCalledWith({ type: 'confer:page-changed', title, problems: ['shortcut-not-in-text'] });
    expect(await ask({ type: 'confer:report-page' })).toEqual({ title, problems: ['shortcut-not-in-text'] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('iframe.docs-texteventtarget-iframe'));
  });

  it('says nothing about Alt+Shift+C when Docs has its keystroke frame by the time the page has loaded', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await runContentScript(ctx, browser, window);
    const frame = document.createElement('iframe');
    frame.className = 'docs-texteventtarget-iframe';
    document.body.append(frame);
    window.dispatchEvent(new Event('load'));
    expect(await ask({ type: 'confer:report-page' })).toEqual({ title: 'Maya Okafor - Personal Narrative', problems: [] });
    expect(warn).not.toHaveBeenCalled();
  });

  it('on the Docs home (no document text, no panel, no title bar) reports no title and warns of nothing', async () => {
    const documentUrl = window.location.href;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.replaceChildren();
    window.history.replaceState(null, '', '/document/u/0/');
    try {
      await runContentScript(ctx, browser, window);
      expect(document.querySelector('confer-dock')).toBeNull();
      window.dispatchEvent(new Event('load'));
      expect(await ask({ type: 'confer:report-page' })).toEqual({ title: null, problems: [] });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      window.history.replaceState(null, '', documentUrl);
    }
  });

  describe('moving to another document inside Docs (the address changes first, the title once it has loaded)', () => {
    const OTHER = '/document/d/1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw/edit';
    const titleInput = (): HTMLInputElement => document.querySelector<HTMLInputElement>('.docs-title-input')!;
    const reports = (): unknown[] => vi.mocked(fakeBrowser.runtime.sendMessage).mock.calls.map(([message]) => message);
    let documentUrl: string;
    beforeEach(() => {
      documentUrl = window.location.href;
      vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    });
    afterEach(() => {
      vi.useRealTimers();
      window.history.replaceState(null, '', documentUrl);
    });
    /** Moves to the other document as Docs does, and lets the content script notice. */
    const moveToOther = async (): Promise<void> => {
      window.history.pushState(null, '', OTHER);
      await vi.advanceTimersByTimeAsync(1100);
    };

    it('reports the title as still to come until Docs shows the new document’s, never the last one’s', async () => {
      await runContentScript(ctx, browser, window);
      await vi.advanceTimersByTimeAsync(0);
      expect(reports().at(-1)).toEqual({ type: 'confer:page-changed', title: 'Maya Okafor - Personal Narrative', problems: [] });
      const movedAt = reports().length;
      await moveToOther();
      expect(reports().at(-1)).toEqual({ type: 'confer:page-changed', title: null, problems: [], titlePending: true });
      expect(await ask({ type: 'confer:report-page' })).toEqual({ title: null, problems: [], titlePending: true });
      // Docs shows the new title (its label and the tab's title change with it).
      titleInput().value = 'Theo Park - Personal Narrative';
      document.title = 'Theo Park - Personal Narrative - Google Docs';
      await vi.advanceTimersByTimeAsync(0);
      expect(reports().at(-1)).toEqual({ type: 'confer:page-changed', title: 'Theo Park - Personal Narrative', problems: [] });
      // Not once, since the move, the last document's title.
      expect(reports().slice(movedAt).map((message) => (message as { title: unknown }).title)).not.toContain('Maya Okafor - Personal Narrative');
    });

    it('reports a title the two documents share once TITLE_WAIT_MS has passed', async () => {
      await runContentScript(ctx, browser, window);
      await vi.advanceTimersByTimeAsync(0);
      await moveToOther();
      expect(reports().at(-1)).toEqual({ type: 'confer:page-changed', title: null, problems: [], titlePending: true });
      await vi.advanceTimersByTimeAsync(TITLE_WAIT_MS);
      expect(reports().at(-1)).toEqual({ type: 'confer:page-changed', title: 'Maya Okafor - Personal Narrative', problems: [] });
    });

    it('switching the document’s own tab (?tab=) keeps its title', async () => {
      await runContentScript(ctx, browser, window);
      await vi.advanceTimersByTimeAsync(0);
      window.history.pushState(null, '', `${new URL(documentUrl).pathname}?tab=t.1`);
      await vi.advanceTimersByTimeAsync(1100);
      expect(await ask({ type: 'confer:report-page' })).toEqual({ title: 'Maya Okafor - Personal Narrative', problems: [] });
    });
  });

  it('ignores messages that are not Confer’s', async () => {
    await runContentScript(ctx, browser, window);
    const reply = vi.fn();
    for (const listener of listeners) listener({ type: 'confer:toggle-panel ' }, {}, reply);
    for (const listener of listeners) listener('confer:toggle-panel', {}, reply);
    expect(reply).not.toHaveBeenCalled();
  });

  it('uses the default size when storage holds junk', async () => {
    await fakeBrowser.storage.local.set({ [DOCK_PREFS_KEY]: { open: 'yes', width: 1e9 } });
    await runContentScript(ctx, browser, window);
    expect(document.querySelector<HTMLElement>('confer-dock')?.style.getPropertyValue('width')).toBe('560px');
  });

  it('when invalidated (extension reloaded or turned off), removes the dock and stops answering', async () => {
    await runContentScript(ctx, browser, window);
    expect(document.querySelector('confer-dock')).not.toBeNull();
    expect(document.documentElement.hasAttribute('data-confer-room')).toBe(true);
    ctx.abort();
    expect(document.querySelector('confer-dock')).toBeNull();
    // Docs' <html> is as it was: layout.css's rules are off, and no empty style attribute is left.
    expect(document.documentElement.hasAttribute('data-confer-room')).toBe(false);
    expect(document.documentElement.hasAttribute('style')).toBe(false);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(listeners).toHaveLength(0);
  });

  it('hands only the comment text and its document to the comment poster it loads on the first comment, and answers with its outcome', async () => {
    // A stand-in poster module (the real one drives Docs' comment box: tested in comments.test.ts
    // and, against the Docs fixture, in tests/e2e/comments.test.mjs).
    const seen: unknown[] = [];
    (globalThis as Record<string, unknown>).__conferPosterCalls = seen;
    const poster = `globalThis.__conferCreateCommentPoster = () => async ({ text, docId }) => { globalThis.__conferPosterCalls.push({ text, docId }); return { status: 'posted', quote: 'the whistle blew' }; };`;
    vi.mocked(fakeBrowser.runtime.getURL).mockImplementation((path: string) => (path === '/comment-poster.js' ? `data:text/javascript,${encodeURIComponent(poster)}` : 'about:blank'));
    await runContentScript(ctx, browser, window);
    expect(await ask({ type: 'confer:post-comment', text: 'Your lead pulls me in.', docId: DOC_ID })).toEqual({ status: 'posted', quote: 'the whistle blew' });
    expect(await ask({ type: 'confer:post-comment', text: 'And your ending.', docId: DOC_ID })).toEqual({ status: 'posted', quote: 'the whistle blew' });
    expect(seen).toEqual([
      { text: 'Your lead pulls me in.', docId: DOC_ID },
      { text: 'And your ending.', docId: DOC_ID },
    ]);
    // Nothing else gets through: a message with notes, or blank text, is not a comment.
    const ignored = Promise.race([ask({ type: 'confer:post-comment', text: '  ', notes: 'private' }), new Promise((resolve) => setTimeout(() => resolve('no answer'), 50))]);
    expect(await ignored).toBe('no answer');
    expect(seen).toHaveLength(2);
    delete (globalThis as Record<string, unknown>).__conferCreateCommentPoster;
  });

  it('when the comment poster can’t be loaded, answers "unreachable" (the panel offers the clipboard and a reload) and tries again next time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.mocked(fakeBrowser.runtime.getURL).mockImplementation((path: string) => (path === '/comment-poster.js' ? 'data:text/javascript,' : 'about:blank'));
    await runContentScript(ctx, browser, window);
    expect(await ask({ type: 'confer:post-comment', text: 'Nice verbs.', docId: DOC_ID })).toEqual({ status: 'unreachable' });
    expect(warn).toHaveBeenCalledWith('Confer: the comment poster could not be loaded.', expect.any(Error));
    const poster = `globalThis.__conferCreateCommentPoster = () => async () => ({ status: 'refused', reason: 'no-selection' });`;
    vi.mocked(fakeBrowser.runtime.getURL).mockImplementation((path: string) => (path === '/comment-poster.js' ? `data:text/javascript,${encodeURIComponent(poster)}` : 'about:blank'));
    expect(await ask({ type: 'confer:post-comment', text: 'Nice verbs.', docId: DOC_ID })).toEqual({ status: 'refused', reason: 'no-selection' });
    delete (globalThis as Record<string, unknown>).__conferCreateCommentPoster;
    warn.mockRestore();
  });
});
