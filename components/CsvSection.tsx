import { useEffect, useState } from 'preact/hooks';
import { onNotebookChange } from '../lib/notebook/changes';
import { exportConferencesCsv } from '../lib/notebook/csv';
import { listStudents } from '../lib/notebook/notebook';
import type { Student } from '../lib/notebook/model';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { saveFile } from '../lib/save-file';
import { Notice } from './Notice';

type CsvState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; fileName: string }
  | { status: 'failed'; message: string }
  /** The student chosen went from the notebook (deleted, or joined with another of the same name). */
  | { status: 'student-gone' };

/**
 * The students to choose from, kept up to date as conferences are saved, restored or deleted;
 * null until first read.
 */
function useStudents(): Student[] | null {
  const [students, setStudents] = useState<Student[] | null>(null);
  useEffect(() => {
    let current = true;
    const read = (): void => {
      listStudents().then(
        (summaries) => current && setStudents(summaries.map(({ student }) => student)),
        // The CSV of every student still works; the next change reads again.
        (error: unknown) => console.warn('Confer: the list of students could not be read.', error),
      );
    };
    read();
    // Every change to who is in the notebook names its students (a document's title noted, which
    // names only the document, changes no one).
    const stop = onNotebookChange((change) => {
      if (change.everything === true || change.students !== undefined) read();
    });
    return () => {
      current = false;
      stop();
    };
  }, []);
  return students;
}

/** Conferences as a spreadsheet, one row each: every student's, or one student's (for a report). */
export function CsvSection() {
  const [state, setState] = useState<CsvState>({ status: 'idle' });
  const [studentId, setStudentId] = useState('');
  const students = useStudents();
  const working = state.status === 'working';
  // A student chosen, then gone from the notebook meanwhile: the choice goes back to every student,
  // and the page says so, rather than the next download quietly holding everyone's notes.
  useEffect(() => {
    if (students === null || studentId === '' || students.some((student) => student.id === studentId)) return;
    setStudentId('');
    setState({ status: 'student-gone' });
  }, [students]);

  const download = async (): Promise<void> => {
    if (working) return;
    setState({ status: 'working' });
    try {
      const { fileName, text } = await exportConferencesCsv(studentId === '' ? undefined : studentId);
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
      <div class="field csv-student">
        <label for="csv-student">Whose conferences</label>
        <select id="csv-student" value={studentId} onChange={(event) => setStudentId(event.currentTarget.value)}>
          <option value="">Every student</option>
          {(students ?? []).map((student) => (
            <option key={student.id} value={student.id}>
              {student.name}
            </option>
          ))}
        </select>
      </div>
      <div class="form-actions">
        <button type="button" class="button-tonal" onClick={download} aria-disabled={working || undefined}>
          Download conferences (CSV)
        </button>
        {working && <span class="hint">Making the file…</span>}
      </div>
      {state.status === 'done' && <Notice tone="info">Your browser is saving {state.fileName} with your downloads.</Notice>}
      {state.status === 'student-gone' && (
        <Notice tone="warning">The student you chose is no longer in the notebook (deleted, or joined with another of the same name). Choose whose conferences again.</Notice>
      )}
      {state.status === 'failed' && (
        <Notice tone="warning" title="No CSV was made">
          {state.message}
        </Notice>
      )}
    </section>
  );
}
