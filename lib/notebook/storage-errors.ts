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

const THEN: Record<NextStep, string> = {
  'try-again': 'Try again.',
  'keeps-trying': 'Confer keeps trying.',
  reload: 'Reload the page to try again.',
  none: '',
};

export function describeStorageError(error: unknown, next: NextStep = 'try-again'): string {
  if (error instanceof NotebookError) return error.message;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'VersionError') return 'Confer’s notebook was opened by a newer version of Confer. Update Confer.';
  const cause =
    name === 'QuotaExceededError'
      ? 'Your computer is out of space for Confer’s notes. Free some disk space.'
      : name === 'InvalidStateError' || name === 'TransactionInactiveError'
        ? 'The browser closed Confer’s notebook for a moment.'
        : // AbortError, UnknownError, and anything else.
          'Confer couldn’t use its notebook on this computer just now.';
  return `${cause} ${THEN[next]}`.trimEnd();
}
