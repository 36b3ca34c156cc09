import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyConferenceContent, type ConferenceContent } from './model';
import { forgetAllUnsavedWords, forgetUnsavedWords, keepUnsavedWords, unsavedWordsFor, type UnsavedWords } from './unsaved-words';

const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const OTHER_DOC = `${DOC}x`;
const content = (change: Partial<ConferenceContent> = {}): ConferenceContent => ({ ...emptyConferenceContent(), ...change });
const words = (change: Partial<UnsavedWords> = {}): UnsavedWords => ({
  docId: DOC,
  content: content({ focus: 'Show the goal scene' }),
  base: content(),
  startedAt: 100,
  at: 200,
  ...change,
});

afterEach(() => localStorage.clear());

describe('words kept as a panel closes', () => {
  it('come back for their document only, oldest first, exactly as kept', () => {
    keepUnsavedWords('second', words({ at: 300, content: content({ notes: 'Later words' }) }));
    keepUnsavedWords('first', words());
    keepUnsavedWords('elsewhere', words({ docId: OTHER_DOC }));
    const kept = unsavedWordsFor(DOC);
    expect(kept.map(({ words: { content: { focus, notes } } }) => focus || notes)).toEqual(['Show the goal scene', 'Later words']);
    expect(kept[0]!.words).toEqual(words());
    expect(unsavedWordsFor(OTHER_DOC)).toHaveLength(1);
  });

  it('are one entry per panel: keeping again replaces that panel’s words', () => {
    keepUnsavedWords('panel', words());
    keepUnsavedWords('panel', words({ content: content({ focus: 'Show the goal scene, then cut' }) }));
    expect(unsavedWordsFor(DOC).map(({ words: { content: { focus } } }) => focus)).toEqual(['Show the goal scene, then cut']);
  });

  it('are forgotten by key, and all of them at once without touching other storage', () => {
    const key = keepUnsavedWords('panel', words());
    keepUnsavedWords('other', words({ docId: OTHER_DOC }));
    localStorage.setItem('not-confer', 'x');
    forgetUnsavedWords([key]);
    expect(unsavedWordsFor(DOC)).toEqual([]);
    expect(unsavedWordsFor(OTHER_DOC)).toHaveLength(1);
    forgetAllUnsavedWords();
    expect(unsavedWordsFor(OTHER_DOC)).toEqual([]);
    expect(localStorage.getItem('not-confer')).toBe('x');
  });

  it('leave an entry they cannot read where it is, and say so in the console', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    keepUnsavedWords('good', words());
    localStorage.setItem(`confer.unsaved-words.${DOC}.broken`, '{"format":1,"docId":');
    localStorage.setItem(`confer.unsaved-words.${DOC}.newer`, JSON.stringify({ ...words(), format: 2 }));
    expect(unsavedWordsFor(DOC)).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toContain(`confer.unsaved-words.${DOC}.`);
    expect(localStorage.getItem(`confer.unsaved-words.${DOC}.broken`)).not.toBeNull();
  });
});
