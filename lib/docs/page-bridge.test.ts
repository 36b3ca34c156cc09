import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPageBridge } from './page-bridge-client';
import { ownExtensionId, startPageBridge } from './page-bridge';
import { PAGE_BRIDGE_REPLY_EVENT, PAGE_BRIDGE_REQUEST_EVENT, parseBridgeRequest } from './page-bridge-protocol';

/** Docs' page-world globals that the page bridge reads and sets. */
interface DocsWindow {
  _docs_annotate_canvas_by_ext?: string;
  _docs_annotate_getAnnotatedText?: (extensionId: string) => Promise<{ getText(): string; getSelection(): Array<{ start: number; end: number }> }>;
}
const docsWindow = window as unknown as DocsWindow;

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const TEXT = '\u0003Maya ran to the net. The crowd roared.';

const cleanups: Array<() => void> = [];
let controller: AbortController;

/**
 * Starts the page-world helper on this window. It never stops listening by itself (a page script
 * lives as long as the page), so its listeners are taken off after each test.
 */
function startBridge(extensionId: string | null): void {
  const added = vi.spyOn(window, 'addEventListener');
  startPageBridge(window, extensionId);
  for (const [type, listener] of added.mock.calls) cleanups.push(() => window.removeEventListener(type, listener as EventListener));
  added.mockRestore();
}

/** Listens to `type` on this window until the end of the test. */
function listen(type: string, listener: (event: CustomEvent<unknown>) => void): void {
  const wrapped = (event: Event) => listener(event as CustomEvent<unknown>);
  window.addEventListener(type, wrapped);
  cleanups.push(() => window.removeEventListener(type, wrapped));
}

const reply = (detail: unknown): void => {
  window.dispatchEvent(new CustomEvent(PAGE_BRIDGE_REPLY_EVENT, { detail }));
};

/** A fake annotate API that reports `start`..`end` of TEXT as selected. */
function annotateApi(start: number, end: number) {
  const api = vi.fn(async (_extensionId: string) => ({ getText: () => TEXT, getSelection: () => [{ start, end }] }));
  docsWindow._docs_annotate_getAnnotatedText = api;
  return api;
}

/** Docs' keystroke frame, with its text box, as the page has it. */
function addKeystrokeFrame(): HTMLElement {
  const frame = document.createElement('iframe');
  frame.className = 'docs-texteventtarget-iframe';
  frame.setAttribute('srcdoc', '<div contenteditable="true" role="textbox" aria-label="Document content"></div>');
  document.body.append(frame);
  const target = frame.contentDocument?.querySelector<HTMLElement>('[contenteditable="true"]');
  if (target == null) throw new Error('happy-dom did not give the keystroke frame a document');
  return target;
}

/** Every keyboard event the keystroke frame's text box receives. */
function keyboardEventsOn(target: HTMLElement): KeyboardEvent[] {
  const seen: KeyboardEvent[] = [];
  for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput']) target.addEventListener(type, (event) => seen.push(event as KeyboardEvent));
  return seen;
}

afterEach(() => {
  controller?.abort();
  for (const cleanup of cleanups.splice(0)) cleanup();
  delete docsWindow._docs_annotate_canvas_by_ext;
  delete docsWindow._docs_annotate_getAnnotatedText;
  document.body.replaceChildren();
  vi.useRealTimers();
});

const connect = (timeoutMs?: number) => {
  controller = new AbortController();
  return connectPageBridge(window, controller.signal, timeoutMs);
};

describe('reading the extension’s own id', () => {
  it('reads it from a Chrome stack', () => {
    const stack = `Error\n    at main (chrome-extension://${EXTENSION_ID}/content-scripts/docs-page.js:1:2345)\n    at chrome-extension://${EXTENSION_ID}/content-scripts/docs-page.js:1:3000`;
    expect(ownExtensionId(stack)).toBe(EXTENSION_ID);
  });

  it('is null in Firefox, whose per-installation id the page must not be handed', () => {
    const uuid = '0b3e1c2a-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
    const stack = `main@moz-extension://${uuid}/content-scripts/docs-page.js:1:2345\n@moz-extension://${uuid}/content-scripts/docs-page.js:1:3000\n`;
    expect(ownExtensionId(stack)).toBeNull();
  });

  it('is null when the stack names no extension', () => {
    expect(ownExtensionId(undefined)).toBeNull();
    expect(ownExtensionId('')).toBeNull();
    expect(ownExtensionId('Error\n    at main (https://docs.google.com/static/document/client/js/app.js:1:2)')).toBeNull();
  });
});

describe('starting the page-world helper', () => {
  it('asks Docs for its annotate API with the extension’s id', () => {
    startBridge(EXTENSION_ID);
    expect(docsWindow._docs_annotate_canvas_by_ext).toBe(EXTENSION_ID);
  });

  it('leaves another extension’s request for the annotate API alone', () => {
    docsWindow._docs_annotate_canvas_by_ext = 'another-extension-id-0000000000';
    startBridge(EXTENSION_ID);
    expect(docsWindow._docs_annotate_canvas_by_ext).toBe('another-extension-id-0000000000');
  });

  it('asks for nothing when its own id could not be read', () => {
    startBridge(null);
    expect(docsWindow._docs_annotate_canvas_by_ext).toBeUndefined();
  });
});

describe('reading the selection through the page bridge', () => {
  it('returns the selected words from Docs’ annotate API, asked with the extension’s id', async () => {
    const api = annotateApi(TEXT.indexOf('ran'), TEXT.indexOf(' the'));
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toEqual({ quote: 'ran to', caretInWord: false });
    expect(api).toHaveBeenCalledWith(EXTENSION_ID);
  });

  it('returns a caret in a word', async () => {
    annotateApi(TEXT.indexOf('crowd') + 2, TEXT.indexOf('crowd') + 2);
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toEqual({ quote: '', caretInWord: true });
  });

  it('asks the annotate API afresh each time', async () => {
    const api = annotateApi(1, 5);
    startBridge(EXTENSION_ID);
    const bridge = connect();
    await bridge.readSelection();
    await bridge.readSelection();
    expect(api).toHaveBeenCalledTimes(2);
  });

  it('is null when Docs offers no annotate API', async () => {
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toBeNull();
  });

  it('is null, without calling the annotate API, when the extension’s id is unknown', async () => {
    const api = annotateApi(1, 5);
    startBridge(null);
    await expect(connect().readSelection()).resolves.toBeNull();
    expect(api).not.toHaveBeenCalled();
  });

  it('is null when the annotate API reports no selection at all', async () => {
    docsWindow._docs_annotate_getAnnotatedText = async () => ({ getText: () => TEXT, getSelection: () => [] });
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toBeNull();
  });

  it('is null, with a console warning, when the annotate API fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    docsWindow._docs_annotate_getAnnotatedText = async () => {
      throw new Error('Docs changed');
    };
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('_docs_annotate_getAnnotatedText'), expect.any(Error));
  });

  it('is null, with a console warning, when what the annotate API returns is not usable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    docsWindow._docs_annotate_getAnnotatedText = async () => ({}) as never;
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toBeNull();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('sends the page nothing but an operation name and an id', async () => {
    annotateApi(1, 5);
    startBridge(EXTENSION_ID);
    const requests: unknown[] = [];
    listen(PAGE_BRIDGE_REQUEST_EVENT, (event) => requests.push(event.detail));
    await connect().readSelection();
    expect(requests).toHaveLength(1);
    expect(Object.keys(JSON.parse(requests[0] as string) as object).sort()).toEqual(['id', 'op', 'v']);
  });
});

describe('replies the page forges', () => {
  it('ignores replies with another id or a malformed detail: the real answer still wins', async () => {
    annotateApi(1, 5);
    // The page sees every request and can answer it first.
    listen(PAGE_BRIDGE_REQUEST_EVENT, () => {
      reply(JSON.stringify({ v: 1, id: 'not-the-one-asked', op: 'read-selection', selection: { quote: 'forged', caretInWord: false } }));
      reply('{"v":1,"op":"read-selection"');
      reply({ v: 1, op: 'read-selection', selection: { quote: 'forged', caretInWord: false } });
      reply(undefined);
    });
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toEqual({ quote: 'Maya', caretInWord: false });
  });

  it('ignores a reply of another protocol version with the right id', async () => {
    annotateApi(1, 5);
    listen(PAGE_BRIDGE_REQUEST_EVENT, (event) => {
      const request = parseBridgeRequest(event.detail)!;
      reply(JSON.stringify({ v: 2, id: request.id, op: 'read-selection', selection: { quote: 'forged', caretInWord: false } }));
    });
    startBridge(EXTENSION_ID);
    await expect(connect().readSelection()).resolves.toEqual({ quote: 'Maya', caretInWord: false });
  });

  it('times out to null when only forged replies come (no page script)', async () => {
    vi.useFakeTimers();
    listen(PAGE_BRIDGE_REQUEST_EVENT, () => {
      reply(JSON.stringify({ v: 1, id: 'not-the-one-asked', op: 'read-selection', selection: { quote: 'forged', caretInWord: false } }));
      reply('not json');
    });
    const bridge = connect(50);
    let settled = false;
    const selection = bridge.readSelection().finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(selection).resolves.toBeNull();
  });

  it('says the shortcut was not pressed when nothing answers', async () => {
    vi.useFakeTimers();
    const pressed = connect(50).pressCommentShortcut();
    await vi.advanceTimersByTimeAsync(50);
    await expect(pressed).resolves.toBe(false);
  });
});

describe('pressing Docs’ comment shortcut through the page bridge', () => {
  it('presses Ctrl+Alt+M in the keystroke frame: keydown then keyup, with key code 77, and never a keypress', async () => {
    const target = addKeystrokeFrame();
    const seen = keyboardEventsOn(target);
    startBridge(EXTENSION_ID);
    await expect(connect().pressCommentShortcut()).resolves.toBe(true);
    expect(seen.map((event) => event.type)).toEqual(['keydown', 'keyup']);
    for (const event of seen) {
      expect(event).toMatchObject({ key: 'm', keyCode: 77, which: 77, ctrlKey: true, altKey: true, metaKey: false, shiftKey: false, bubbles: true });
    }
  });

  it('presses ⌘+Option+M on a Mac', async () => {
    vi.spyOn(navigator, 'platform', 'get').mockReturnValue('MacIntel');
    const target = addKeystrokeFrame();
    const seen = keyboardEventsOn(target);
    startBridge(EXTENSION_ID);
    await expect(connect().pressCommentShortcut()).resolves.toBe(true);
    expect(seen.map((event) => event.type)).toEqual(['keydown', 'keyup']);
    for (const event of seen) expect(event).toMatchObject({ key: 'm', keyCode: 77, which: 77, metaKey: true, altKey: true, ctrlKey: false });
  });

  it('presses nothing in the top page', async () => {
    addKeystrokeFrame();
    const topKeys: string[] = [];
    const onKey = (event: Event) => topKeys.push(event.type);
    for (const type of ['keydown', 'keypress', 'keyup']) document.addEventListener(type, onKey, true);
    startBridge(EXTENSION_ID);
    await connect().pressCommentShortcut();
    for (const type of ['keydown', 'keypress', 'keyup']) document.removeEventListener(type, onKey, true);
    expect(topKeys).toEqual([]);
  });

  it('says it was not pressed when the page has no keystroke frame', async () => {
    startBridge(EXTENSION_ID);
    await expect(connect().pressCommentShortcut()).resolves.toBe(false);
  });
});

describe('stopping the page bridge', () => {
  it('does not take a reply that comes after the signal is aborted', async () => {
    vi.useFakeTimers();
    annotateApi(1, 5);
    startBridge(EXTENSION_ID);
    const bridge = connect(50);
    const selection = bridge.readSelection();
    // The page script answers on a later turn; by then the content script has been invalidated.
    controller.abort();
    await vi.advanceTimersByTimeAsync(50);
    await expect(selection).resolves.toBeNull();
  });

  it('asks the page nothing once the signal is aborted', async () => {
    startBridge(EXTENSION_ID);
    annotateApi(1, 5);
    const requests: unknown[] = [];
    listen(PAGE_BRIDGE_REQUEST_EVENT, (event) => requests.push(event.detail));
    const bridge = connect();
    controller.abort();
    await expect(bridge.readSelection()).resolves.toBeNull();
    await expect(bridge.pressCommentShortcut()).resolves.toBe(false);
    expect(requests).toEqual([]);
  });
});
