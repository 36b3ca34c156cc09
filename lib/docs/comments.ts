/**
 * Posting a margin comment on the teacher's selection by driving Google Docs' own comment UI, as
 * the teacher would: open the comment box, put the text in, press "Comment", and check the comment
 * appeared. No released Google API can anchor a comment to words in a Doc (see
 * ../shared/google-docs-facts.md, "Inserting a margin comment"), so this is the only way.
 *
 * Two promises hold on every path: the text is never lost (it is posted, left in Docs' comment
 * box, or the panel puts it on the clipboard), and one request posts at most one comment ("Comment"
 * is pressed once, never retried). Every step is verified, because view-only documents and a
 * changed Docs ignore what Confer does without saying so.
 */
import { parseDocUrl } from '../doc-ref';
import type { CommentOutcome } from '../messages';
import { cleanQuote, type AnnotatedSelection } from './page-bridge-protocol';
import type { PageBridge } from './page-bridge-client';
import { DOCS_COMMENT_SELECTORS, DOCS_SELECTORS, findOrWarn, warnMissing } from './selectors';

export interface CommentTiming {
  /** How long the shortcut, then the toolbar button, get before the next way is tried. */
  shortcutGraceMs: number;
  /** How long Docs' comment box may take to open, from the first attempt. */
  composerMs: number;
  /** How long Docs may take to take the text (its "Comment" button becoming available). */
  acceptMs: number;
  /** How long after "Comment" is pressed the posted comment must appear. */
  verifyMs: number;
}

export const COMMENT_TIMING: CommentTiming = { shortcutGraceMs: 1000, composerMs: 5000, acceptMs: 1500, verifyMs: 5000 };

export interface PostCommentOptions {
  bridge: PageBridge;
  /**
   * The document the comment is for. Docs can move to another document without a page load;
   * if it does, nothing more is done (a comment for one student must never land on another's).
   */
  docId: string;
  /** Aborted when the content script is invalidated: every observer and timer stops. */
  signal: AbortSignal;
  timing?: CommentTiming;
}

type DraftBox = HTMLElement;

/** Docs' comment drafts open in the margin now. */
function openDrafts(doc: Document): DraftBox[] {
  return [...doc.querySelectorAll<DraftBox>(DOCS_COMMENT_SELECTORS.commentDraft)];
}

/** What a draft box holds, as the teacher sees it. */
function draftText(draft: DraftBox): string {
  return draft instanceof HTMLTextAreaElement ? draft.value : draft.innerText;
}

/**
 * Text compared the way Docs may show it, white space left out: a posted comment's line breaks can
 * be `<br>` elements, which its `textContent` drops ("today: X.Your next step"), and Docs trims
 * and may turn spaces into non-breaking ones. The words and their order must match exactly.
 */
export function sameCommentText(shown: string, posted: string): boolean {
  const normal = (text: string) => text.replace(/\s+/gu, '');
  return normal(posted) !== '' && normal(shown) === normal(posted);
}

/** Posted comments in the margin whose text is exactly `text`. */
function postedWithText(doc: Document, text: string): number {
  let count = 0;
  for (const body of doc.querySelectorAll<HTMLElement>(DOCS_COMMENT_SELECTORS.commentBody)) {
    if (sameCommentText(body.textContent ?? '', text)) count += 1;
  }
  return count;
}

/**
 * Resolves with `check()`'s first non-null answer, checked now and after every change to the page,
 * or with `null` after `timeoutMs` (or when the content script is invalidated). Observes rather
 * than polls; the observer lives only while waiting.
 */
export function waitFor<T>(doc: Document, check: () => T | null, timeoutMs: number, signal: AbortSignal): Promise<T | null> {
  return new Promise((resolve) => {
    const first = check();
    if (first !== null || signal.aborted) return resolve(first);
    const win = doc.defaultView!;
    const finish = (value: T | null): void => {
      observer.disconnect();
      win.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => finish(null);
    const observer = new MutationObserver(() => {
      const value = check();
      if (value !== null) finish(value);
    });
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-disabled', 'class'] });
    const timer = win.setTimeout(() => finish(check()), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The copy trick: Docs answers a `copy` event in its keystroke frame by filling the event's own
 * DataTransfer with the selected words (the real clipboard is not touched, and no permission is
 * needed). Empty when nothing is selected, or when the owner turned copying off.
 */
export function copySelectedText(doc: Document): string | null {
  const frame = findOrWarn<HTMLIFrameElement>(doc, 'textEventFrame', 'Confer can’t read which words are selected');
  const frameDoc = frame?.contentDocument ?? null;
  if (frameDoc === null) return null;
  const target = frameDoc.querySelector(DOCS_SELECTORS.textEventTarget);
  if (target === null) {
    console.warn(`Confer: Google Docs element "textEventTarget" (${DOCS_SELECTORS.textEventTarget}) not found in the keystroke frame; Confer can’t read which words are selected.`);
    return null;
  }
  // Docs copies the selection only when its keystroke box is empty (what the teacher typed is
  // already in the document by then).
  target.replaceChildren();
  const view = frameDoc.defaultView ?? doc.defaultView!;
  const copy = new view.ClipboardEvent('copy', { clipboardData: new view.DataTransfer(), bubbles: true, cancelable: true });
  target.dispatchEvent(copy);
  // Read from the event: Firefox gives it a DataTransfer of its own rather than the one passed in.
  return cleanQuote(copy.clipboardData?.getData('text/plain') ?? '');
}

/**
 * The teacher's selection: Docs' annotate API where Docs offers it, else the copy trick. `null`
 * when neither can read it (Docs has changed: a console warning names what is missing).
 */
async function readSelection(doc: Document, bridge: PageBridge): Promise<AnnotatedSelection | null> {
  const annotated = await bridge.readSelection();
  if (annotated !== null) return annotated;
  const copied = copySelectedText(doc);
  return copied === null ? null : { quote: copied, caretInWord: false };
}

/** True once Docs shows another document than `docId` (it moves without a page load). */
function movedAway(doc: Document, docId: string): boolean {
  return parseDocUrl(doc.location.href)?.docId !== docId;
}

/** A goog button acts on the mouse going down and up over it (a bare `.click()` does nothing). */
function pressButton(button: HTMLElement): void {
  const view = button.ownerDocument.defaultView!;
  const box = button.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, button: 0, bubbles: true, cancelable: true, view };
  button.dispatchEvent(new view.MouseEvent('mouseover', { ...at, buttons: 0 }));
  button.dispatchEvent(new view.MouseEvent('mousedown', { ...at, buttons: 1 }));
  button.dispatchEvent(new view.MouseEvent('mouseup', { ...at, buttons: 0 }));
  button.dispatchEvent(new view.MouseEvent('click', { ...at, buttons: 0 }));
}

/** How Docs writes the comment shortcut beside Insert > Comment (the item's name is translated; this isn't). */
export const COMMENT_SHORTCUT_HINTS = ['Ctrl+Alt+M', '⌘+Option+M', '⌘⌥M'];

/** Insert > Comment in an open menu, if it is there and enabled. */
function commentMenuItem(doc: Document): HTMLElement | null {
  for (const item of doc.querySelectorAll<HTMLElement>(DOCS_COMMENT_SELECTORS.menuItem)) {
    if (item.getClientRects().length === 0 || item.getAttribute('aria-disabled') === 'true') continue;
    const shown = `${item.getAttribute('aria-label') ?? ''} ${item.textContent ?? ''}`;
    if (COMMENT_SHORTCUT_HINTS.some((hint) => shown.includes(hint))) return item;
  }
  return null;
}

/** Opens the Insert menu and presses Comment; if Comment isn't in it, closes the menu again. */
async function pressInsertMenuComment(doc: Document, signal: AbortSignal, timeoutMs: number): Promise<void> {
  const menu = findOrWarn(doc, 'insertMenu', 'Confer can’t use Insert > Comment', DOCS_COMMENT_SELECTORS);
  if (menu === null) return;
  pressButton(menu);
  const item = await waitFor(doc, () => commentMenuItem(doc), timeoutMs, signal);
  if (item !== null) pressButton(item);
  else {
    console.warn(`Confer: no item with a comment shortcut hint (${COMMENT_SHORTCUT_HINTS.join(', ')}) in Google Docs' Insert menu (${DOCS_COMMENT_SELECTORS.menuItem}).`);
    pressButton(menu);
  }
}

/**
 * Opens Docs' comment box on the selection, as a teacher could: the shortcut first (from the
 * page's world, where Docs hears it), then the toolbar button, then Insert > Comment, each after
 * the one before has had a moment. Resolves with the new draft box, or `null` if none opened in time.
 */
async function openComposer(doc: Document, before: ReadonlySet<DraftBox>, options: Required<PostCommentOptions>): Promise<DraftBox | null> {
  const { bridge, signal, timing, docId } = options;
  const newDraft = (): DraftBox | null => openDrafts(doc).find((draft) => !before.has(draft)) ?? null;
  /** Nothing more is tried once Confer is turned off or Docs has moved to another document. */
  const stop = (): boolean => signal.aborted || movedAway(doc, docId);
  const started = Date.now();
  const pressed = await bridge.pressCommentShortcut();
  const viaShortcut = await waitFor(doc, newDraft, pressed ? timing.shortcutGraceMs : 0, signal);
  if (viaShortcut !== null || stop()) return viaShortcut;
  // The toolbar button is missing when the window is narrow (Docs moves it off the toolbar).
  const button = doc.querySelector<HTMLElement>(DOCS_COMMENT_SELECTORS.commentButton);
  if (button !== null) {
    pressButton(button);
    const viaButton = await waitFor(doc, newDraft, timing.shortcutGraceMs, signal);
    if (viaButton !== null || stop()) return viaButton;
  }
  await pressInsertMenuComment(doc, signal, timing.shortcutGraceMs);
  const viaMenu = await waitFor(doc, newDraft, Math.max(0, timing.composerMs - (Date.now() - started)), signal);
  if (viaMenu === null && !stop()) {
    warnMissing('commentDraft', 'no comment box opened after the shortcut, the toolbar button and Insert > Comment', DOCS_COMMENT_SELECTORS, `not seen within ${timing.composerMs} ms`);
  }
  return viaMenu;
}

/**
 * Types `text` into the draft the way Docs listens for (`insertText` fires real beforeinput and
 * input events); if that did not land, sets it directly and says so with an `input` event.
 * True when the box shows exactly the text.
 */
function putText(draft: DraftBox, text: string): boolean {
  const doc = draft.ownerDocument;
  draft.focus();
  // (execCommand is deprecated but is the one way to type that editors like Docs' listen to.)
  if (typeof doc.execCommand === 'function') doc.execCommand('insertText', false, text);
  if (sameCommentText(draftText(draft), text)) return true;
  if (draft instanceof HTMLTextAreaElement) draft.value = text;
  else draft.textContent = text;
  draft.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return sameCommentText(draftText(draft), text);
}

/** Takes the text out of a draft again (Docs drops an empty one by itself). */
function takeTextOut(draft: DraftBox): void {
  if (draft instanceof HTMLTextAreaElement) draft.value = '';
  else draft.replaceChildren();
  draft.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
}

/** Leaves the draft focused with the caret at the end, for the teacher to finish by hand. */
function handOver(draft: DraftBox): void {
  draft.focus();
  if (draft instanceof HTMLTextAreaElement) {
    draft.setSelectionRange(draft.value.length, draft.value.length);
    return;
  }
  const selection = draft.ownerDocument.getSelection();
  selection?.selectAllChildren(draft);
  selection?.collapseToEnd();
}

/** The draft's "Comment" button once Docs makes it available. */
function enabledPostButton(draft: DraftBox): HTMLElement | null {
  const card = draft.closest<HTMLElement>(DOCS_COMMENT_SELECTORS.commentCard) ?? draft.parentElement;
  const button = card?.querySelector<HTMLElement>(DOCS_COMMENT_SELECTORS.commentPostButton) ?? null;
  return button !== null && button.getAttribute('aria-disabled') !== 'true' ? button : null;
}

/** True when Docs says the teacher cannot comment here. */
function isViewOnly(doc: Document): boolean {
  if (doc.querySelector(DOCS_COMMENT_SELECTORS.requestAccessButton) !== null) return true;
  const button = findOrWarn(doc, 'commentButton', 'Confer can’t tell from it whether comments are allowed here (a narrow window hides it), and tries the shortcut and Insert > Comment', DOCS_COMMENT_SELECTORS);
  return button !== null && button.getAttribute('aria-disabled') === 'true';
}

/**
 * Posts `text` as a margin comment on the teacher's selection in this Docs page. If Confer is
 * turned off or reloaded meanwhile (`signal`), it stops where it is and does nothing more to Docs:
 * no further button pressed, no text typed, focus left alone.
 */
export async function postMarginComment(doc: Document, text: string, options: PostCommentOptions): Promise<CommentOutcome> {
  const settings: Required<PostCommentOptions> = { timing: COMMENT_TIMING, ...options };
  const { bridge, signal, timing, docId } = settings;

  if (movedAway(doc, docId)) return { status: 'moved-away' };
  if (doc.visibilityState !== 'visible') return { status: 'refused', reason: 'tab-hidden' };
  if (isViewOnly(doc)) return { status: 'refused', reason: 'view-only' };
  const existing = openDrafts(doc);
  // The teacher's own unfinished comment: never touched. (Docs drops an empty one by itself.)
  if (existing.some((draft) => draftText(draft).trim() !== '')) return { status: 'refused', reason: 'draft-open' };

  const selection = await readSelection(doc, bridge);
  if (signal.aborted) return { status: 'composer-did-not-open' };
  if (movedAway(doc, docId)) return { status: 'moved-away' };
  // Known to be nothing: say so. Unreadable: Docs decides, by opening its comment box or not.
  if (selection !== null && selection.quote === '' && !selection.caretInWord) return { status: 'refused', reason: 'no-selection' };

  const draft = await openComposer(doc, new Set(existing), settings);
  // Nothing typed in it: an empty comment box goes by itself.
  if (movedAway(doc, docId)) return { status: 'moved-away' };
  if (draft === null) return { status: 'composer-did-not-open' };
  // A caret in a word: Docs has now selected the word, so the quote can be read.
  const quote = selection !== null && selection.quote !== '' ? selection.quote : ((await readSelection(doc, bridge))?.quote ?? '');
  // An empty comment box: Docs drops it by itself once it loses the focus.
  if (signal.aborted) return { status: 'left-in-draft', filled: false };
  if (movedAway(doc, docId)) return { status: 'moved-away' };

  if (!putText(draft, text)) {
    handOver(draft);
    return { status: 'left-in-draft', filled: draftText(draft).trim() !== '' };
  }
  const post = await waitFor(doc, () => enabledPostButton(draft), timing.acceptMs, signal);
  if (signal.aborted) return { status: 'left-in-draft', filled: true };
  if (movedAway(doc, docId)) {
    takeTextOut(draft);
    return { status: 'moved-away' };
  }
  if (post === null) {
    warnMissing('commentPostButton', 'the comment box’s Comment button never became available, so the teacher is asked to press it', DOCS_COMMENT_SELECTORS, `not enabled within ${timing.acceptMs} ms`);
    handOver(draft);
    return { status: 'left-in-draft', filled: true };
  }

  const alreadyThere = postedWithText(doc, text);
  pressButton(post); // once: pressing again could post twice
  // A new posted comment with this text is the proof. Without it, a draft box still in the page
  // and still holding the text is handed over (Docs didn't take the press); anything else is
  // unconfirmed, and the teacher is asked to look in the margin rather than post again.
  const posted = await waitFor(doc, () => (postedWithText(doc, text) > alreadyThere ? true : null), timing.verifyMs, signal);
  if (posted !== null) return { status: 'posted', quote };
  if (signal.aborted) return { status: 'unconfirmed' };
  warnMissing('commentBody', 'no posted comment with the text appeared, so Confer can’t confirm it was posted', DOCS_COMMENT_SELECTORS, `with the comment’s text not seen within ${timing.verifyMs} ms`);
  if (draft.isConnected && sameCommentText(draftText(draft), text)) {
    handOver(draft);
    return { status: 'left-in-draft', filled: true };
  }
  return { status: 'unconfirmed' };
}
