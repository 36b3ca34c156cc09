/**
 * What went wrong with the notebook, in words a teacher can act on. IndexedDB reports failures as
 * DOMException names; these are the ones a browser really produces.
 * https://developer.mozilla.org/en-US/docs/Web/API/IDBTransaction/error
 */
import { NotebookError } from './notebook';

/**
 * What happens next, said after the cause:
 * - `try-again`: the teacher's action (a save, a delete, a read) was tried once; they can repeat it.
 * - `keeps-trying`: Confer tries again by itself until it works (the draft and name savers).
 * - `reload`: only a new panel would read it again (the unsaved conference, read as the panel opens).
 * - `none`: repeating the action would do harm or nothing (a compliment already posted would be
 *   posted twice): only the cause is said.
 */
export type NextStep = 'try-again' | 'keeps-trying' | 'reload' | 'none';

const AFTER_FREEING_SPACE: Record<NextStep, string> = {
  'try-again': ', then try again.',
  'keeps-trying': '; Confer keeps trying.',
  reload: ', then reload the page.',
  none: '.',
};
const THEN: Record<NextStep, string> = {
  'try-again': 'Try again.',
  'keeps-trying': 'Confer keeps trying.',
  reload: 'Reload the page to try again.',
  none: '',
};

export function describeStorageError(error: unknown, next: NextStep = 'try-again'): string {
  if (error instanceof NotebookError) return error.message;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'QuotaExceededError':
      return `Your computer is out of space for Confer’s notes. Free some disk space${AFTER_FREEING_SPACE[next]}`;
    case 'InvalidStateError':
    case 'TransactionInactiveError':
      return `The browser closed Confer’s notebook for a moment. ${THEN[next]}`.trimEnd();
    case 'VersionError':
      return 'Confer’s notebook was opened by a newer version of Confer. Update Confer.';
    case 'AbortError':
    case 'UnknownError':
    default:
      return `Confer couldn’t use its notebook on this computer just now. ${THEN[next]}`.trimEnd();
  }
}
