import { useState } from 'preact/hooks';
import type { BankCompliment } from '../lib/compliment-bank';
import type { NewCompliment } from '../lib/notebook/notebook';
import { ComplimentEditor } from './ComplimentEditor';
import { useFocusBack } from './use-focus-back';

export interface ComplimentItemProps {
  compliment: BankCompliment;
  /** The compliment as it will be posted: `{name}` filled. */
  filled: string;
  favourite: boolean;
  /** Posting is not possible right now (a comment is being posted). */
  postDisabled: boolean;
  onPost(): void;
  onFavourite(): void;
  /** The teacher's own compliments only: save a change (rejects when the notebook can't). */
  onEdit(fields: NewCompliment): Promise<void>;
  onDelete(): void;
}

/** One compliment in the bank: its words, a post button, a star, and Edit/Delete for the teacher's own. */
export function ComplimentItem({ compliment, filled, favourite, postDisabled, onPost, onFavourite, onEdit, onDelete }: ComplimentItemProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useFocusBack(editing);

  if (editing) {
    return (
      <li class="compliment compliment-editing">
        <ComplimentEditor
          label="Edit compliment"
          initialText={compliment.text}
          initialCraft={compliment.craft}
          saveLabel="Save"
          saveName={`Save compliment: ${filled}`}
          blankMessage="A compliment can’t be empty. To remove it, cancel and press Delete."
          autoFocus
          onSave={async (fields) => {
            await onEdit(fields);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  return (
    <li class={compliment.own ? 'compliment compliment-own' : 'compliment'}>
      <button type="button" class="star" aria-pressed={favourite} aria-label={`Favourite: ${filled}`} onClick={onFavourite}>
        {favourite ? '★' : '☆'}
      </button>
      <span class="compliment-text" dir="auto">
        {filled}
      </span>
      <span class="compliment-actions">
        <button type="button" class="button-tonal compliment-post" aria-label={`Post: ${filled}`} aria-disabled={postDisabled || undefined} onClick={onPost}>
          Post
        </button>
        {compliment.own && (
          <>
            <button type="button" class="button-quiet" ref={editButton} aria-label={`Edit compliment: ${filled}`} onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" class="button-quiet" aria-label={`Delete compliment: ${filled}`} onClick={onDelete}>
              Delete
            </button>
          </>
        )}
      </span>
    </li>
  );
}
