import { describe, expect, it } from 'vitest';
import { MAX_COMMENT_LENGTH, MAX_QUOTE_LENGTH, MAX_TITLE_LENGTH, isBackgroundToContent, isBackgroundToPanel, isPanelToBackground, parseCommentOutcome, parseContentMessage } from './messages';

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
    expect(isBackgroundToPanel({ type: 'confer:context-changed', context: {} })).toBe(true);
    for (const junk of [null, undefined, 'confer:toggle-panel', 1, {}]) {
      expect(isBackgroundToContent(junk) || isPanelToBackground(junk) || isBackgroundToPanel(junk)).toBe(false);
    }
  });
});

describe('posting a comment', () => {
  it('carries only non-blank text of a sensible length', () => {
    expect(isPanelToBackground({ type: 'confer:post-comment', text: 'Your dialogue sounds like real people.' })).toBe(true);
    expect(isBackgroundToContent({ type: 'confer:post-comment', text: 'x'.repeat(MAX_COMMENT_LENGTH) })).toBe(true);
    for (const text of ['', '  \n ', 'x'.repeat(MAX_COMMENT_LENGTH + 1), 42, null, undefined, ['a']]) {
      expect(isPanelToBackground({ type: 'confer:post-comment', text })).toBe(false);
      expect(isBackgroundToContent({ type: 'confer:post-comment', text })).toBe(false);
    }
  });

  it.each([
    [{ status: 'posted', quote: 'the whistle blew' }, { status: 'posted', quote: 'the whistle blew' }],
    [{ status: 'refused', reason: 'no-selection' }, { status: 'refused', reason: 'no-selection' }],
    [{ status: 'left-in-draft', filled: false, notes: 'x' }, { status: 'left-in-draft', filled: false }],
    [{ status: 'composer-did-not-open' }, { status: 'composer-did-not-open' }],
    [{ status: 'unconfirmed' }, { status: 'unconfirmed' }],
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
