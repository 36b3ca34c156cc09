import { useEffect, useState } from 'preact/hooks';
import { keepUnpostedComment, readUnpostedComment, unpostedCommentKey } from '../lib/notebook/unposted-comments';
import { withKeptWords } from '../lib/notebook/unsaved-words';

/**
 * The Comment box's text for document `docId`, kept on this computer until it is posted or
 * emptied (unposted-comments.ts): it comes back after the tab is reloaded or closed, and follows
 * what another tab on the same document types in its box.
 */
export function useUnpostedComment(docId: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readKept(docId));
  useEffect(() => {
    setText(readKept(docId));
    // Another tab (or panel) on this document changed its box.
    const onStorage = (event: StorageEvent): void => {
      if (event.storageArea === localStorage && (event.key === unpostedCommentKey(docId) || event.key === null)) setText(readKept(docId));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [docId]);
  const update = (next: string): void => {
    setText(next);
    withKeptWords(() => keepUnpostedComment(docId, next), undefined, 'could not keep the comment on this computer.');
  };
  return [text, update];
}

const readKept = (docId: string): string => withKeptWords(() => readUnpostedComment(docId), '', 'could not read the comment kept on this computer.');
