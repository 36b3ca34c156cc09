/**
 * The margin comment a teacher has typed in the panel's Comment box but not posted yet, kept per
 * document on this computer until it is posted or emptied: closing the tab, or the browser, does
 * not lose it.
 *
 * It is in the extension's own localStorage (synchronous, so a closing page still writes it), in
 * the extension's origin like the notebook: the Docs page cannot read it. It is not a record of
 * the conference (that is the draft, in the notebook), so it is not in backups; "Delete
 * everything" removes it with everything else.
 */
import { forgetKeysStartingWith } from './unsaved-words';

const PREFIX = 'confer.unposted-comment.';
/** Where the Comment box was kept before (this tab's sessionStorage), taken over once. */
const SESSION_KEY_BEFORE = 'confer:comment:';

export const unpostedCommentKey = (docId: string): string => `${PREFIX}${docId}`;

/** The comment kept for `docId` ('' when there is none). */
export function readUnpostedComment(docId: string, storage: Storage = localStorage, session: Storage = sessionStorage): string {
  const kept = storage.getItem(unpostedCommentKey(docId));
  if (kept !== null) return kept;
  const before = session.getItem(`${SESSION_KEY_BEFORE}${docId}`);
  if (before === null) return '';
  keepUnpostedComment(docId, before, storage);
  session.removeItem(`${SESSION_KEY_BEFORE}${docId}`);
  return before;
}

/** Keeps `text` as `docId`'s unposted comment; '' forgets it. */
export function keepUnpostedComment(docId: string, text: string, storage: Storage = localStorage): void {
  if (text === '') storage.removeItem(unpostedCommentKey(docId));
  else storage.setItem(unpostedCommentKey(docId), text);
}

/** Removes every document's unposted comment (with everything else in the notebook). */
export function forgetAllUnpostedComments(storage: Storage = localStorage): void {
  forgetKeysStartingWith([PREFIX], storage);
}
