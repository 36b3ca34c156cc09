/**
 * What went wrong with the notebook, in words a teacher can act on. IndexedDB reports failures as
 * DOMException names; these are the ones a browser really produces.
 * https://developer.mozilla.org/en-US/docs/Web/API/IDBTransaction/error
 */
import { NotebookError } from './notebook';

export function describeStorageError(error: unknown): string {
  if (error instanceof NotebookError) return error.message;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'QuotaExceededError':
      return 'Your computer is out of space for Confer’s notes. Free some disk space; Confer keeps trying.';
    case 'InvalidStateError':
    case 'TransactionInactiveError':
      return 'The browser closed Confer’s notebook for a moment. Confer keeps trying.';
    case 'VersionError':
      return 'Confer’s notebook was opened by a newer version of Confer. Update Confer.';
    case 'AbortError':
    case 'UnknownError':
    default:
      return 'Confer couldn’t write to its notebook on this computer. It keeps trying.';
  }
}
