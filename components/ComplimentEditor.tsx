import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CRAFT_LABELS } from '../lib/compliment-bank';
import { CRAFTS, LIMITS, type Craft } from '../lib/notebook/model';
import type { NewCompliment } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

export interface ComplimentEditorProps {
  /** The text box's label: "Your compliment" when adding, "Edit compliment" when editing. */
  label: string;
  initialText?: string;
  initialCraft?: Craft;
  /** The save button's words ("Add compliment", "Save"). */
  saveLabel: string;
  /** The save button's accessible name, when its words alone don't say which compliment. */
  saveName?: string;
  /** What to say when the box is empty and the teacher presses save. */
  blankMessage: string;
  /** Writes the compliment; rejects when the notebook can't. Resolves with a message to show, if any. */
  onSave(fields: NewCompliment): Promise<string | void>;
  /** Empty the box after a save (adding); otherwise the editor is closed by `onSave`'s caller. */
  clearOnSave?: boolean;
  /** Editing: closes the editor without saving (also Escape). */
  onCancel?(): void;
  /** Put the cursor in the text box when it opens (editing). */
  autoFocus?: boolean;
}

type Message = { tone: 'error' | 'status'; text: string };

const count = (n: number): string => n.toLocaleString('en');

/**
 * Writing a compliment and choosing its craft: the same editor adds one and edits one in place.
 * What the teacher typed stays in the box until it is saved, whatever goes wrong.
 */
export function ComplimentEditor({ label, initialText = '', initialCraft = 'ideas', saveLabel, saveName, blankMessage, onSave, clearOnSave = false, onCancel, autoFocus = false }: ComplimentEditorProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [craft, setCraft] = useState<Craft>(initialCraft);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    if (autoFocus) box.current?.focus();
    return () => {
      live.current = false;
    };
  }, [autoFocus]);

  const length = text.trim().length;
  const over = length > LIMITS.commentText;

  const save = async (): Promise<void> => {
    if (saving) return;
    const clean = text.trim();
    if (clean === '') return setMessage({ tone: 'error', text: blankMessage });
    if (clean.length > LIMITS.commentText) {
      return setMessage({
        tone: 'error',
        text: `A compliment can be at most ${count(LIMITS.commentText)} characters, and this one has ${count(clean.length)}. Shorten it, then save it again.`,
      });
    }
    setSaving(true);
    setMessage(null);
    try {
      const said = await onSave({ text: clean, craft });
      if (!live.current) return;
      if (clearOnSave) setText('');
      setMessage(typeof said === 'string' ? { tone: 'status', text: said } : null);
    } catch (caught) {
      if (live.current) setMessage({ tone: 'error', text: `The compliment isn’t saved. ${describeStorageError(caught)} Your words are still in the box.` });
    } finally {
      if (live.current) setSaving(false);
    }
  };

  return (
    <div class="compliment-editor">
      <div class="field">
        <label for={`${id}-text`}>{label}</label>
        <textarea
          ref={box}
          id={`${id}-text`}
          dir="auto"
          rows={3}
          value={text}
          aria-describedby={`${id}-hint`}
          aria-invalid={over || undefined}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            // While an input method composes a word, Enter and Escape are its own.
            if (event.isComposing) return;
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              // Saves this compliment, not a conference form the section may sit in.
              event.preventDefault();
              event.stopPropagation();
              void save();
            } else if (event.key === 'Escape' && onCancel !== undefined) {
              event.preventDefault();
              event.stopPropagation();
              onCancel();
            }
          }}
        />
        <p id={`${id}-hint`} class="hint">
          Write {'{name}'} where the student’s first name goes.
          {over && (
            <span class="counter counter-over">
              {' '}
              {count(length)}/{count(LIMITS.commentText)} characters
            </span>
          )}
        </p>
      </div>
      <div class="field">
        <label for={`${id}-craft`}>Craft of this compliment</label>
        <select id={`${id}-craft`} value={craft} onChange={(event) => setCraft(event.currentTarget.value as Craft)}>
          <CraftOptions />
        </select>
      </div>
      <div class="form-actions">
        <button type="button" class="button-tonal" aria-label={saveName} aria-disabled={saving || undefined} onClick={() => void save()}>
          {saveLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" class="button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {/* Always in the page, so a screen reader hears what it comes to say. */}
      <p class={message?.tone === 'error' ? 'hint hint-error' : 'hint'} role={message?.tone === 'error' ? 'alert' : 'status'}>
        {message?.text ?? ''}
      </p>
    </div>
  );
}

/** One `<option>` per craft, named as teachers say it. */
export function CraftOptions() {
  return (
    <>
      {CRAFTS.map((value) => (
        <option key={value} value={value}>
          {CRAFT_LABELS[value]}
        </option>
      ))}
    </>
  );
}
