import { describe, expect, it } from 'vitest';
import { NotebookError } from './notebook';
import { describeStorageError } from './storage-errors';

const failures = ['QuotaExceededError', 'InvalidStateError', 'TransactionInactiveError', 'AbortError', 'UnknownError'].map((name) => new DOMException('', name));

describe('describeStorageError', () => {
  it('asks the teacher to try again when nothing will retry by itself (a save, a delete, a read)', () => {
    for (const error of [...failures, new Error('odd')]) {
      const words = describeStorageError(error);
      expect(words).toMatch(/try again\.$/i);
      expect(words).not.toContain('keeps trying');
    }
  });

  it('says Confer keeps trying only where it does (the draft and name savers)', () => {
    for (const error of failures) expect(describeStorageError(error, 'keeps-trying')).toMatch(/keeps trying\.$/);
  });

  it('asks for a reload where only a new panel would read again', () => {
    for (const error of failures) expect(describeStorageError(error, 'reload')).toMatch(/reload the page( to try again)?\.$/i);
  });

  it('says only the cause where repeating the action would do harm (a compliment posted twice)', () => {
    expect(describeStorageError(new DOMException('', 'InvalidStateError'), 'none')).toBe('The browser closed Confer’s notebook for a moment.');
    expect(describeStorageError(new DOMException('', 'QuotaExceededError'), 'none')).toBe('Your computer is out of space for Confer’s notes. Free some disk space.');
    expect(describeStorageError(new DOMException('', 'UnknownError'), 'none')).toBe('Confer couldn’t use its notebook on this computer just now.');
  });

  it('names the cause a teacher can act on', () => {
    expect(describeStorageError(new DOMException('', 'QuotaExceededError'))).toBe('Your computer is out of space for Confer’s notes. Free some disk space. Try again.');
    expect(describeStorageError(new DOMException('', 'VersionError'), 'keeps-trying')).toBe('Confer’s notebook was opened by a newer version of Confer. Update Confer.');
  });

  it('passes on the notebook’s own words as they are', () => {
    expect(describeStorageError(new NotebookError('That conference was deleted, perhaps in another tab.'))).toBe('That conference was deleted, perhaps in another tab.');
  });
});
