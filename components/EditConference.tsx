import { useEffect, useRef, useState } from 'preact/hooks';
import { KIND_LABELS, TEXT_FIELDS, boxFullText, type TextField } from '../lib/conference-view';
import { CONFERENCE_KINDS, type Conference, type ConferenceKind } from '../lib/notebook/model';
import { updateConference } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

type Editable = Pick<Conference, 'kind' | TextField>;

/** Changing what a past conference says. Only the fields changed here are written. */
export function EditConference({ conference: shown, onDone }: { conference: Conference; onDone(): void }) {
  // The conference as it was when editing began: "changed here" is measured from it, so an edit
  // made meanwhile in another tab (which re-renders this with the newer copy) is not undone.
  const [conference] = useState(shown);
  const [values, setValues] = useState<Editable>({
    kind: conference.kind,
    research: conference.research,
    compliment: conference.compliment,
    focus: conference.focus,
    nextStep: conference.nextStep,
    notes: conference.notes,
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const idFor = (field: string): string => `edit-${conference.id}-${field}`;
  // The keyboard goes where the editing is (the Edit button that opened this is gone).
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => firstField.current?.focus(), []);

  const changes = (): Partial<Editable> => Object.fromEntries(Object.entries(values).filter(([key, value]) => conference[key as keyof Editable] !== value));
  const save = async (): Promise<void> => {
    if (saving) return;
    const changed = changes();
    if (Object.keys(changed).length === 0) return onDone();
    setSaving(true);
    try {
      await updateConference(conference.docId, conference.id, changed);
      onDone();
    } catch (caught) {
      setError(`Your changes aren’t saved. ${describeStorageError(caught)}`);
      setSaving(false);
    }
  };

  return (
    <form
      class="edit-conference"
      aria-label="Edit conference"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        // An input method's Escape cancels the word being composed, not the edit. A reflex Escape
        // doesn't throw changes away: Cancel does.
        if (event.key === 'Escape' && !event.isComposing) {
          event.preventDefault();
          if (saving) return;
          if (Object.keys(changes()).length === 0) onDone();
          else setError('You’ve made changes: press Save changes to keep them, or Cancel.');
        }
      }}
    >
      <div class="field">
        <label for={idFor('kind')}>Conference type</label>
        <select id={idFor('kind')} ref={firstField} value={values.kind} onChange={(event) => setValues({ ...values, kind: event.currentTarget.value as ConferenceKind })}>
          {CONFERENCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind].name}
            </option>
          ))}
        </select>
      </div>
      {TEXT_FIELDS.map(({ field, label, max }) => (
        <div class="field" key={field}>
          <label for={idFor(field)}>{label}</label>
          <textarea
            id={idFor(field)}
            dir="auto"
            rows={2}
            maxLength={max}
            value={values[field]}
            aria-describedby={values[field].length >= max ? idFor(`${field}-full`) : undefined}
            onInput={(event) => setValues({ ...values, [field]: event.currentTarget.value })}
          />
          {values[field].length >= max && (
            <p id={idFor(`${field}-full`)} class="hint hint-error">
              {boxFullText(label, max)}
            </p>
          )}
        </div>
      ))}
      {error !== null && (
        <p class="hint hint-error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button-primary" aria-disabled={saving || undefined}>
          Save changes
        </button>
        <button type="button" class="button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
