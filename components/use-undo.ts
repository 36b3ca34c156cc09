import { useRef, useState } from 'preact/hooks';
import { describeStorageError } from '../lib/notebook/storage-errors';

export interface Undo<T> {
  /** What was deleted last and can be put back (shown in an UndoBar), or `null`. */
  deleted: T | null;
  /** Call with what a deletion returned (`null`: nothing was deleted, nothing to undo). */
  setDeleted(deleted: T | null): void;
  /** The section's heading (give it tabIndex -1): the keyboard goes there once Undo has worked. */
  heading: { current: HTMLHeadingElement | null };
  undo(): void;
}

/**
 * Undo for a deletion in one of the panel's sections (History, Questions, Compliments): `restore`
 * puts back what was deleted. When it has, the bar goes and the keyboard moves to the section's
 * heading, where the entry is back; when it can't, `onProblem` gets `failure` and the reason in
 * plain words, and Undo stays. `onRestored` is for anything that follows a successful restore.
 */
export function useUndo<T>(restore: (deleted: T) => Promise<unknown>, failure: string, onProblem: (message: string) => void, onRestored?: (deleted: T) => void): Undo<T> {
  const [deleted, setDeleted] = useState<T | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const undo = (): void => {
    if (deleted === null) return;
    restore(deleted).then(
      () => {
        setDeleted(null);
        // The Undo button goes with the bar: the keyboard goes to the section, where the entry is back.
        heading.current?.focus();
        onRestored?.(deleted);
      },
      (caught: unknown) => onProblem(`${failure} ${describeStorageError(caught)}`),
    );
  };
  return { deleted, setDeleted, heading, undo };
}
