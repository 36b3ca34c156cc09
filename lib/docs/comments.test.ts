/**
 * Posting a comment happens on a Google Docs document, so the page is at a document's address.
 * @vitest-environment-options { "url": "https://docs.google.com/document/d/1mYq7Lk2VbT9xRwP4nHc8ZsDfG3aJe6Uo5iKt0NpQy_A/edit" }
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotatedSelection } from './page-bridge-protocol';
import type { PageBridge } from './page-bridge-client';
import { COMMENT_TIMING, copySelectedText, postMarginComment, sameCommentText, waitFor, type CommentTiming } from './comments';
import { DOCS_COMMENT_SELECTORS } from './selectors';

// The parts of a Docs page that posting a comment touches, from the samples in selectors.test.ts.
const DOCS_PAGE = `
<div id="docs-chrome" role="banner">
  <div id="docs-titlebar-container"><div id="docs-title-widget"><input class="docs-title-input" type="text" value="Maya Okafor - Personal Narrative" /></div></div>
  <div id="docs-toolbar-wrapper"><div id="docs-toolbar" role="toolbar">
    <div id="insertCommentButton" role="button" aria-label="Add comment (Ctrl+Alt+M)" aria-disabled="false"></div>
  </div></div>
</div>
<div id="docs-editor-container"><div id="docs-editor"><div id="kix-appview">
  <div class="kix-page-paginated"><canvas class="kix-canvas-tile-content"></canvas></div>
</div></div></div>
<div class="docos-stream-view">
  <div class="docos-anchoreddocoview" role="region">
    <div class="docos-anchoreddocoview-content"><div class="docos-anchoredreplyview">
      <div class="docos-anchoredreplyview-author">Ms. Rivera</div>
      <div class="docos-replyview-body docos-anchoredreplyview-body" dir="auto">Your first line drops me right into the game.</div>
    </div></div>
  </div>
</div>`;

/** The document the comment is for, and the one Docs moves to meanwhile in some tests. */
const DOC_ID = '1mYq7Lk2VbT9xRwP4nHc8ZsDfG3aJe6Uo5iKt0NpQy_A';
const OTHER_DOC_ID = '1c3Wd8Rk5Hn2ZqLm7XvB0TfJs4GyPa9Eu6oNi1KwQe-B';
/** Docs moving to another document without a page load, as it does. */
const moveToOtherDocument = (): void => history.pushState(null, '', `/document/d/${OTHER_DOC_ID}/edit`);

const COMMENT = 'Your first line drops me right into the game.\nWhat did the crowd sound like?';
const SELECTION: AnnotatedSelection = { quote: 'Maya ran to the net', caretInWord: false };
/** Short waits, for the paths where Docs never does what was asked. */
const SHORT: CommentTiming = { shortcutGraceMs: 5, composerMs: 20, acceptMs: 10, verifyMs: 10 };

function loadPage(markup = DOCS_PAGE): void {
  const parsed = new DOMParser().parseFromString(markup, 'text/html');
  document.body.append(...parsed.body.childNodes);
}

const margin = (): HTMLElement => document.querySelector<HTMLElement>('.docos-stream-view')!;
const postedTexts = (): string[] => [...document.querySelectorAll('.docos-replyview-body')].map((body) => body.textContent ?? '');
const drafts = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.docos-input-textarea')];

/** A page bridge whose answers the test decides. */
function fakeBridge(selections: Array<AnnotatedSelection | null> = [SELECTION], onPress: () => boolean = () => true) {
  let next = 0;
  return {
    readSelection: vi.fn(async () => selections[Math.min(next++, selections.length - 1)] ?? null),
    pressCommentShortcut: vi.fn(async () => onPress()),
  } satisfies PageBridge;
}

/** The margin card of a comment draft (current Docs' contenteditable box and its "Comment" button). */
function addDraftCard(text = ''): { card: HTMLElement; box: HTMLElement; post: HTMLElement } {
  const card = document.createElement('div');
  card.className = 'docos-anchoreddocoview docos-docoview-active';
  card.setAttribute('role', 'region');
  const input = document.createElement('div');
  input.className = 'docos-input';
  const box = document.createElement('div');
  box.className = 'docos-input-textarea docos-input-contenteditable';
  box.setAttribute('contenteditable', 'true');
  box.setAttribute('role', 'textbox');
  box.setAttribute('aria-label', 'Comment draft');
  box.textContent = text;
  // Docs' comment box keeps line breaks as typed (white-space: pre-wrap), so its innerText is its
  // text; happy-dom's innerText ignores CSS and drops line breaks, so say what a browser would.
  Object.defineProperty(box, 'innerText', { get: () => box.textContent ?? '', configurable: true });
  const buttons = document.createElement('div');
  buttons.className = 'docos-input-buttons';
  const post = document.createElement('div');
  post.className = 'jfk-button docos-input-post docos-input-buttons-post';
  post.setAttribute('role', 'button');
  post.setAttribute('aria-disabled', text.trim() === '' ? 'true' : 'false');
  post.textContent = 'Comment';
  buttons.append(post);
  input.append(box, buttons);
  card.append(input);
  margin().prepend(card);
  return { card, box, post };
}

function addPostedComment(text: string): void {
  const card = document.createElement('div');
  card.className = 'docos-anchoreddocoview';
  card.setAttribute('role', 'region');
  const body = document.createElement('div');
  body.className = 'docos-replyview-body docos-anchoredreplyview-body';
  body.textContent = text;
  card.append(body);
  margin().append(card);
}

/** Calls `onPress` for each press of a goog button: the mouse going down, then up, over it. */
function onGoogPress(button: HTMLElement, onPress: () => void): void {
  let down = false;
  button.addEventListener('mousedown', () => (down = true));
  button.addEventListener('mouseup', () => {
    if (down) onPress();
    down = false;
  });
}

interface ComposerOptions {
  /** Docs opens a draft when the shortcut is pressed. */
  opensOnShortcut?: boolean;
  /** Docs opens a draft when the toolbar button is pressed. */
  opensOnButton?: boolean;
  /** Docs enables "Comment" once the draft has text. */
  accepts?: boolean;
  /** What pressing an enabled "Comment" does. */
  onPost?: 'posts' | 'posts-keeping-draft' | 'nothing' | 'vanishes';
  /** The page script is there to press the shortcut. */
  pageScript?: boolean;
}

/**
 * A tiny stand-in for Docs' comment composer: the shortcut (or the toolbar button) opens a draft
 * card on a later turn, typing enables its "Comment" button, and pressing that turns the draft
 * into a posted comment, again on a later turn.
 */
function fakeComposer({ opensOnShortcut = true, opensOnButton = false, accepts = true, onPost = 'posts', pageScript = true }: ComposerOptions = {}) {
  const state = { postPresses: 0, toolbarPresses: 0, draft: null as ReturnType<typeof addDraftCard> | null };
  const open = (): void => {
    setTimeout(() => {
      const draft = addDraftCard();
      state.draft = draft;
      draft.box.addEventListener('input', () => {
        if (accepts) draft.post.setAttribute('aria-disabled', (draft.box.textContent ?? '').trim() === '' ? 'true' : 'false');
      });
      onGoogPress(draft.post, () => {
        state.postPresses += 1;
        if (draft.post.getAttribute('aria-disabled') === 'true' || onPost === 'nothing') return;
        const text = draft.box.textContent ?? '';
        setTimeout(() => {
          if (onPost !== 'posts-keeping-draft') draft.card.remove();
          if (onPost !== 'vanishes') addPostedComment(text);
        }, 0);
      });
    }, 0);
  };
  onGoogPress(document.querySelector<HTMLElement>('#insertCommentButton')!, () => {
    state.toolbarPresses += 1;
    if (opensOnButton) open();
  });
  const bridge = fakeBridge([SELECTION], () => {
    if (pageScript && opensOnShortcut) open();
    return pageScript;
  });
  return { state, bridge };
}

/**
 * `document.execCommand('insertText')` as a browser does it in a focused contenteditable (happy-dom
 * has no execCommand): the text goes in and an input event says so.
 */
function browserInsertText(): void {
  setExecCommand((command, _showUi, value) => {
    const target = document.activeElement;
    if (command !== 'insertText' || !(target instanceof HTMLElement) || !target.isContentEditable || value === undefined) return false;
    target.append(value);
    target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    return true;
  });
}

function setExecCommand(implementation: (command: string, showUi?: boolean, value?: string) => boolean): void {
  Object.defineProperty(document, 'execCommand', { value: vi.fn(implementation), configurable: true, writable: true });
}

/** The selection is a caret after the last of `element`'s text (as the element, or as its last text node, reports it). */
function caretIsAtEndOf(element: HTMLElement): boolean {
  const selection = document.getSelection();
  if (selection === null || !selection.isCollapsed || selection.focusNode === null) return false;
  const { focusNode, focusOffset } = selection;
  if (focusNode === element) return focusOffset === element.childNodes.length;
  return focusNode === element.lastChild && focusNode.nodeType === Node.TEXT_NODE && focusOffset === (focusNode.textContent ?? '').length;
}

let controller: AbortController;

beforeEach(() => {
  controller = new AbortController();
  history.replaceState(null, '', `/document/d/${DOC_ID}/edit`);
});
afterEach(() => {
  controller.abort();
  delete (document as { execCommand?: unknown }).execCommand;
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('comparing comment text the way Docs shows it', () => {
  it('treats runs of spaces, line breaks and non-breaking spaces as one space', () => {
    expect(sameCommentText('Great\u00A0lead!\n\nWhat  next?', 'Great lead! What next?')).toBe(true);
  });

  it('matches a posted comment whose line break is a <br> (its textContent runs the lines together)', () => {
    const body = document.createElement('div');
    body.append('Today: dialogue tags.', document.createElement('br'), 'Your next step: read it aloud.');
    expect(sameCommentText(body.textContent!, 'Today: dialogue tags.\nYour next step: read it aloud.')).toBe(true);
  });

  it('ignores spaces at the ends', () => {
    expect(sameCommentText('  Great lead! ', 'Great lead!')).toBe(true);
  });

  it('tells different words apart', () => {
    expect(sameCommentText('Great lead!', 'Great lead')).toBe(false);
    expect(sameCommentText('Great lead!', 'great lead!')).toBe(false);
    expect(sameCommentText('', 'Great lead!')).toBe(false);
  });
});

describe('waiting for the page to change', () => {
  const found = (): Element | null => document.querySelector('.docos-input-textarea');

  it('resolves with what appears after a later change to the page', async () => {
    loadPage();
    const waiting = waitFor(document, found, 1000, controller.signal);
    const { box } = addDraftCard();
    await expect(waiting).resolves.toBe(box);
  });

  it('resolves at once when it is already there', async () => {
    loadPage();
    const { box } = addDraftCard();
    await expect(waitFor(document, found, 1000, controller.signal)).resolves.toBe(box);
  });

  it('notices an attribute changing, as when Docs enables a button', async () => {
    loadPage();
    const { post } = addDraftCard();
    const waiting = waitFor(document, () => (post.getAttribute('aria-disabled') === 'false' ? post : null), 1000, controller.signal);
    post.setAttribute('aria-disabled', 'false');
    await expect(waiting).resolves.toBe(post);
  });

  it('resolves null when nothing appears in time', async () => {
    vi.useFakeTimers();
    loadPage();
    const waiting = waitFor(document, found, 1000, controller.signal);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(waiting).resolves.toBeNull();
  });

  it('resolves null when the content script is invalidated', async () => {
    loadPage();
    const waiting = waitFor(document, found, 60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeNull();
  });

  it('resolves null at once when already invalidated, without checking again', async () => {
    controller.abort();
    const check = vi.fn(() => null);
    await expect(waitFor(document, check, 60_000, controller.signal)).resolves.toBeNull();
    expect(check).toHaveBeenCalledOnce();
  });

  it.each([
    ['something appeared', 'appear'],
    ['time ran out', 'timeout'],
    ['it was aborted', 'abort'],
  ] as const)('stops watching the page once %s', async (_what, ending) => {
    vi.useFakeTimers();
    loadPage();
    const check = vi.fn(found);
    const waiting = waitFor(document, check, 1000, controller.signal);
    if (ending === 'appear') addDraftCard();
    if (ending === 'timeout') await vi.advanceTimersByTimeAsync(1000);
    if (ending === 'abort') controller.abort();
    await waiting;
    const checks = check.mock.calls.length;
    // Further changes to the page, and the time running out, check nothing more.
    document.body.append(document.createElement('p'));
    margin().setAttribute('class', 'docos-stream-view changed');
    await vi.advanceTimersByTimeAsync(5000);
    expect(check).toHaveBeenCalledTimes(checks);
  });
});

describe('the copy trick', () => {
  function addKeystrokeFrame(content = '<div contenteditable="true" role="textbox"></div>'): Document {
    const frame = document.createElement('iframe');
    frame.className = 'docs-texteventtarget-iframe';
    frame.setAttribute('srcdoc', content);
    document.body.append(frame);
    if (frame.contentDocument === null) throw new Error('happy-dom did not give the keystroke frame a document');
    return frame.contentDocument;
  }

  it('is null, with a console warning naming the selector, when the keystroke frame is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadPage();
    expect(copySelectedText(document)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"textEventFrame" (iframe.docs-texteventtarget-iframe) not found'));
  });

  it('is null, with a console warning, when the keystroke frame has no text box', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    addKeystrokeFrame('<p>nothing editable</p>');
    expect(copySelectedText(document)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"textEventTarget"'));
  });

  it('reads the words Docs puts in the copy event, cleaned, and leaves the real clipboard alone', () => {
    const frameDoc = addKeystrokeFrame();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const target = frameDoc.querySelector('[contenteditable="true"]')!;
    target.addEventListener('copy', (event) => (event as ClipboardEvent).clipboardData?.setData('text/plain', '\u200BMaya ran to the net\r\n'));
    expect(copySelectedText(document)).toBe('Maya ran to the net');
    expect(writeText).not.toHaveBeenCalled();
  });

  it('empties the keystroke box first, as Docs copies only from an empty one', () => {
    const frameDoc = addKeystrokeFrame();
    const target = frameDoc.querySelector('[contenteditable="true"]')!;
    target.textContent = 'm';
    let boxWhenCopied: string | null = null;
    target.addEventListener('copy', () => (boxWhenCopied = target.textContent));
    expect(copySelectedText(document)).toBe('');
    expect(boxWhenCopied).toBe('');
  });
});

describe('posting a margin comment: refusals', () => {
  beforeEach(() => {
    loadPage();
    browserInsertText();
  });

  it('refuses when the Docs tab is not the one showing, and does nothing', async () => {
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const bridge = fakeBridge();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'refused', reason: 'tab-hidden' });
    expect(bridge.readSelection).not.toHaveBeenCalled();
    expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
  });

  it('refuses on a view-only document whose "Add comment" button is disabled', async () => {
    document.querySelector('#insertCommentButton')!.setAttribute('aria-disabled', 'true');
    const bridge = fakeBridge();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'refused', reason: 'view-only' });
    expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
  });

  it('refuses on a view-only document that offers "Request edit access"', async () => {
    const request = document.createElement('div');
    request.className = 'titlebar-request-access-button';
    request.setAttribute('role', 'button');
    request.textContent = 'Request edit access';
    document.querySelector('#docs-titlebar-container')!.append(request);
    const bridge = fakeBridge();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'refused', reason: 'view-only' });
    expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
  });

  it('refuses, leaving it untouched, when the teacher’s own unfinished comment is open', async () => {
    const { box, post } = addDraftCard('Lovely verb here — ');
    const pressed = vi.fn();
    onGoogPress(post, pressed);
    const bridge = fakeBridge();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'refused', reason: 'draft-open' });
    expect(box.textContent).toBe('Lovely verb here — ');
    expect(drafts()).toEqual([box]);
    expect(pressed).not.toHaveBeenCalled();
    expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
    expect(document.execCommand).not.toHaveBeenCalled();
  });

  it('refuses when nothing is selected and the caret is not in a word, without pressing the shortcut', async () => {
    const toolbar = vi.fn();
    onGoogPress(document.querySelector<HTMLElement>('#insertCommentButton')!, toolbar);
    const bridge = fakeBridge([{ quote: '', caretInWord: false }]);
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'refused', reason: 'no-selection' });
    expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
    expect(toolbar).not.toHaveBeenCalled();
    expect(drafts()).toEqual([]);
  });

  it('refuses when the annotate API isn’t offered and the copy trick finds nothing selected', async () => {
    const frame = document.createElement('iframe');
    frame.className = 'docs-texteventtarget-iframe';
    frame.setAttribute('srcdoc', '<div contenteditable="true" role="textbox"></div>');
    document.body.append(frame);
    const bridge = fakeBridge([null]);
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'refused', reason: 'no-selection' });
    expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
  });

  it('does not claim nothing is selected when it can’t read the selection at all: Docs decides by opening its comment box or not', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bridge = fakeBridge([null]);
    const outcome = postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT });
    await vi.advanceTimersByTimeAsync(SHORT.composerMs);
    // (Here Docs opens nothing, so the panel offers the comment on the clipboard.)
    await expect(outcome).resolves.toEqual({ status: 'composer-did-not-open' });
    expect(bridge.pressCommentShortcut).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"textEventFrame"'));
  });
});

describe('posting a margin comment through Docs’ comment box', () => {
  beforeEach(() => {
    loadPage();
    browserInsertText();
  });

  it('posts the comment on the selected words and presses “Comment” exactly once', async () => {
    const { state, bridge } = fakeComposer();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'posted', quote: SELECTION.quote });
    expect(postedTexts()).toContain(COMMENT);
    expect(state.postPresses).toBe(1);
    expect(bridge.pressCommentShortcut).toHaveBeenCalledOnce();
    expect(state.toolbarPresses).toBe(0);
    expect(drafts()).toEqual([]);
  });

  it('puts the text in with a textContent and an input event when insertText does not land', async () => {
    setExecCommand(() => false);
    const { state, bridge } = fakeComposer();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'posted', quote: SELECTION.quote });
    expect(postedTexts()).toContain(COMMENT);
    expect(state.postPresses).toBe(1);
  });

  it('posts when Docs keeps the draft box in the page as the card turns into a thread', async () => {
    const { state, bridge } = fakeComposer({ onPost: 'posts-keeping-draft' });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'posted', quote: SELECTION.quote });
    expect(state.postPresses).toBe(1);
  });

  it('posts a second comment with the same words as one already in the margin', async () => {
    addPostedComment(COMMENT);
    const { state, bridge } = fakeComposer();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'posted', quote: SELECTION.quote });
    expect(postedTexts().filter((text) => text === COMMENT)).toHaveLength(2);
    expect(state.postPresses).toBe(1);
  });

  it('opens the comment box with the toolbar button when the shortcut opens nothing', async () => {
    const { state, bridge } = fakeComposer({ opensOnShortcut: false, opensOnButton: true });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: { ...COMMENT_TIMING, shortcutGraceMs: 5 } })).resolves.toEqual({
      status: 'posted',
      quote: SELECTION.quote,
    });
    expect(state.toolbarPresses).toBe(1);
    expect(state.postPresses).toBe(1);
  });

  it('posts when it can’t read the selection but Docs opens its comment box on it (the words it is on are then unknown)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { state, bridge } = fakeComposer();
    bridge.readSelection.mockResolvedValue(null);
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'posted', quote: '' });
    expect(state.postPresses).toBe(1);
  });

  it('with the caret in a word, quotes the word Docs selects once the comment box opens', async () => {
    const { bridge } = fakeComposer();
    bridge.readSelection.mockResolvedValueOnce({ quote: '', caretInWord: true }).mockResolvedValueOnce({ quote: 'crowd', caretInWord: false });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'posted', quote: 'crowd' });
  });

  it('leaves an empty draft from before alone and types into the new one', async () => {
    const { box: old } = addDraftCard();
    const { state, bridge } = fakeComposer();
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toMatchObject({ status: 'posted' });
    expect(old.textContent).toBe('');
    expect(state.postPresses).toBe(1);
  });

  it('says the composer did not open when neither the shortcut nor the toolbar button opens it, and warns naming the comment box’s selector', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { state, bridge } = fakeComposer({ opensOnShortcut: false, opensOnButton: false });
    const outcome = postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT });
    await vi.advanceTimersByTimeAsync(SHORT.composerMs);
    await expect(outcome).resolves.toEqual({ status: 'composer-did-not-open' });
    expect(bridge.pressCommentShortcut).toHaveBeenCalledOnce();
    expect(state.toolbarPresses).toBe(1);
    expect(postedTexts()).not.toContain(COMMENT);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`"commentDraft" (${DOCS_COMMENT_SELECTORS.commentDraft}) not seen within ${SHORT.composerMs} ms`));
  });

  it('presses the toolbar button at once, not after the shortcut’s grace time, when there is no page script to press the shortcut', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.useFakeTimers();
    const { state, bridge } = fakeComposer({ pageScript: false });
    const outcome = postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1);
    expect(state.toolbarPresses).toBe(1);
    await vi.advanceTimersByTimeAsync(COMMENT_TIMING.composerMs);
    await expect(outcome).resolves.toEqual({ status: 'composer-did-not-open' });
    expect(drafts()).toEqual([]);
  });

  it('leaves the comment in the draft, focused, when Docs never enables “Comment”, and warns naming its selector', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { state, bridge } = fakeComposer({ accepts: false });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT })).resolves.toEqual({ status: 'left-in-draft', filled: true });
    const [draft] = drafts();
    expect(draft?.textContent).toBe(COMMENT);
    expect(document.activeElement).toBe(draft);
    expect(state.postPresses).toBe(0);
    expect(postedTexts()).not.toContain(COMMENT);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`"commentPostButton" (${DOCS_COMMENT_SELECTORS.commentPostButton}) not enabled`));
  });

  it('leaves the caret at the end of the comment for the teacher to finish it, when the text had to be set directly', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    setExecCommand(() => false);
    const { bridge } = fakeComposer({ accepts: false });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT })).resolves.toEqual({ status: 'left-in-draft', filled: true });
    const [draft] = drafts();
    expect(document.activeElement).toBe(draft);
    expect(caretIsAtEndOf(draft!)).toBe(true);
  });

  it('leaves the draft empty and focused, saying so, when the text can’t be put in', async () => {
    setExecCommand(() => false);
    // A box that neither insertText nor setting its text can fill (as a changed Docs might have).
    const bridge = fakeBridge([SELECTION], () => {
      const { box } = addDraftCard();
      Object.defineProperty(box, 'textContent', { get: () => '', set: () => undefined, configurable: true });
      return true;
    });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT })).resolves.toEqual({ status: 'left-in-draft', filled: false });
    expect(document.activeElement).toBe(drafts()[0]);
  });

  it('presses “Comment” only once, and leaves the text in the draft, when Docs does not post it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { state, bridge } = fakeComposer({ onPost: 'nothing' });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT })).resolves.toEqual({ status: 'left-in-draft', filled: true });
    expect(state.postPresses).toBe(1);
    expect(drafts()[0]?.textContent).toBe(COMMENT);
    expect(document.activeElement).toBe(drafts()[0]);
  });

  it('says it is unconfirmed when the draft goes but no comment appears, without pressing again, and warns naming the posted comment’s selector', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { state, bridge } = fakeComposer({ onPost: 'vanishes' });
    await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT })).resolves.toEqual({ status: 'unconfirmed' });
    expect(state.postPresses).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`"commentBody" (${DOCS_COMMENT_SELECTORS.commentBody})`));
  });

  describe('when Confer is turned off or reloaded while posting', () => {
    it('stops before pressing the toolbar button, if the shortcut had not opened the box yet', async () => {
      vi.useFakeTimers();
      const { state, bridge } = fakeComposer({ opensOnShortcut: false, opensOnButton: true });
      const outcome = postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: { ...COMMENT_TIMING, shortcutGraceMs: 1000 } });
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      await vi.advanceTimersByTimeAsync(COMMENT_TIMING.composerMs);
      await expect(outcome).resolves.toEqual({ status: 'composer-did-not-open' });
      expect(state.toolbarPresses).toBe(0);
      expect(drafts()).toEqual([]);
    });

    it('never presses “Comment”, even with the text in and the button ready', async () => {
      // Typing focuses the box, which is when the content script notices it has been turned off.
      setExecCommand((command, _showUi, value) => {
        const target = document.activeElement as HTMLElement;
        target.append(value ?? '');
        target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
        controller.abort();
        return command === 'insertText';
      });
      const { state, bridge } = fakeComposer();
      await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'left-in-draft', filled: true });
      expect(state.postPresses).toBe(0);
      expect(postedTexts()).not.toContain(COMMENT);
    });
  });

  describe('when Docs moves to another document in the same tab', () => {
    // A comment for one student must never land on another student's document.
    it('does nothing if Docs is already on another document', async () => {
      const { state, bridge } = fakeComposer();
      moveToOtherDocument();
      await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'moved-away' });
      expect(bridge.readSelection).not.toHaveBeenCalled();
      expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
      expect(state.toolbarPresses).toBe(0);
    });

    it('presses nothing if Docs moves on while the selection is read', async () => {
      const { state, bridge } = fakeComposer();
      bridge.readSelection.mockImplementationOnce(async () => {
        moveToOtherDocument();
        return SELECTION;
      });
      await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'moved-away' });
      expect(bridge.pressCommentShortcut).not.toHaveBeenCalled();
      expect(state.toolbarPresses).toBe(0);
    });

    it('types nothing into a comment box that opens after Docs has moved on', async () => {
      const { state, bridge } = fakeComposer();
      bridge.pressCommentShortcut.mockImplementationOnce(async () => {
        moveToOtherDocument();
        // The box opens on the other document.
        setTimeout(() => (state.draft = addDraftCard()), 0);
        return true;
      });
      await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal })).resolves.toEqual({ status: 'moved-away' });
      expect(state.draft?.box.textContent).toBe('');
      expect(state.postPresses).toBe(0);
    });

    it('tries no other way of opening the comment box once Docs has moved on', async () => {
      const { state, bridge } = fakeComposer({ opensOnShortcut: false, opensOnButton: true });
      bridge.pressCommentShortcut.mockImplementationOnce(async () => {
        moveToOtherDocument();
        return true;
      });
      await expect(postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal, timing: SHORT })).resolves.toEqual({ status: 'moved-away' });
      expect(state.toolbarPresses).toBe(0);
      expect(drafts()).toEqual([]);
    });

    it('takes its text out again, and never presses “Comment”, if Docs moves on while it waits for the button', async () => {
      const { state, bridge } = fakeComposer({ accepts: false });
      const outcome = postMarginComment(document, COMMENT, { bridge, docId: DOC_ID, signal: controller.signal });
      await vi.waitFor(() => expect(state.draft?.box.textContent).toBe(COMMENT));
      moveToOtherDocument();
      state.draft!.post.setAttribute('aria-disabled', 'false');
      await expect(outcome).resolves.toEqual({ status: 'moved-away' });
      expect(state.draft!.box.textContent).toBe('');
      expect(state.postPresses).toBe(0);
      expect(postedTexts()).not.toContain(COMMENT);
    });
  });
});
