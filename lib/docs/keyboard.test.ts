/**
 * Alt+Shift+C in a Docs tab, both halves together: the page-world script hears the key
 * (`forwardToggleShortcut`) and asks the content script (`listenForShortcut`), which takes it.
 * Each test has its own happy-dom window standing in for the Docs tab (both worlds are one here).
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hearsShortcutInText, listenForShortcut } from './keyboard';
import { forwardToggleShortcut } from './page-bridge';

/** The tab's window, with its own constructors (Event, KeyboardEvent). */
type TabWindow = Window & typeof globalThis;

interface Tab {
  win: TabWindow;
  /** Docs' keystroke frame's text box, once made. */
  textbox(): HTMLElement;
  /** Docs makes its keystroke frame (after Confer's scripts have started, as on a real load). */
  makeKeystrokeFrame(): void;
  /** Every keydown Docs' own listener on its text box received. */
  docsHeard: string[];
}

const windows: HappyWindow[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const win of windows.splice(0)) await win.happyDOM.close();
});

function docsTab(): Tab {
  const happy = new HappyWindow({ url: 'https://docs.google.com/document/d/1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789/edit', settings: { enableIframePageLoading: true } });
  windows.push(happy);
  const win = happy as unknown as TabWindow;
  const docsHeard: string[] = [];
  let box: HTMLElement | null = null;
  return {
    win,
    docsHeard,
    textbox: () => box!,
    makeKeystrokeFrame() {
      const frame = win.document.createElement('iframe');
      frame.className = 'docs-texteventtarget-iframe';
      win.document.body.append(frame);
      box = frame.contentDocument!.createElement('div');
      box.contentEditable = 'true';
      frame.contentDocument!.body.append(box);
      box.addEventListener('keydown', (event) => docsHeard.push((event as KeyboardEvent).code));
      // The frame's load event, as the browser sends it.
      frame.dispatchEvent(new win.Event('load'));
    },
  };
}

function press(target: HTMLElement, win: TabWindow, init: KeyboardEventInit): KeyboardEvent {
  const event = new win.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
const ALT_SHIFT_C = { code: 'KeyC', key: 'C', altKey: true, shiftKey: true };

/** Starts both of Confer's halves in the tab; returns what toggles the panel. */
function startConfer(tab: Tab, { isLive = () => true, signal = new AbortController().signal }: { isLive?: () => boolean; signal?: AbortSignal } = {}) {
  forwardToggleShortcut(tab.win);
  const onShortcut = vi.fn();
  listenForShortcut(tab.win, { onShortcut, isLive, signal });
  return onShortcut;
}

describe('Alt+Shift+C in a Docs tab', () => {
  it('typed in the document: Confer takes it and Docs never sees it', () => {
    const tab = docsTab();
    const onShortcut = startConfer(tab);
    tab.makeKeystrokeFrame();

    const event = press(tab.textbox(), tab.win, ALT_SHIFT_C);
    expect(onShortcut).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
    expect(tab.docsHeard).toEqual([]);
  });

  it('pressed on the top page (toolbar, title bar, the dock) works the same', () => {
    const tab = docsTab();
    const onShortcut = startConfer(tab);
    expect(press(tab.win.document.body, tab.win, ALT_SHIFT_C).defaultPrevented).toBe(true);
    expect(onShortcut).toHaveBeenCalledTimes(1);
  });

  it('other keys, a held-down key and Ctrl+Alt+Shift+C go to Docs untouched', () => {
    const tab = docsTab();
    const onShortcut = startConfer(tab);
    tab.makeKeystrokeFrame();
    for (const init of [{ ...ALT_SHIFT_C, code: 'KeyD' }, { ...ALT_SHIFT_C, repeat: true }, { ...ALT_SHIFT_C, ctrlKey: true }, { code: 'KeyC', key: 'c' }]) {
      expect(press(tab.textbox(), tab.win, init).defaultPrevented).toBe(false);
    }
    expect(onShortcut).not.toHaveBeenCalled();
    expect(tab.docsHeard).toEqual(['KeyD', 'KeyC', 'KeyC', 'KeyC']);
  });

  it('with Confer turned off or reloaded (nobody takes it), Docs gets the key as if Confer had never been there', () => {
    const tab = docsTab();
    const stopped = new AbortController();
    let live = true;
    const onShortcut = startConfer(tab, { isLive: () => live, signal: stopped.signal });
    tab.makeKeystrokeFrame();

    // Turned off, not yet noticed: reading isLive is what notices.
    live = false;
    expect(press(tab.textbox(), tab.win, ALT_SHIFT_C).defaultPrevented).toBe(false);
    // Torn down.
    stopped.abort();
    live = true;
    expect(press(tab.textbox(), tab.win, ALT_SHIFT_C).defaultPrevented).toBe(false);
    expect(onShortcut).not.toHaveBeenCalled();
    expect(tab.docsHeard).toEqual(['KeyC', 'KeyC']);
  });

  it('a keystroke frame loaded afresh is listened to again', () => {
    const tab = docsTab();
    const onShortcut = startConfer(tab);
    tab.makeKeystrokeFrame();
    tab.win.document.querySelector('iframe')!.remove();
    tab.makeKeystrokeFrame();
    expect(press(tab.textbox(), tab.win, ALT_SHIFT_C).defaultPrevented).toBe(true);
    expect(onShortcut).toHaveBeenCalledTimes(1);
  });

  it('knows whether the key typed in the document can reach Confer, and says in the console, naming the selector, when it can’t', () => {
    const tab = docsTab();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(hearsShortcutInText(tab.win.document)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"textEventFrame" (iframe.docs-texteventtarget-iframe) not found; Alt+Shift+C works only outside the document text'));
    warn.mockClear();
    tab.makeKeystrokeFrame();
    expect(hearsShortcutInText(tab.win.document)).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });
});
