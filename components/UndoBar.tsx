import { useEffect, useRef } from 'preact/hooks';

export interface UndoBarProps {
  /** What was deleted, in words: "Question deleted." */
  message: string;
  /** Undo's accessible name, saying what comes back: "Undo: put back the question …". */
  undoName: string;
  onUndo(): void;
}

/**
 * The bar after the teacher deletes something: it says what went, and Undo puts it back. The
 * keyboard goes to Undo as the bar appears, so a slip is one key away from being undone, and a
 * screen reader hears what happened. Give it a `key` naming what was deleted, so that a further
 * deletion makes a new bar and the keyboard comes to it again.
 */
export function UndoBar({ message, undoName, onUndo }: UndoBarProps) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => undo.current?.focus(), []);
  return (
    <div class="undo-bar" role="status">
      <span>{message}</span>
      <button type="button" class="button-quiet" ref={undo} onClick={onUndo} aria-label={undoName}>
        Undo
      </button>
    </div>
  );
}
