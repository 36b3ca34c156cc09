import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyConferenceContent, type ConferenceContent } from './model';
import { forgetAllUnsavedWords, forgetUnsavedWords, keepUnsavedName, keepUnsavedWords, trackKeptEntries, unsavedNamesFor, unsavedWordsFor, type UnsavedWords } from './unsaved-words';

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

  it('say which conference was being saved as the page closed, when one was', () => {
    const saving = { content: content({ focus: 'Show the goal scene' }), startedAt: 90 };
    keepUnsavedWords('panel', words({ content: content({ focus: 'Show the goal scene', notes: 'Then the ending' }), saving }));
    expect(unsavedWordsFor(DOC)[0]!.words.saving).toEqual(saving);
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

describe('Student names kept as a panel closes', () => {
  it('come back for their document only, oldest first, apart from the conference’s words', () => {
    keepUnsavedName('second', { docId: DOC, name: 'Dev Ramirez', at: 300 });
    keepUnsavedName('first', { docId: DOC, name: 'Dev', at: 200 });
    keepUnsavedName('elsewhere', { docId: OTHER_DOC, name: 'Noor Haddad', at: 100 });
    keepUnsavedWords('first', words());
    expect(unsavedNamesFor(DOC).map(({ kept }) => kept)).toEqual([
      { docId: DOC, name: 'Dev', at: 200 },
      { docId: DOC, name: 'Dev Ramirez', at: 300 },
    ]);
    expect(unsavedWordsFor(DOC)).toHaveLength(1);
  });

  it('leave a name longer than the field allows where it is, and are all forgotten with everything', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    localStorage.setItem(`confer.unsaved-name.${DOC}.long`, JSON.stringify({ format: 1, docId: DOC, name: 'x'.repeat(10_000), at: 1 }));
    expect(unsavedNamesFor(DOC)).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
    keepUnsavedName('panel', { docId: OTHER_DOC, name: 'Dev', at: 2 });
    forgetAllUnsavedWords();
    expect(Object.keys(localStorage)).toEqual([]);
  });
});

describe('the entries a panel is to forget once their words are written', () => {
  const stored = (): string[] => Object.keys(localStorage).sort();

  it('are forgotten by a write that started after they were kept, not by one that started before', () => {
    const kept = trackKeptEntries();
    const first = keepUnsavedWords('panel', words());
    kept.add([first], 0);
    const second = keepUnsavedName('panel', { docId: DOC, name: 'Dev', at: 2 });
    kept.add([second], 1);
    kept.written(1);
    expect(stored()).toEqual([second]);
    kept.written(2);
    expect(stored()).toEqual([]);
  });

  it('for a save, forget those there were as it began, and keep those added while it was on its way', () => {
    const kept = trackKeptEntries();
    const before = keepUnsavedWords('closed-panel', words());
    kept.add([before], 0);
    const forgetSaved = kept.forgetThoseSoFar();
    const during = keepUnsavedWords('panel', words({ at: 300 }));
    kept.add([during], 0);
    forgetSaved();
    expect(stored()).toEqual([during]);
    kept.forgetAll();
    expect(stored()).toEqual([]);
  });
});
