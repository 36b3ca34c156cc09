import { useEffect, useRef, useState } from 'preact/hooks';
import { applyImport, previewImport, validateBackup, type BackupData, type ImportPreview } from '../lib/notebook/backup';
import { describeImport } from '../lib/notebook/backup-words';
import { onNotebookChange } from '../lib/notebook/changes';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { Notice } from './Notice';

type RestoreState =
  | { status: 'idle' }
  | { status: 'checking'; fileName: string }
  | { status: 'refused'; fileName: string; message: string }
  | { status: 'ready'; fileName: string; data: BackupData; exportedAt: string; preview: ImportPreview }
  | { status: 'restoring'; fileName: string; data: BackupData; exportedAt: string; preview: ImportPreview }
  | { status: 'done'; fileName: string; result: ImportPreview }
  | { status: 'failed'; fileName: string; message: string };

/**
 * "…, a backup made on 27 November 2026 at 14:05", in the teacher's own language and time zone.
 * The file's date is only shown, never trusted: a file edited by hand may say anything there.
 */
function describeFile(fileName: string, exportedAt: string): string {
  const made = new Date(exportedAt);
  if (Number.isNaN(made.getTime())) return `${fileName}, a Confer backup`;
  return `${fileName}, a backup made on ${made.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' })}`;
}

/**
 * Restore: a backup file is checked whole, then the teacher sees what it would change and decides.
 * Restoring adds and updates, all or nothing; it never deletes, and never puts an older copy of a
 * record over a newer one (lib/notebook/backup.ts).
 */
export function RestoreSection() {
  const [state, setState] = useState<RestoreState>({ status: 'idle' });
  const busy = state.status === 'checking' || state.status === 'restoring';

  const choose = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    // Emptied so that choosing the same file again (after fixing it, say) is heard as a choice.
    input.value = '';
    if (file === undefined || busy) return;
    const fileName = file.name;
    setState({ status: 'checking', fileName });
    try {
      const checked = await validateBackup(file);
      if (!checked.ok) {
        setState({ status: 'refused', fileName, message: checked.message });
        return;
      }
      setState({ status: 'ready', fileName, data: checked.data, exportedAt: checked.exportedAt, preview: await previewImport(checked.data) });
    } catch (error) {
      console.error('Confer: the backup file could not be checked.', error);
      setState({ status: 'failed', fileName, message: describeStorageError(error) });
    }
  };

  const restore = async (): Promise<void> => {
    if (state.status !== 'ready') return;
    setState({ ...state, status: 'restoring' });
    try {
      setState({ status: 'done', fileName: state.fileName, result: await applyImport(state.data) });
    } catch (error) {
      console.error('Confer: the backup could not be restored.', error);
      setState({ status: 'failed', fileName: state.fileName, message: describeStorageError(error) });
    }
  };

  // What the file would change is where the keyboard (and a screen reader) goes next: the
  // teacher reads it, then Restore or Cancel follows. When that summary goes (Cancel, Restore) or
  // a file is refused, the keyboard goes back to the file box rather than to the top of the page.
  const previewTitle = useRef<HTMLParagraphElement>(null);
  const fileBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.status === 'ready') previewTitle.current?.focus();
    else if (state.status !== 'checking' && state.status !== 'restoring' && (document.activeElement === document.body || document.activeElement === null)) fileBox.current?.focus();
  }, [state.status]);

  // While the teacher reads the summary, the notebook may change (a conference saved in a Docs tab,
  // every note deleted): the summary is worked out again, so it never says what is no longer so.
  const pendingData = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (pendingData === null) return undefined;
    return onNotebookChange(() => {
      previewImport(pendingData).then(
        (preview) => setState((now) => (now.status === 'ready' && now.data === pendingData ? { ...now, preview } : now)),
        (error: unknown) => console.warn('Confer: what the backup would change could not be worked out again.', error),
      );
    });
  }, [pendingData]);

  const pending = state.status === 'ready' || state.status === 'restoring' ? state : null;
  const words = pending === null ? null : describeImport(pending.preview);
  return (
    <section class="section" aria-labelledby="restore-heading">
      <h2 id="restore-heading">Restore</h2>
      <p class="summary">
        Brings back the notes in a backup, on this computer or another. Nothing is deleted, and nothing in this notebook is replaced by
        an older copy: you see what the file would change before anything does.
      </p>
      <div class="field">
        <label for="restore-file">Backup file</label>
        <input
          id="restore-file"
          ref={fileBox}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => void choose(event.currentTarget)}
        />
      </div>
      {/* Always in the page, so that a screen reader hears the words put into it. */}
      <p class="hint" role="status">
        {state.status === 'checking' ? `Checking ${state.fileName}…` : state.status === 'restoring' ? `Restoring from ${state.fileName}…` : ''}
      </p>
      {state.status === 'refused' && (
        <Notice tone="warning" title={`${state.fileName} can’t be restored`}>
          {state.message}
        </Notice>
      )}
      {pending !== null && words !== null && (
        <div class="restore-preview" role="group" aria-labelledby="restore-preview-title">
          <p class="notice-title" id="restore-preview-title" tabIndex={-1} ref={previewTitle}>
            {describeFile(pending.fileName, pending.exportedAt)}
          </p>
          <ul class="restore-words">
            {words.sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          <div class="form-actions">
            {words.changesAnything && (
              <button type="button" class="button-primary" onClick={restore} aria-disabled={state.status === 'restoring' || undefined}>
                Restore
              </button>
            )}
            <button type="button" class="button-quiet" onClick={() => setState({ status: 'idle' })} disabled={state.status === 'restoring'}>
              {words.changesAnything ? 'Cancel' : 'Close'}
            </button>
          </div>
        </div>
      )}
      {state.status === 'done' && (
        <Notice tone="info" title={`Restored from ${state.fileName}`}>
          <ul class="restore-words">
            {describeImport(state.result, { done: true }).sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </Notice>
      )}
      {state.status === 'failed' && (
        <Notice tone="warning" title="Nothing was restored">
          {state.message} Your notebook is as it was.
        </Notice>
      )}
    </section>
  );
}
