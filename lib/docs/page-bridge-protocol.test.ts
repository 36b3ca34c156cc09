import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_LENGTH } from '../messages';
import {
  PAGE_BRIDGE_VERSION,
  annotatedSelection,
  cleanQuote,
  encodeBridgeMessage,
  parseBridgeReply,
  parseBridgeRequest,
} from './page-bridge-protocol';

/** The longest `detail` the parsers read at all. */
const MAX_DETAIL_LENGTH = MAX_QUOTE_LENGTH * 2 + 500;
const ID = '3f2b8c1e-9d4a-4f6b-8e21-7c5d0a9b1e33';
const json = (value: unknown): string => JSON.stringify(value);
/** A request padded with an extra field to exactly `length` characters. */
const paddedRequest = (length: number): string => {
  const bare = json({ v: 1, id: ID, op: 'read-selection', pad: '' });
  return json({ v: 1, id: ID, op: 'read-selection', pad: 'x'.repeat(length - bare.length) });
};

describe('page bridge requests', () => {
  it.each(['press-comment-shortcut', 'read-selection'] as const)('accepts a well-formed version 1 "%s" request', (op) => {
    expect(parseBridgeRequest(encodeBridgeMessage({ v: PAGE_BRIDGE_VERSION, id: ID, op }))).toEqual({ v: 1, id: ID, op });
  });

  it('keeps only the version, id and operation: nothing else a request carries is passed on', () => {
    const request = parseBridgeRequest(json({ v: 1, id: ID, op: 'read-selection', text: 'Private: reads below grade level' }));
    expect(request).toStrictEqual({ v: 1, id: ID, op: 'read-selection' });
  });

  it.each([0, 2, '1', null])('refuses a request of another version (%s)', (v) => {
    expect(parseBridgeRequest(json({ v, id: ID, op: 'read-selection' }))).toBeNull();
  });

  it('refuses a request without a version', () => {
    expect(parseBridgeRequest(json({ id: ID, op: 'read-selection' }))).toBeNull();
  });

  it.each(['{"v":1,"id":"a","op":"read-selection"', 'read-selection', '', 'null', '[1,"a","read-selection"]', '"read-selection"', '42'])(
    'refuses a detail that is not a JSON object: %s',
    (detail) => {
      expect(parseBridgeRequest(detail)).toBeNull();
    },
  );

  it.each([
    ['an object', { v: 1, id: ID, op: 'read-selection' }],
    ['a number', 1],
    ['undefined', undefined],
    ['null', null],
  ])('refuses a detail that is %s rather than a string', (_what, detail) => {
    expect(parseBridgeRequest(detail)).toBeNull();
  });

  it('refuses a detail longer than any real message, and reads one just inside the limit', () => {
    expect(parseBridgeRequest(paddedRequest(MAX_DETAIL_LENGTH))).toEqual({ v: 1, id: ID, op: 'read-selection' });
    expect(parseBridgeRequest(paddedRequest(MAX_DETAIL_LENGTH + 1))).toBeNull();
  });

  it.each(['post-comment', 'insert-text', 'READ-SELECTION', 'toString', 'constructor', '', null, 1])('refuses the unknown operation %s', (op) => {
    expect(parseBridgeRequest(json({ v: 1, id: ID, op }))).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['65 characters long', 'a'.repeat(65)],
    ['a number', 7],
    ['null', null],
    ['an object', { id: ID }],
  ])('refuses an id that is %s', (_what, id) => {
    expect(parseBridgeRequest(json({ v: 1, id, op: 'read-selection' }))).toBeNull();
  });

  it('accepts an id of 64 characters', () => {
    const id = 'a'.repeat(64);
    expect(parseBridgeRequest(json({ v: 1, id, op: 'press-comment-shortcut' }))?.id).toBe(id);
  });

  it('does not read fields from a "__proto__" key', () => {
    expect(parseBridgeRequest('{"__proto__":{"v":1,"id":"abc","op":"read-selection"}}')).toBeNull();
  });

  it('does not pollute Object.prototype when a request carries a "__proto__" key', () => {
    const request = parseBridgeRequest('{"v":1,"id":"abc","op":"read-selection","__proto__":{"polluted":true}}');
    expect(request).toStrictEqual({ v: 1, id: 'abc', op: 'read-selection' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('page bridge replies', () => {
  it('accepts a shortcut reply that says whether it was pressed', () => {
    expect(parseBridgeReply(json({ v: 1, id: ID, op: 'press-comment-shortcut', pressed: true }))).toEqual({ v: 1, id: ID, op: 'press-comment-shortcut', pressed: true });
    expect(parseBridgeReply(json({ v: 1, id: ID, op: 'press-comment-shortcut', pressed: false }))).toEqual({ v: 1, id: ID, op: 'press-comment-shortcut', pressed: false });
  });

  it('accepts a selection reply, and one saying the annotate API is not there', () => {
    const selection = { quote: 'Maya ran to the net', caretInWord: false };
    expect(parseBridgeReply(json({ v: 1, id: ID, op: 'read-selection', selection }))).toEqual({ v: 1, id: ID, op: 'read-selection', selection });
    expect(parseBridgeReply(json({ v: 1, id: ID, op: 'read-selection', selection: null }))).toEqual({ v: 1, id: ID, op: 'read-selection', selection: null });
  });

  it('keeps only the fields of the reply, dropping anything else the page added', () => {
    const reply = parseBridgeReply(json({ v: 1, id: ID, op: 'read-selection', selection: { quote: 'ran', caretInWord: false, html: '<b>ran</b>' }, extra: 1 }));
    expect(reply).toStrictEqual({ v: 1, id: ID, op: 'read-selection', selection: { quote: 'ran', caretInWord: false } });
  });

  it.each([0, 2, '1'])('refuses a reply of another version (%s)', (v) => {
    expect(parseBridgeReply(json({ v, id: ID, op: 'press-comment-shortcut', pressed: true }))).toBeNull();
    expect(parseBridgeReply(json({ v, id: ID, op: 'read-selection', selection: null }))).toBeNull();
  });

  it.each(['{"v":1,', 'pressed', '', '[]', 'true'])('refuses a reply that is not a JSON object: %s', (detail) => {
    expect(parseBridgeReply(detail)).toBeNull();
  });

  it('refuses a reply that is not a string', () => {
    expect(parseBridgeReply({ v: 1, id: ID, op: 'press-comment-shortcut', pressed: true })).toBeNull();
    expect(parseBridgeReply(undefined)).toBeNull();
  });

  it('refuses a reply longer than any real message', () => {
    const bare = json({ v: 1, id: ID, op: 'read-selection', selection: null, pad: '' });
    const detail = json({ v: 1, id: ID, op: 'read-selection', selection: null, pad: 'x'.repeat(MAX_DETAIL_LENGTH + 1 - bare.length) });
    expect(detail).toHaveLength(MAX_DETAIL_LENGTH + 1);
    expect(parseBridgeReply(detail)).toBeNull();
  });

  it('refuses a reply to an unknown operation', () => {
    expect(parseBridgeReply(json({ v: 1, id: ID, op: 'post-comment', pressed: true }))).toBeNull();
  });

  it.each(['', 'a'.repeat(65), 3, null])('refuses a reply with the bad id %s', (id) => {
    expect(parseBridgeReply(json({ v: 1, id, op: 'press-comment-shortcut', pressed: true }))).toBeNull();
  });

  it.each([
    ['pressed is a string', { op: 'press-comment-shortcut', pressed: 'true' }],
    ['pressed is missing', { op: 'press-comment-shortcut' }],
    ['the selection is missing', { op: 'read-selection' }],
    ['the selection is a string', { op: 'read-selection', selection: 'Maya ran' }],
    ['the selection is an array', { op: 'read-selection', selection: ['Maya ran', false] }],
    ['the quote is a number', { op: 'read-selection', selection: { quote: 3, caretInWord: false } }],
    ['the quote is missing', { op: 'read-selection', selection: { caretInWord: true } }],
    ['caretInWord is a string', { op: 'read-selection', selection: { quote: '', caretInWord: 'yes' } }],
    ['caretInWord is missing', { op: 'read-selection', selection: { quote: 'ran' } }],
  ])('refuses a reply in which %s', (_what, fields) => {
    expect(parseBridgeReply(json({ v: 1, id: ID, ...fields }))).toBeNull();
  });

  it('refuses a quote longer than the longest quote Confer keeps, and takes one of exactly that length', () => {
    const reply = (quote: string) => json({ v: 1, id: ID, op: 'read-selection', selection: { quote, caretInWord: false } });
    expect(parseBridgeReply(reply('a'.repeat(MAX_QUOTE_LENGTH)))).not.toBeNull();
    expect(parseBridgeReply(reply('a'.repeat(MAX_QUOTE_LENGTH + 1)))).toBeNull();
  });

  it('does not read a selection hidden behind a "__proto__" key', () => {
    expect(parseBridgeReply('{"v":1,"id":"abc","op":"read-selection","selection":{"__proto__":{"quote":"forged","caretInWord":true}}}')).toBeNull();
    expect(parseBridgeReply('{"__proto__":{"v":1,"id":"abc","op":"press-comment-shortcut","pressed":true}}')).toBeNull();
  });
});

describe('the selection from Docs’ annotated text', () => {
  // Docs' annotated text starts with '\u0003', and its offsets count it.
  const TEXT = '\u0003Maya ran to the net. The crowd roared!\n\nThen silence.';
  const at = (word: string): number => TEXT.indexOf(word);

  it('quotes the selected words', () => {
    expect(annotatedSelection(TEXT, at('ran'), at(' the'))).toEqual({ quote: 'ran to', caretInWord: false });
  });

  it('leaves out the leading marker when the selection starts at the very beginning', () => {
    expect(annotatedSelection(TEXT, 0, at(' ran'))).toEqual({ quote: 'Maya', caretInWord: false });
  });

  it('cleans and trims the quoted words', () => {
    const text = '\u0003 Maya\u200B ran\r\nfast ';
    expect(annotatedSelection(text, 1, text.length).quote).toBe('Maya ran\nfast');
  });

  it('reads a selection made backwards (end before start) the same way', () => {
    expect(annotatedSelection(TEXT, at(' the'), at('ran'))).toEqual(annotatedSelection(TEXT, at('ran'), at(' the')));
    expect(annotatedSelection(TEXT, at(' the'), at('ran')).quote).toBe('ran to');
  });

  it('keeps offsets before the start or past the end within the text', () => {
    expect(annotatedSelection(TEXT, -20, at(' ran')).quote).toBe('Maya');
    expect(annotatedSelection(TEXT, at('silence'), TEXT.length + 500).quote).toBe('silence.');
    expect(annotatedSelection(TEXT, TEXT.length + 500, at('silence')).quote).toBe('silence.');
  });

  it('treats offsets entirely past the end as a caret after the last full stop, not in a word', () => {
    expect(annotatedSelection(TEXT, TEXT.length + 5, TEXT.length + 9)).toEqual({ quote: '', caretInWord: false });
  });

  it('treats negative offsets as a caret before the start marker, not in a word', () => {
    expect(annotatedSelection(TEXT, -5, -1)).toEqual({ quote: '', caretInWord: false });
  });

  it('says the caret is in a word when it is inside one', () => {
    expect(annotatedSelection(TEXT, at('ran') + 1, at('ran') + 1)).toEqual({ quote: '', caretInWord: true });
  });

  it('says the caret is in a word when it touches the start or the end of one', () => {
    expect(annotatedSelection(TEXT, at('ran'), at('ran')).caretInWord).toBe(true);
    expect(annotatedSelection(TEXT, at(' to'), at(' to')).caretInWord).toBe(true);
  });

  it('counts apostrophes inside words as part of the word', () => {
    const text = '\u0003I don’t know';
    const caret = text.indexOf('’') + 1;
    expect(annotatedSelection(text, caret, caret).caretInWord).toBe(true);
  });

  it('counts letters of other scripts as words', () => {
    const text = '\u0003Él corrió rápido';
    const caret = text.indexOf('ó') + 1;
    expect(annotatedSelection(text, caret, caret).caretInWord).toBe(true);
  });

  it('says the caret is not in a word on an empty line between paragraphs', () => {
    const caret = at('\n\n') + 1;
    expect(annotatedSelection(TEXT, caret, caret)).toEqual({ quote: '', caretInWord: false });
  });

  it('says the caret is not in a word just after punctuation', () => {
    const afterExclamation = at('!\n') + 1;
    expect(annotatedSelection(TEXT, afterExclamation, afterExclamation).caretInWord).toBe(false);
    const afterFullStop = at('. The') + 1;
    expect(annotatedSelection(TEXT, afterFullStop, afterFullStop).caretInWord).toBe(false);
  });

  it('says the caret is not in a word in an empty document', () => {
    expect(annotatedSelection('\u0003', 1, 1)).toEqual({ quote: '', caretInWord: false });
    expect(annotatedSelection('', 0, 0)).toEqual({ quote: '', caretInWord: false });
  });

  it('cuts a very long selection at the longest quote Confer keeps', () => {
    const text = `\u0003${'Maya-ran'.repeat(1000)}`;
    const { quote } = annotatedSelection(text, 1, text.length);
    expect(quote).toHaveLength(MAX_QUOTE_LENGTH);
    expect(text.slice(1).startsWith(quote)).toBe(true);
  });
});

describe('cleaning a quote', () => {
  it('removes Docs’ control characters', () => {
    expect(cleanQuote('\u0003Maya ran\u001C to\u0012 the net')).toBe('Maya ran to the net');
  });

  it('never runs words together: a line break within a paragraph stays one, other marks become a space', () => {
    expect(cleanQuote('\u0003line one\u000bline two')).toBe('line one\nline two');
    expect(cleanQuote('cell one\u001Ccell two')).toBe('cell one cell two');
  });

  it('removes zero-width spaces and word joiners and byte-order marks', () => {
    expect(cleanQuote('the\u200B crowd\u2060 roared\uFEFF')).toBe('the crowd roared');
  });

  it('keeps the zero-width joiners that hold an emoji together', () => {
    const teacher = '👩\u200D🏫';
    expect(cleanQuote(`My ${teacher} said so`)).toBe(`My ${teacher} said so`);
    expect(Array.from(new Intl.Segmenter().segment(cleanQuote(teacher)))).toHaveLength(1);
  });

  it('turns Windows and old Mac line breaks into plain line breaks', () => {
    expect(cleanQuote('first line\r\nsecond line\rthird line')).toBe('first line\nsecond line\nthird line');
  });

  it('keeps tabs and line breaks inside the quote', () => {
    expect(cleanQuote('one\ttwo\nthree')).toBe('one\ttwo\nthree');
  });

  it('trims spaces and line breaks at both ends', () => {
    expect(cleanQuote(' \n\t Maya ran \r\n ')).toBe('Maya ran');
  });

  it('cuts a quote longer than the longest Confer keeps', () => {
    expect(cleanQuote('a'.repeat(MAX_QUOTE_LENGTH + 10))).toHaveLength(MAX_QUOTE_LENGTH);
  });
});
