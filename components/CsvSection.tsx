import { useState } from 'preact/hooks';
import { exportConferencesCsv } from '../lib/notebook/csv';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { saveFile } from '../lib/save-file';
import { Notice } from './Notice';

type CsvState = { status: 'idle' } | { status: 'working' } | { status: 'done'; fileName: string } | { status: 'failed'; message: string };

/** Every conference as a spreadsheet, one row each (for a report, or a look across the class). */
export function CsvSection() {
  const [state, setState] = useState<CsvState>({ status: 'idle' });
  const working = state.status === 'working';

  const download = async (): Promise<void> => {
    if (working) return;
    setState({ status: 'working' });
    try {
      const { fileName, text } = await exportConferencesCsv();
      saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
      setState({ status: 'done', fileName });
    } catch (error) {
      console.error('Confer: the CSV could not be made.', error);
      setState({ status: 'failed', message: describeStorageError(error) });
    }
  };

  return (
    <section class="section" aria-labelledby="csv-heading">
      <h2 id="csv-heading">Conferences as a spreadsheet</h2>
      <p class="summary">
        A CSV file with one row per conference: the student, the document, the date and what was said and taught, private notes
        included. It opens in Google Sheets, Excel or Numbers. It can’t be restored: for that, use a backup.
      </p>
      <div class="form-actions">
        <button type="button" class="button-tonal" onClick={download} aria-disabled={working || undefined}>
          Download conferences (CSV)
        </button>
        {working && <span class="hint">Making the file…</span>}
      </div>
      {state.status === 'done' && <Notice tone="info">Your browser is saving {state.fileName} with your downloads.</Notice>}
      {state.status === 'failed' && (
        <Notice tone="warning" title="No CSV was made">
          {state.message}
        </Notice>
      )}
    </section>
  );
}
