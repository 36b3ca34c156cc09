/**
 * The protocol between Confer's content script (isolated world) and its small page-world script
 * (`entrypoints/docs-page.content.ts`), which exists because some things cannot be done, or cost
 * too much, from the isolated world:
 * - pressing Ctrl+Alt+M so that Docs hears it: Docs ignores a shortcut whose `keyCode` is 0, and an
 *   event built in the isolated world cannot carry an overridden `keyCode` into the page's world;
 * - Docs' annotate API (`_docs_annotate_getAnnotatedText`), which exists only in the page's world;
 * - hearing Confer's shortcut (lib/shortcut.ts) typed in the document: the keystrokes go to Docs' hidden keystroke frame,
 *   where the isolated world would first have to be started (a second copy of it, ~12 ms on every
 *   Docs page load); the page's world is there already.
 *
 * Requests carry an operation name and nothing else: no comment text, no note, ever. Replies come
 * from the page's world, which the page itself can imitate, so they are validated and only ever
 * trusted as far as a page could be anyway (the quoted words and where the caret is).
 *
 * Both directions are CustomEvents on the top window whose `detail` is a JSON string (objects do
 * not cross between worlds; strings do). Every message carries the protocol version: a content
 * script and a page script from different Confer versions (after an update, until the tab is
 * reloaded) ignore each other instead of misreading each other.
 */
import { MAX_QUOTE_LENGTH } from '../messages';

export const PAGE_BRIDGE_VERSION = 1;
/** Content script → page world. */
export const PAGE_BRIDGE_REQUEST_EVENT = 'confer:page-bridge:request';
/** Page world → content script. */
export const PAGE_BRIDGE_REPLY_EVENT = 'confer:page-bridge:reply';
/**
 * Page world → content script, unasked: the teacher typed the shortcut in the document. It carries
 * nothing (its name carries the protocol version). Cancelable: the content script cancels it
 * (synchronously, inside the dispatch) when Confer takes the key, and only then is the key kept
 * from Docs. Nobody cancels it once Confer is turned off, so Docs gets the key as if Confer had
 * never been there. The page can send this event itself; all it can do with it is open or close
 * the panel, which shows the page nothing.
 */
export const PAGE_BRIDGE_SHORTCUT_EVENT = `confer:page-bridge:shortcut:v${PAGE_BRIDGE_VERSION}`;

export type PageBridgeOperation =
  /** Press Ctrl+Alt+M (⌘+Option+M on a Mac) in Docs' keystroke frame, as the teacher would. */
  | 'press-comment-shortcut'
  /** Read the teacher's selection through Docs' annotate API, where Docs offers it. */
  | 'read-selection';

export interface PageBridgeRequest {
  v: typeof PAGE_BRIDGE_VERSION;
  id: string;
  op: PageBridgeOperation;
}

/** The teacher's selection as the annotate API reports it. */
export interface AnnotatedSelection {
  /** The selected words ('' when the selection is a caret). */
  quote: string;
  /** A caret (nothing selected) inside a word: Docs comments on that word. */
  caretInWord: boolean;
}

export type PageBridgeReply =
  | { v: typeof PAGE_BRIDGE_VERSION; id: string; op: 'press-comment-shortcut'; pressed: boolean }
  /** `selection: null`: the annotate API is not available on this page. */
  | { v: typeof PAGE_BRIDGE_VERSION; id: string; op: 'read-selection'; selection: AnnotatedSelection | null };

const MAX_ID_LENGTH = 64;

function parseJsonObject(detail: unknown): Record<string, unknown> | null {
  if (typeof detail !== 'string' || detail.length > MAX_QUOTE_LENGTH * 2 + 500) return null;
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

export function encodeBridgeMessage(message: PageBridgeRequest | PageBridgeReply): string {
  return JSON.stringify(message);
}

/** A request as the page script receives it; `null` for anything else (other versions included). */
export function parseBridgeRequest(detail: unknown): PageBridgeRequest | null {
  const value = parseJsonObject(detail);
  if (value === null || value.v !== PAGE_BRIDGE_VERSION || !isId(value.id)) return null;
  if (value.op !== 'press-comment-shortcut' && value.op !== 'read-selection') return null;
  return { v: PAGE_BRIDGE_VERSION, id: value.id, op: value.op };
}

/** A reply as the content script receives it; `null` for anything malformed or of another version. */
export function parseBridgeReply(detail: unknown): PageBridgeReply | null {
  const value = parseJsonObject(detail);
  if (value === null || value.v !== PAGE_BRIDGE_VERSION || !isId(value.id)) return null;
  if (value.op === 'press-comment-shortcut') {
    return typeof value.pressed === 'boolean' ? { v: PAGE_BRIDGE_VERSION, id: value.id, op: value.op, pressed: value.pressed } : null;
  }
  if (value.op !== 'read-selection') return null;
  if (value.selection === null) return { v: PAGE_BRIDGE_VERSION, id: value.id, op: value.op, selection: null };
  const selection = value.selection as Record<string, unknown> | undefined;
  if (typeof selection !== 'object' || selection === null) return null;
  const { quote, caretInWord } = selection;
  if (typeof quote !== 'string' || quote.length > MAX_QUOTE_LENGTH || typeof caretInWord !== 'boolean') return null;
  return { v: PAGE_BRIDGE_VERSION, id: value.id, op: value.op, selection: { quote, caretInWord } };
}

/*
 * The two regular expressions below with Unicode properties are made when they are used rather
 * than written as literals. V8 checks a literal's pattern as it parses the script, and looking up
 * \p{…} classes is slow the first time in a page: docs-page.js, which runs as every document
 * opens, took 2.4 ms of the Docs tab's main thread with them as literals and 1.3 ms without
 * (thread CPU time, medians of 20 loads taken in turn), for work done only when the teacher
 * posts a comment. Keep \p{…} out of literals in the content scripts.
 */

/** Letters, digits and the joiners inside words ("don't", "well-known"), as Docs widens a caret. */
const wordCharacter = (): RegExp => new RegExp(String.raw`[\p{L}\p{N}\p{M}_'\u2019-]`, 'u');

/**
 * The selection from the annotate API's text and offsets (which count a leading '\u0003').
 * A selection wider than MAX_QUOTE_LENGTH is cut there.
 */
export function annotatedSelection(text: string, start: number, end: number): AnnotatedSelection {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end, 0));
  if (to > from) return { quote: cleanQuote(text.slice(from, Math.min(to, from + MAX_QUOTE_LENGTH))), caretInWord: false };
  const before = text[from - 1] ?? '';
  const after = text[from] ?? '';
  const word = wordCharacter();
  return { quote: '', caretInWord: word.test(before) || word.test(after) };
}

/**
 * Docs' text carries control characters that a quote should not: '\u0003' before the text, '\u000b'
 * for a line break within a paragraph, others around tables and the like. A line break stays one;
 * any other control character becomes a space, so the words either side never run together.
 * Zero-width spaces go. (Zero-width joiners stay: emoji and some scripts need them.)
 */
export function cleanQuote(text: string): string {
  return (
    text
      .replaceAll('\u000b', '\n')
      .replace(new RegExp(String.raw` ?(?:(?![\t\n\r])\p{Cc})+ ?`, 'gu'), ' ')
      .replace(/[\u200B\u2060\uFEFF]/gu, '')
      .replace(/\r\n?/gu, '\n')
      .trim()
      .slice(0, MAX_QUOTE_LENGTH)
  );
}
