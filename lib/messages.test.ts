import { describe, expect, it } from 'vitest';
import { MAX_TITLE_LENGTH, isBackgroundToContent, isBackgroundToPanel, isPanelToBackground, parseContentMessage } from './messages';

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
