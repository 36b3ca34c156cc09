import { describe, expect, it } from 'vitest';
import { MAX_COMMENT_LENGTH, MAX_QUOTE_LENGTH, MAX_TITLE_LENGTH, isBackgroundToContent, isPanelToBackground, parseBackgroundToPanel, parseCommentOutcome, parseContentMessage } from './messages';

describe('parseContentMessage: what the content script (in the page’s process) may say', () => {
  it('accepts a page report', () => {
    expect(parseContentMessage({ type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [] })).toEqual({
      type: 'confer:page-changed',
      title: 'Maya Okafor - Narrative',
      problems: [],
    });
  });

  it('keeps a hostile title as plain text (it is only ever displayed as text)', () => {
    const title = '<img src=x onerror=alert(1)> "><script>x</script>';
    expect(parseContentMessage({ type: 'confer:page-changed', title, problems: ['title-not-found'] })?.title).toBe(title);
  });

  it('accepts a title still to come (Docs has moved to the document but shows the last one’s title)', () => {
    expect(parseContentMessage({ type: 'confer:page-changed', title: null, problems: [], titlePending: true })).toEqual({
      type: 'confer:page-changed',
      title: null,
      problems: [],
      titlePending: true,
    });
  });

  it('drops unknown keys and repeated problems', () => {
    const parsed = parseContentMessage({ type: 'confer:page-changed', title: null, problems: ['layout-not-adjusted', 'layout-not-adjusted'], notes: 'secret' });
    expect(parsed).toEqual({ type: 'confer:page-changed', title: null, problems: ['layout-not-adjusted'] });
  });

  it.each([
    ['not an object', 'confer:page-changed'],
    ['null', null],
    ['wrong type', { type: 'confer:get-context', title: null, problems: [] }],
    ['title not text', { type: 'confer:page-changed', title: 42, problems: [] }],
    ['title too long', { type: 'confer:page-changed', title: 'x'.repeat(MAX_TITLE_LENGTH + 1), problems: [] }],
    ['problems missing', { type: 'confer:page-changed', title: null }],
    ['unknown problem', { type: 'confer:page-changed', title: null, problems: ['toString'] }],
    ['prototype key as problem', { type: 'confer:page-changed', title: null, problems: ['__proto__'] }],
    ['too many problems', { type: 'confer:page-changed', title: null, problems: Array(50).fill('title-not-found') }],
    ['a title both given and still to come', { type: 'confer:page-changed', title: 'Maya Okafor - Narrative', problems: [], titlePending: true }],
    ['titlePending not true', { type: 'confer:page-changed', title: null, problems: [], titlePending: 'yes' }],
  ])('refuses %s', (_what, message) => {
    expect(parseContentMessage(message)).toBeNull();
  });
});

describe('message guards', () => {
  it('recognise only their own channel’s messages', () => {
    expect(isBackgroundToContent({ type: 'confer:toggle-panel' })).toBe(true);
    expect(isBackgroundToContent({ type: 'confer:report-page' })).toBe(true);
    expect(isBackgroundToContent({ type: 'confer:get-context' })).toBe(false);
    expect(isPanelToBackground({ type: 'confer:get-context' })).toBe(true);
    expect(isPanelToBackground({ type: 'confer:toggle-panel' })).toBe(false);
    for (const junk of [null, undefined, 'confer:toggle-panel', 1, {}]) {
      expect(isBackgroundToContent(junk) || isPanelToBackground(junk) || parseBackgroundToPanel(junk, FROM_BACKGROUND, EXTENSION_ID) !== null).toBe(false);
    }
  });
});

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const FROM_BACKGROUND = { id: EXTENSION_ID };
const CONTEXT = { tabId: 7, doc: { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: 1, tab: 't.0' }, title: 'Maya Okafor - The Big Match', problems: [], pending: false };
const update = (context: unknown) => ({ type: 'confer:context-changed', context });

describe('which document a panel sits beside', () => {
  it('is taken from the background', () => {
    expect(parseBackgroundToPanel(update(CONTEXT), FROM_BACKGROUND, EXTENSION_ID)).toEqual(update(CONTEXT));
    expect(parseBackgroundToPanel(update({ ...CONTEXT, doc: null, title: null }), FROM_BACKGROUND, EXTENSION_ID)).toEqual(update({ ...CONTEXT, doc: null, title: null }));
    expect(parseBackgroundToPanel(update({ ...CONTEXT, title: null, pending: true }), FROM_BACKGROUND, EXTENSION_ID)).toEqual(update({ ...CONTEXT, title: null, pending: true }));
  });

  it('is never taken from a Docs page’s content script, or from another extension', () => {
    // A content script's runtime.sendMessage reaches the panels in Docs tabs too; the browser
    // names its tab. A compromised page could otherwise point a panel at another student's document.
    expect(parseBackgroundToPanel(update(CONTEXT), { id: EXTENSION_ID, tab: { id: 7 } }, EXTENSION_ID)).toBeNull();
    expect(parseBackgroundToPanel(update(CONTEXT), { id: 'someotherextensionidabcdefghijkl' }, EXTENSION_ID)).toBeNull();
    expect(parseBackgroundToPanel(update(CONTEXT), {}, EXTENSION_ID)).toBeNull();
  });

  it('is refused when any part of it has the wrong shape', () => {
    const bad = [
      {},
      { ...CONTEXT, tabId: '7' },
      { ...CONTEXT, tabId: -1 },
      { ...CONTEXT, tabId: 1.5 },
      { ...CONTEXT, doc: { ...CONTEXT.doc, docId: '../../x' } },
      { ...CONTEXT, doc: { ...CONTEXT.doc, accountSlot: '1' } },
      { ...CONTEXT, doc: { ...CONTEXT.doc, accountSlot: 1000 } },
      { ...CONTEXT, doc: { ...CONTEXT.doc, tab: 'javascript:alert(1)' } },
      { ...CONTEXT, doc: { docId: CONTEXT.doc.docId } },
      { ...CONTEXT, title: 'x'.repeat(MAX_TITLE_LENGTH + 1) },
      { ...CONTEXT, title: 3 },
      { ...CONTEXT, problems: ['not-a-problem'] },
      { ...CONTEXT, problems: undefined },
      { ...CONTEXT, pending: 'yes' },
      { ...CONTEXT, pending: undefined },
    ];
    for (const context of bad) expect(parseBackgroundToPanel(update(context), FROM_BACKGROUND, EXTENSION_ID), JSON.stringify(context).slice(0, 80)).toBeNull();
  });
});

describe('posting a comment', () => {
  it('carries only non-blank text of a sensible length, and the document it is for', () => {
    const docId = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
    expect(isPanelToBackground({ type: 'confer:post-comment', text: 'Your dialogue sounds like real people.', docId })).toBe(true);
    expect(isBackgroundToContent({ type: 'confer:post-comment', text: 'x'.repeat(MAX_COMMENT_LENGTH), docId })).toBe(true);
    for (const text of ['', '  \n ', 'x'.repeat(MAX_COMMENT_LENGTH + 1), 42, null, undefined, ['a']]) {
      expect(isPanelToBackground({ type: 'confer:post-comment', text, docId })).toBe(false);
      expect(isBackgroundToContent({ type: 'confer:post-comment', text, docId })).toBe(false);
    }
    for (const badDocId of [undefined, null, 42, { docId }]) {
      expect(isPanelToBackground({ type: 'confer:post-comment', text: 'Nice verbs.', docId: badDocId })).toBe(false);
      expect(isBackgroundToContent({ type: 'confer:post-comment', text: 'Nice verbs.', docId: badDocId })).toBe(false);
    }
  });

  it.each([
    [{ status: 'posted', quote: 'the whistle blew' }, { status: 'posted', quote: 'the whistle blew' }],
    [{ status: 'refused', reason: 'no-selection' }, { status: 'refused', reason: 'no-selection' }],
    [{ status: 'left-in-draft', filled: false, notes: 'x' }, { status: 'left-in-draft', filled: false }],
    [{ status: 'composer-did-not-open' }, { status: 'composer-did-not-open' }],
    [{ status: 'unconfirmed' }, { status: 'unconfirmed' }],
    [{ status: 'moved-away' }, { status: 'moved-away' }],
    [{ status: 'posted', quote: 'q'.repeat(MAX_QUOTE_LENGTH + 10) }, { status: 'posted', quote: 'q'.repeat(MAX_QUOTE_LENGTH) }],
  ])('accepts the outcome %j', (outcome, expected) => {
    expect(parseCommentOutcome(outcome)).toEqual(expected);
  });

  it.each([null, 'posted', {}, { status: 'posted' }, { status: 'refused', reason: 'toString' }, { status: 'left-in-draft', filled: 'yes' }, { status: '__proto__' }])(
    'refuses the outcome %j',
    (outcome) => {
      expect(parseCommentOutcome(outcome)).toBeNull();
    },
  );
});
