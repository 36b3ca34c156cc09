import { afterEach, describe, expect, it } from 'vitest';
import { forgetAllUnpostedComments, keepUnpostedComment, readUnpostedComment } from './unposted-comments';

const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const OTHER_DOC = `${DOC}x`;

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('comments typed but not posted', () => {
  it('are kept per document until emptied', () => {
    keepUnpostedComment(DOC, 'Your lead pulls me in.');
    keepUnpostedComment(OTHER_DOC, 'Where does this scene happen?');
    expect(readUnpostedComment(DOC)).toBe('Your lead pulls me in.');
    keepUnpostedComment(DOC, '');
    expect(readUnpostedComment(DOC)).toBe('');
    expect(readUnpostedComment(OTHER_DOC)).toBe('Where does this scene happen?');
  });

  it('take over a comment this tab kept the way an earlier Confer did (for the tab only)', () => {
    sessionStorage.setItem(`confer:comment:${DOC}`, 'Half-written: your ending…');
    expect(readUnpostedComment(DOC)).toBe('Half-written: your ending…');
    expect(sessionStorage.length).toBe(0);
    expect(readUnpostedComment(DOC)).toBe('Half-written: your ending…');
  });

  it('are all forgotten at once, and nothing else in localStorage', () => {
    keepUnpostedComment(DOC, 'a');
    keepUnpostedComment(OTHER_DOC, 'b');
    localStorage.setItem('not-confer', 'x');
    forgetAllUnpostedComments();
    expect([readUnpostedComment(DOC), readUnpostedComment(OTHER_DOC)]).toEqual(['', '']);
    expect(localStorage.getItem('not-confer')).toBe('x');
  });
});
