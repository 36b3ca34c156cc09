import { useState } from 'preact/hooks';
import { exportNotebook, type Counts } from '../lib/notebook/backup';
import { describeContents } from '../lib/notebook/backup-words';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { saveFile } from '../lib/save-file';
import { Notice } from './Notice';

type BackupState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; fileName: string; counts: Counts; leftOut: number }
  | { status: 'failed'; message: string };

/** Back up: the whole notebook as one file, handed to the browser's downloads. */
export function BackupSection({ appVersion }: { appVersion: string }) {
  const [state, setState] = useState<BackupState>({ status: 'idle' });
  const working = state.status === 'working';

  const backUp = async (): Promise<void> => {
    if (working) return;
    setState({ status: 'working' });
    try {
      const { fileName, file, counts, leftOut } = await exportNotebook(appVersion);
      saveFile(file, fileName);
      setState({ status: 'done', fileName, counts, leftOut });
    } catch (error) {
      console.error('Confer: the backup could not be made.', error);
      setState({ status: 'failed', message: describeStorageError(error) });
    }
  };

  return (
    <section class="section" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Back up</h2>
      <p class="summary">
        One file with every student, document and conference, unsaved conferences, and your own questions and compliments. It holds
        your private notes: keep it where only you can open it.
      </p>
      <div class="form-actions">
        <button type="button" class="button-primary" onClick={backUp} aria-disabled={working || undefined}>
          Download a backup
        </button>
        {working && <span class="hint">Making the backup…</span>}
      </div>
      {state.status === 'done' && (
        <Notice tone="info" title={`Backup ready: ${state.fileName}`}>
          <p class="notice-line">Your browser is saving it with your downloads. It holds {describeContents(state.counts)}.</p>
          {state.leftOut > 0 && (
            <p class="notice-line">
              {state.leftOut === 1 ? '1 record' : `${state.leftOut.toLocaleString('en')} records`} couldn’t be read (from a newer Confer, or damaged) and
              {state.leftOut === 1 ? ' is' : ' are'} not in the file. {state.leftOut === 1 ? 'It stays' : 'They stay'} in this notebook.
            </p>
          )}
        </Notice>
      )}
      {state.status === 'failed' && (
        <Notice tone="warning" title="No backup was made">
          {state.message}
        </Notice>
      )}
    </section>
  );
}
