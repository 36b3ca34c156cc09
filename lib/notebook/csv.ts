/**
 * Conference records as a spreadsheet (CSV) that opens correctly in Google Sheets and Excel:
 * UTF-8 with a byte-order mark (Excel needs it to read accents and emoji), RFC 4180 quoting with
 * CRLF between rows, line breaks kept inside cells, and every cell that a spreadsheet would run as
 * a formula made plain text. csv-stringify does the quoting.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { readNotebook, type BackupData } from './backup';
import { NotebookError } from './notebook';
import type { Conference } from './model';

const COLUMNS = [
  'Student',
  'Class',
  'Document',
  'Document link',
  'Date',
  'Started',
  'Minutes',
  'Conference type',
  'Group',
  'Peer',
  'Research',
  'Compliment',
  'Teaching point',
  'Next step',
  'Notes',
  'Questions asked',
  'Comments posted',
] as const;

/**
 * Spreadsheets run a cell as a formula when it starts with = + - @ (also after leading spaces in
 * some), and treat a leading tab or carriage return specially. A leading apostrophe makes it text.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutraliseFormula(cell: string): string {
  return /^[\s]*[=+\-@]/.test(cell) || /^[\t\r]/.test(cell) ? `'${cell}` : cell;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** The teacher's local date and time, in a form both spreadsheets recognise. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
function localTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface CsvOptions {
  /**
   * Only this student's conferences: those that name the student (a group conference on a
   * classmate's document too), and those that name no one on a document that is now theirs
   * (saved before the document was linked to them, which History shows as theirs). All when
   * omitted.
   */
  studentId?: string;
}

/** The conferences in `data` as CSV text, oldest first (the order a record is read in). */
export function conferencesToCsv(data: Pick<BackupData, 'students' | 'documents' | 'conferences'>, options: CsvOptions = {}): string {
  const students = new Map(data.students.map((student) => [student.id, student]));
  const documents = new Map(data.documents.map((document) => [document.docId, document]));
  // A conference names its students as they were when it was saved, none if the document had no
  // student yet; the document names who wrote it now.
  const studentIdsOf = (conference: Conference): readonly string[] =>
    conference.studentIds.length > 0 ? conference.studentIds : (documents.get(conference.docId)?.studentIds ?? []);
  const { studentId } = options;
  // One student's file never has a row naming someone else (a conference saved under another
  // student's name, before the document's student was corrected, stays that student's).
  const chosen = data.conferences
    .filter((conference) => studentId === undefined || studentIdsOf(conference).includes(studentId))
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));

  const row = (conference: Conference): string[] => {
    const names = studentIdsOf(conference).map((id) => students.get(id));
    const document = documents.get(conference.docId);
    const account = document?.accountSlot != null ? `u/${document.accountSlot}/` : '';
    return [
      names.map((student) => student?.name ?? '').join('; '),
      [...new Set(names.map((student) => student?.classGroup ?? '').filter(Boolean))].join('; '),
      document?.title ?? '',
      `https://docs.google.com/document/${account}d/${conference.docId}/edit`,
      localDate(conference.startedAt),
      localTime(conference.startedAt),
      conference.endedAt === null ? '' : String(Math.max(0, Math.round((conference.endedAt - conference.startedAt) / 60000))),
      conference.kind,
      conference.group ? 'yes' : '',
      conference.peer ? 'yes' : '',
      conference.research,
      conference.compliment,
      conference.focus,
      conference.nextStep,
      conference.notes,
      conference.questionsAsked.map((question) => question.text).join('\n'),
      conference.comments.map((comment) => (comment.quote === '' ? comment.text : `${comment.text} (on “${comment.quote}”)`)).join('\n'),
    ];
  };

  const rows = [[...COLUMNS], ...chosen.map(row)].map((cells) => cells.map(neutraliseFormula));
  return stringify(rows, { bom: true, record_delimiter: 'windows', quoted: true });
}

/**
 * A file name for the CSV: the student's name (made safe for a file system) or "all". Letters keep
 * their accents and marks ("Renée", not "Rene-e"); anything else becomes one hyphen; at most 60
 * characters, cut between characters, never inside one.
 */
export function csvFileName(studentName: string | null, now = new Date()): string {
  const safe = (name: string): string =>
    [...name.normalize('NFKC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^[-\p{M}]+/u, '')]
      .slice(0, 60)
      .join('')
      .replace(/-+$/, '');
  const who = studentName === null ? 'all-students' : safe(studentName) || 'student';
  return `confer-${who}-${localDate(now.getTime())}.csv`;
}

/** The notebook's conferences (one student's, or everyone's) as a CSV file's name and text. */
export async function exportConferencesCsv(studentId?: string, now = new Date()): Promise<{ fileName: string; text: string }> {
  const data = await readNotebook();
  const student = studentId === undefined ? null : (data.students.find((candidate) => candidate.id === studentId) ?? null);
  if (studentId !== undefined && student === null) throw new NotebookError('That student is no longer in the notebook.');
  return { fileName: csvFileName(student?.name ?? null, now), text: conferencesToCsv(data, { studentId }) };
}
