import { useEffect, useRef, useState } from 'preact/hooks';
import { FOCUS_SUGGESTED_LENGTH, KIND_LABELS, TEXT_FIELDS, boxFullText, elapsed } from '../lib/conference-view';
import { CONFERENCE_KINDS, pausedSince, type ConferenceContent, type QuestionPhase } from '../lib/notebook/model';
import type { ConferenceDraft, DraftStatus } from './use-conference-draft';

/**
 * How long this conference has been going, re-read every 15 s (quietly: no live announcements).
 * Not shown once it has paused for longer than a conference lasts (left open overnight, say):
 * the next words start it again.
 */
function ElapsedTime({ startedAt, changedAt }: { startedAt: number | null; changedAt: number | null }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (startedAt === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, [startedAt]);
  if (startedAt === null || pausedSince(changedAt, now)) return null;
  const { text, long } = elapsed(startedAt, now);
  return (
    <span class={long ? 'elapsed elapsed-long' : 'elapsed'} title="Time since this conference started">
      {long ? `${text} · time to wrap up` : text}
    </span>
  );
}

function draftStatusText(status: DraftStatus): string {
  switch (status.state) {
    case 'pending':
      return 'Saving draft…';
    case 'saved':
      return 'Draft kept on this computer.';
    case 'failed':
      return `${status.message} Your words are still here.`;
    case 'ended-in-another-tab':
      return status.keptTyping
        ? 'This conference was saved or cleared in another tab. What you typed here since is kept as a new draft.'
        : 'This conference was saved or cleared in another tab.';
    default:
      return '';
  }
}

/** The conference being held now: its kind, the five parts of the talk, and Save. */
export function ConferenceForm({ draft, onPhase }: { draft: ConferenceDraft; onPhase(phase: QuestionPhase): void }) {
  const [saveMessage, setSaveMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLTextAreaElement>(null);
  const { content } = draft;

  const update = (change: Partial<ConferenceContent>): void => draft.change(change);

  // "Conference saved" stays until the next conference begins (here or by a follow-up).
  useEffect(() => {
    if (draft.startedAt !== null) setSaveMessage(null);
  }, [draft.startedAt]);
  // A failed save's message goes with the next change (typed here, or taken in from another tab):
  // from then on the draft's own status says how the words are kept.
  const failedSaveOf = useRef<ConferenceContent | null>(null);
  useEffect(() => {
    if (saveMessage?.tone !== 'error') failedSaveOf.current = null;
    else if (failedSaveOf.current === null) failedSaveOf.current = content;
    else if (failedSaveOf.current !== content) setSaveMessage(null);
  }, [content, saveMessage]);

  const save = async (): Promise<void> => {
    if (saving) return;
    setSaving(true);
    const outcome = await draft.save();
    setSaving(false);
    if (outcome.ok) {
      setSaveMessage({ tone: 'ok', text: 'Conference saved. It’s at the top of History.' });
      firstField.current?.focus();
    } else {
      setSaveMessage({ tone: 'error', text: outcome.message });
    }
  };

  const focusLength = [...content.focus].length;
  const failed = draft.status.state === 'failed';
  // One line under Save, in one of three places (the other two empty). Screen readers hear what
  // matters (a failure; a save, here or in another tab), not "Saving draft…" at every pause in
  // typing: only the first two are live, and they stay in the page so what goes in is announced.
  const shown = saveMessage?.text ?? draftStatusText(draft.status);
  const isError = failed || saveMessage?.tone === 'error';
  const announced = !isError && (saveMessage !== null || draft.status.state === 'ended-in-another-tab');

  return (
    <section class="section" aria-labelledby="conference-heading">
      <div class="section-heading">
        <h2 id="conference-heading">Conference</h2>
        <ElapsedTime startedAt={draft.startedAt} changedAt={draft.changedAt} />
      </div>
      {draft.loadError !== null && (
        <p class="hint hint-error" role="alert">
          Confer couldn’t bring back an unsaved conference for this document. {draft.loadError}
        </p>
      )}
      <form
        class="conference-form"
        aria-busy={!draft.loaded}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          }
        }}
      >
        <fieldset class="kinds" disabled={!draft.loaded}>
          <legend>Conference type</legend>
          <div class="kind-options">
            {CONFERENCE_KINDS.map((kind) => (
              <label key={kind} class="kind-option" title={KIND_LABELS[kind].about}>
                <input type="radio" name="kind" value={kind} checked={content.kind === kind} onChange={() => update({ kind })} />
                {KIND_LABELS[kind].name}
              </label>
            ))}
          </div>
          <div class="kind-flags">
            <label>
              <input type="checkbox" checked={content.group} onChange={(event) => update({ group: event.currentTarget.checked })} /> Group conference
            </label>
            <label>
              <input type="checkbox" checked={content.peer} onChange={(event) => update({ peer: event.currentTarget.checked })} /> Peer conference
            </label>
          </div>
        </fieldset>

        {TEXT_FIELDS.map(({ field, label, hint, rows, max, phase }, index) => (
          <div class="field" key={field}>
            <label for={`conference-${field}`}>{label}</label>
            <textarea
              id={`conference-${field}`}
              ref={index === 0 ? firstField : undefined}
              dir="auto"
              rows={rows}
              maxLength={max}
              disabled={!draft.loaded}
              value={content[field]}
              aria-describedby={content[field].length >= max ? `conference-${field}-hint conference-${field}-over` : `conference-${field}-hint`}
              onInput={(event) => update({ [field]: event.currentTarget.value })}
              onFocus={() => phase !== null && onPhase(phase)}
            />
            <p id={`conference-${field}-hint`} class="hint">
              {hint}
              {field === 'focus' && (
                <span class={focusLength > FOCUS_SUGGESTED_LENGTH ? 'counter counter-over' : 'counter'}>
                  {' '}
                  {focusLength.toLocaleString('en')}/{FOCUS_SUGGESTED_LENGTH}
                  {focusLength > FOCUS_SUGGESTED_LENGTH ? ' — keep it to one thing' : ''}
                </span>
              )}
            </p>
            {content[field].length >= max && (
              // Only merging can take a box past its limit (see boxFullText).
              <p id={`conference-${field}-over`} class="hint hint-error">
                {content[field].length > max
                  ? `${label} has ${content[field].length.toLocaleString('en')} characters, joined from two tabs; a conference keeps ${max.toLocaleString('en')}. Shorten it before saving.`
                  : boxFullText(label, max)}
              </p>
            )}
          </div>
        ))}

        <div class="form-actions">
          {/* aria-disabled while saving (save() ignores a second press): a disabled button would drop the keyboard's place. */}
          <button type="submit" class="button-primary" disabled={!draft.loaded} aria-disabled={saving || undefined}>
            Save conference
          </button>
          <span class="shortcut-hint" aria-hidden="true">
            Ctrl+Enter
          </span>
        </div>
        <div class="save-line">
          <p class="hint hint-error" role="alert">
            {isError ? shown : ''}
          </p>
          <p class="hint" role="status">
            {announced ? shown : ''}
          </p>
          <p class="hint">{isError || announced ? '' : shown}</p>
        </div>
      </form>
    </section>
  );
}
