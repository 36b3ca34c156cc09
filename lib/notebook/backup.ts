/**
 * Backing up and restoring the whole notebook as one JSON file.
 *
 * The file is a versioned envelope (what it is, which format, which Confer made it, when, how many
 * records, a SHA-256 checksum of the data) around the records. Importing is validate-first and
 * all-or-nothing: the file is checked completely before anything is written, the teacher sees what
 * will change, and the change is one transaction. Importing never deletes, and never replaces a
 * record with an older copy of itself, so importing the same file twice changes nothing. An unsaved
 * conference in both the file and the notebook keeps the words of both.
 */
import * as v from 'valibot';
import { read, readPrefix, readPrefixInBatches, transact } from './db';
import { pagesAfter, type StoredPage } from './conference-pages';
import { ensureMigrated } from './upgrade';
import {
  ComplimentSchema,
  ConferenceSchema,
  ConferencePageSchema,
  DocumentSchema,
  DraftSchema,
  LIMITS,
  emptyConferenceContent,
  PREFIX,
  QuestionSchema,
  SCHEMA_VERSION,
  SettingsSchema,
  StudentSchema,
  conferenceIdOf,
  conferencePageOf,
  keys,
  allReadable,
  readable,
  sameName,
  type Compliment,
  type Conference,
  type DocumentRecord,
  type Draft,
  type Question,
  type Settings,
  type Student,
} from './model';
import { recordFromSchema2, schemaVersionOf } from './migrations';
import { mergeDraftContent } from './draft-merge';
import { issueField } from './issue-words';

export const BACKUP_FORMAT = 'confer-notebook-backup';
export const BACKUP_FORMAT_VERSION = 1;
/**
 * Checked before the file is read. A conference takes 1–2 KB in a backup, so this holds well over
 * 100,000 conferences: Confer must always be able to restore a backup it made. (The notebook issue
 * asked for 25 MB; its own benchmark notebook of 30,000 conferences exports to about 50 MB.)
 */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;
/** More records of one kind than any teacher's notebook holds. */
const MAX_RECORDS = 500_000;

export interface BackupData {
  students: Student[];
  documents: DocumentRecord[];
  conferences: Conference[];
  drafts: Draft[];
  questions: Question[];
  compliments: Compliment[];
  settings: Settings | null;
}

export type Collection = Exclude<keyof BackupData, 'settings'>;
export const COLLECTIONS: readonly Collection[] = ['students', 'documents', 'conferences', 'drafts', 'questions', 'compliments'];
export type Counts = Record<Collection, number>;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  appVersion: string;
  schemaVersion: number;
  exportedAt: string;
  counts: Counts;
  checksum: string;
  data: BackupData;
}

const SCHEMAS = {
  students: StudentSchema,
  documents: DocumentSchema,
  conferences: ConferenceSchema,
  drafts: DraftSchema,
  questions: QuestionSchema,
  compliments: ComplimentSchema,
} as const;

/**
 * Where each kind of record lives in the notebook. A conference's key names it within the import
 * plan; the notebook keeps it on one of its document's conference pages (see ConferencePageSchema).
 */
const KEY_OF: { [C in Collection]: (record: BackupData[C][number]) => string } = {
  students: (record) => keys.student(record.id),
  documents: (record) => keys.document(record.docId),
  conferences: (record) => keys.conference(record.docId, record.id),
  drafts: (record) => keys.draft(record.docId),
  questions: (record) => keys.question(record.id),
  compliments: (record) => keys.compliment(record.id),
};

/** The start of every conference's key in the import plan (keys.conference). */
const ONE_CONFERENCE = 'conference:';

const PREFIX_OF: Record<Collection, string> = {
  students: PREFIX.student,
  documents: PREFIX.document,
  conferences: PREFIX.conferences,
  drafts: PREFIX.draft,
  questions: PREFIX.question,
  compliments: PREFIX.compliment,
};

export async function sha256Hex(text: string): Promise<string> {
  return sha256HexOfBytes(new TextEncoder().encode(text));
}

async function sha256HexOfBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const DATA_KEY = [...'"data":'].map((char) => char.charCodeAt(0));

/**
 * The bytes of the file's data: everything after the top-level `"data":` key (which Confer writes
 * last) up to the closing brace. Inside a JSON string a quote is always escaped, so the first
 * `"data":` is that key; in a file laid out any other way the checksum simply won't match.
 */
function dataBytes(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  let start = -1;
  outer: for (let i = 0; i + DATA_KEY.length <= bytes.length; i += 1) {
    for (let j = 0; j < DATA_KEY.length; j += 1) if (bytes[i + j] !== DATA_KEY[j]) continue outer;
    start = i + DATA_KEY.length;
    break;
  }
  let end = bytes.length - 1;
  while (end >= 0 && (bytes[end] === 0x20 || bytes[end] === 0x0a || bytes[end] === 0x0d || bytes[end] === 0x09)) end -= 1;
  return start < 0 || end < start || bytes[end] !== 0x7d ? new Uint8Array(0) : bytes.subarray(start, end);
}

function countsOf(data: BackupData): Counts {
  return Object.fromEntries(COLLECTIONS.map((name) => [name, data[name].length])) as Counts;
}

/**
 * The records left after some were left out (from a newer Confer, or damaged), made to refer only
 * to each other, as an import requires: a student left out is dropped from the documents and
 * conferences naming them, and a conference or unsaved conference whose document was left out
 * stays out too (and is counted). Otherwise one unreadable record would make the whole backup
 * impossible to restore. Nothing changes in the notebook itself.
 */
function withinItself(students: readonly Student[], documents: readonly DocumentRecord[]) {
  const studentIds = new Set(students.map((student) => student.id));
  const docIds = new Set(documents.map((document) => document.docId));
  const known = <T extends { studentIds: string[] }>(record: T): T =>
    record.studentIds.every((id) => studentIds.has(id)) ? record : { ...record, studentIds: record.studentIds.filter((id) => studentIds.has(id)) };
  return {
    documents: documents.map(known),
    conferences: (conferences: readonly Conference[]) => conferences.filter((conference) => docIds.has(conference.docId)).map(known),
    drafts: (drafts: readonly Draft[]) => drafts.filter((draft) => docIds.has(draft.docId)),
  };
}

/** Reads every record of this Confer's schema (records from a newer Confer stay out of the file). */
export async function readNotebook(): Promise<BackupData> {
  return (await readNotebookCounting()).data;
}

/** Conference pages read at a time (about 0.8 MB at the notebook bench's ~8.5 KB a page). */
export const PAGES_PER_READ = 100;

/**
 * Also counts the records left out (from a newer Confer, or damaged), so an export can say so.
 * `onConferences` is handed the conferences of each batch of pages as it is read (all of them,
 * in order, make `data.conferences`), so an export can write them while the next are read.
 */
async function readNotebookCounting(onConferences?: (conferences: readonly Conference[]) => void): Promise<{ data: BackupData; leftOut: number }> {
  await ensureMigrated();
  return transact('readonly', async (records) => {
    // Every read is asked for at once; IndexedDB answers them in the order asked.
    const small = Promise.all([
      readPrefix(records, PREFIX.student),
      readPrefix(records, PREFIX.document),
      readPrefix(records, PREFIX.draft),
      readPrefix(records, PREFIX.question),
      readPrefix(records, PREFIX.compliment),
      read(records, keys.settings),
    ]);
    const pageReads = await readPrefixInBatches(records, PREFIX.conferences, PAGES_PER_READ);
    const [students, documents, drafts, questions, compliments, settings] = await small;
    const known = { students: allReadable(StudentSchema, students), documents: allReadable(DocumentSchema, documents) };
    const within = withinItself(known.students, known.documents);
    let storedConferences = 0;
    const conferences: Conference[] = [];
    for (const pageRead of pageReads) {
      // A page this Confer can't read (from a newer one) is left out whole, and counts as one.
      const stored = (await pageRead).flatMap((page) => {
        const parsed = v.safeParse(ConferencePageSchema, page);
        return parsed.success ? parsed.output.conferences : [page];
      });
      storedConferences += stored.length;
      const kept = within.conferences(allReadable(ConferenceSchema, stored));
      onConferences?.(kept);
      for (const conference of kept) conferences.push(conference);
    }
    const parsedSettings = v.safeParse(SettingsSchema, settings);
    const data: BackupData = {
      students: known.students,
      documents: within.documents,
      conferences,
      drafts: within.drafts(allReadable(DraftSchema, drafts)),
      questions: allReadable(QuestionSchema, questions),
      compliments: allReadable(ComplimentSchema, compliments),
      settings: parsedSettings.success ? parsedSettings.output : null,
    };
    const stored = students.length + documents.length + storedConferences + drafts.length + questions.length + compliments.length + (settings === undefined ? 0 : 1);
    const exported = COLLECTIONS.reduce((sum, name) => sum + data[name].length, 0) + (data.settings === null ? 0 : 1);
    return { data, leftOut: stored - exported };
  });
}

/**
 * Exactly the UTF-8 bytes of `JSON.stringify(data)`, made record by record. The same bytes, much
 * sooner: one character beyond Latin-1 anywhere (a "–" in one title) makes the whole-notebook
 * string two bytes a character, and turning 40 million of those into UTF-8 takes seconds, where
 * each record's own short string stays one byte a character unless it has such a character itself.
 * (Measured in `npm run bench`'s export breakdown; backup.test.ts checks the bytes are the same.)
 * `conferencesAsBytes`: the conferences already written out, each as the UTF-8 of its JSON.
 */
export function encodeBackupData(data: BackupData, conferencesAsBytes?: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let length = 0;
  const addBytes = (bytes: Uint8Array): void => {
    parts.push(bytes);
    length += bytes.length;
  };
  const add = (text: string): void => addBytes(encoder.encode(text));
  Object.entries(data).forEach(([name, value], index) => {
    add(`${index === 0 ? '{' : ','}${JSON.stringify(name)}:`);
    if (!Array.isArray(value)) return add(JSON.stringify(value));
    add('[');
    if (name === 'conferences' && conferencesAsBytes !== undefined) {
      conferencesAsBytes.forEach((bytes, position) => (position === 0 ? addBytes(bytes) : (addBytes(COMMA), addBytes(bytes))));
    } else {
      value.forEach((record, position) => add(position === 0 ? JSON.stringify(record) : `,${JSON.stringify(record)}`));
    }
    add(']');
  });
  add('}');
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

const COMMA = new Uint8Array([0x2c]);

/**
 * The whole notebook as one backup file (JSON, UTF-8), and a file name with today's date.
 * `leftOut`: records this Confer can't read (from a newer version, or damaged); the page exporting
 * must tell the teacher they are not in the file (they stay in the notebook).
 */
export async function exportNotebook(appVersion: string, now = new Date()): Promise<{ fileName: string; file: Blob; counts: Counts; leftOut: number }> {
  // Each conference is written out as its batch is read, while IndexedDB reads the next batch.
  const encoder = new TextEncoder();
  const conferencesAsBytes: Uint8Array[] = [];
  const { data, leftOut } = await readNotebookCounting((conferences) => {
    for (const conference of conferences) conferencesAsBytes.push(encoder.encode(JSON.stringify(conference)));
  });
  // The data is written once; the checksum covers exactly these bytes, and `data` goes last so an
  // import can hash the same bytes straight from the file.
  const dataBytes = encodeBackupData(data, conferencesAsBytes);
  const header: Omit<BackupFile, 'data'> = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    counts: countsOf(data),
    checksum: `sha256:${await sha256HexOfBytes(dataBytes)}`,
  };
  const file = new Blob([`${JSON.stringify(header).slice(0, -1)},"data":`, dataBytes, '}'], { type: 'application/json' });
  const pad = (n: number): string => String(n).padStart(2, '0');
  // The teacher's own date, not UTC's (an evening export in the Americas is still today).
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return { fileName: `confer-backup-${day}.json`, file, counts: header.counts, leftOut };
}

/* -------------------------------------------------------------------------------------- import */

/** A file Confer will not import, and why, in the teacher's words. */
export interface Rejection {
  ok: false;
  message: string;
}

/** What a refusal calls each kind of record. */
export const NOUN: Record<Collection, string> = {
  students: 'Student',
  documents: 'Document',
  conferences: 'Conference',
  drafts: 'Unsaved conference',
  questions: 'Question',
  compliments: 'Compliment',
};

const plural = (count: number, noun: string): string => `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;

/** Words for the first problem valibot found in a record. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = issueField(issue);
  // The record itself is not an object (a number, a string, a list...).
  if (where === null) return 'it isn’t in a form Confer recognises';
  const { field, label, wholeList } = where;
  const is = where.plural ? 'are' : 'is';
  const requirement = issue.requirement;
  if (issue.type === 'max_length' && typeof requirement === 'number') {
    if (wholeList) return `there are too many ${label} (the limit is ${requirement.toLocaleString('en')})`;
    return `${field} ${is} too long (the limit is ${plural(requirement, 'character')})`;
  }
  if (issue.type === 'min_length') return `${field} ${is} empty`;
  if (issue.input === undefined) return `${field} ${is} missing`;
  if (issue.type === 'literal' && issue.path?.at(-1)?.key === 'schemaVersion' && typeof issue.input === 'number' && issue.input > SCHEMA_VERSION) {
    return 'it was made by a newer version of Confer';
  }
  return `${field} ${where.plural ? 'have' : 'has'} a value Confer doesn’t recognise`;
}

const EnvelopeSchema = v.object({
  format: v.string(),
  formatVersion: v.number(),
  appVersion: v.pipe(v.string(), v.maxLength(40)),
  schemaVersion: v.pipe(v.number(), v.integer()),
  exportedAt: v.pipe(v.string(), v.maxLength(40)),
  counts: v.object(Object.fromEntries(COLLECTIONS.map((name) => [name, v.pipe(v.number(), v.integer(), v.minValue(0))])) as unknown as Record<Collection, v.GenericSchema<unknown, number>>),
  checksum: v.pipe(v.string(), v.regex(/^sha256:[0-9a-f]{64}$/)),
  data: v.object({
    ...(Object.fromEntries(COLLECTIONS.map((name) => [name, v.pipe(v.array(v.unknown()), v.maxLength(MAX_RECORDS))])) as unknown as Record<Collection, v.GenericSchema<unknown, unknown[]>>),
    settings: v.unknown(),
  }),
});

const reject = (message: string): Rejection => ({ ok: false, message });
const NOT_A_BACKUP = 'This file isn’t a Confer backup. Choose a file that Confer’s “Export backup” made (its name starts with “confer-backup”).';
const NEWER = 'This backup was made by a newer version of Confer. Update Confer, then import it again.';

/** UTF-8 size of a string, without making a copy of it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** The size of the pieces `decodeUtf8` decodes a file in. */
const DECODE_PIECE = 64 * 1024;

/**
 * UTF-8 bytes as text, exactly as `new TextDecoder().decode(bytes)` gives them (a leading
 * byte-order mark dropped, a broken sequence replaced), but decoded in pieces: Chromium decodes a
 * large file whose first non-ASCII character comes late (an apostrophe ’ near the end, say)
 * several times slower in one piece, 0.9 s against 0.2 s for 36 MB here. `stream` carries a
 * character split between two pieces over to the next.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; start += DECODE_PIECE) pieces.push(decoder.decode(bytes.subarray(start, start + DECODE_PIECE), { stream: true }));
  pieces.push(decoder.decode());
  return pieces.join('');
}

/** The file's text, and its bytes (the checksum is over the bytes, without encoding again). */
async function readFile(file: Blob | string, maxBytes: number): Promise<{ text: string; bytes: Uint8Array<ArrayBuffer> } | Rejection> {
  const bytes = typeof file === 'string' ? utf8Bytes(file) : file.size;
  if (bytes > maxBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1);
    return reject(`This file is too large to be a Confer backup (${(bytes / 1024 / 1024).toFixed(1)} MB; backups are at most ${mb(maxBytes)} MB). Nothing was imported.`);
  }
  if (bytes === 0) return reject('This file is empty. Nothing was imported.');
  if (typeof file === 'string') return { text: file, bytes: new TextEncoder().encode(file) };
  try {
    const buffer = new Uint8Array(await file.arrayBuffer());
    // Decoding drops a leading byte-order mark, as Blob.text() does in browsers.
    return { text: decodeUtf8(buffer), bytes: buffer };
  } catch {
    // The file was moved, changed or lost its permission after it was chosen.
    return reject('This file can’t be read: it may have been moved or changed after it was chosen. Choose it again. Nothing was imported.');
  }
}

/**
 * Checks a backup file completely. Either names the first problem, or returns the records ready to
 * import. Never writes anything.
 */
export async function validateBackup(file: Blob | string, { maxBytes = MAX_BACKUP_BYTES }: { maxBytes?: number } = {}): Promise<Rejection | { ok: true; data: BackupData; exportedAt: string }> {
  const read = await readFile(file, maxBytes);
  if ('ok' in read) return read;
  const { text, bytes } = read;
  // The checksum is worked out (off the main thread, in browsers) while the file is parsed and checked.
  const fileChecksum = sha256HexOfBytes(dataBytes(bytes)).catch(() => null);
  let parsed: unknown;
  try {
    // A leading byte-order mark (some editors add one) is not part of the JSON.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return reject(`${NOT_A_BACKUP} This one can’t be read: it may be damaged or cut short.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || (parsed as { format?: unknown }).format !== BACKUP_FORMAT) {
    return reject(NOT_A_BACKUP);
  }
  const { formatVersion, schemaVersion } = parsed as { formatVersion?: unknown; schemaVersion?: unknown };
  if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION) return reject(NEWER);
  if (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION) return reject(NEWER);
  // Schema 2 backups (made before conferences were kept on pages) hold the same records.
  const fromSchema2 = schemaVersion === 2;
  if (formatVersion !== BACKUP_FORMAT_VERSION || (schemaVersion !== SCHEMA_VERSION && !fromSchema2)) {
    return reject('This Confer backup is from a version this Confer can’t read (its format number is wrong). Nothing was imported.');
  }

  const envelope = v.safeParse(EnvelopeSchema, parsed);
  if (!envelope.success) {
    const top = envelope.issues[0].path?.[0]?.key;
    if (top === 'data' && envelope.issues[0].type === 'max_length') return reject('This backup holds more records than Confer can import at once. Nothing was imported.');
    return reject('This Confer backup is incomplete or damaged: part of its header is missing or wrong. Nothing was imported.');
  }
  const { counts, checksum, data: raw } = envelope.output;
  // The checksum covers the data exactly as Confer wrote it (see dataBytes).
  if (checksum !== `sha256:${await fileChecksum}`) {
    return reject('This backup has been changed or damaged since Confer made it (its checksum doesn’t match). Nothing was imported.');
  }
  for (const name of COLLECTIONS) {
    if (counts[name] !== raw[name].length) return reject('This backup’s record counts don’t match what it holds: it has been changed or damaged. Nothing was imported.');
  }

  const data: BackupData = { students: [], documents: [], conferences: [], drafts: [], questions: [], compliments: [], settings: null };
  for (const name of COLLECTIONS) {
    const seen = new Map<string, number>();
    const out: unknown[] = data[name];
    for (const [index, stored] of raw[name].entries()) {
      const value = fromSchema2 ? recordFromSchema2(stored) : stored;
      const record = v.safeParse(SCHEMAS[name] as v.GenericSchema<unknown, unknown>, value);
      if (!record.success) {
        const version = schemaVersionOf(value);
        if (version !== null && version > SCHEMA_VERSION) return reject(NEWER);
        // The record's number is formatted only here: formatting all 37,000 of a large backup's
        // took about 0.5 s in Chromium.
        return reject(`${NOUN[name]} ${(index + 1).toLocaleString('en')} in the file can’t be imported: ${describeIssue(record.issues[0])}. Nothing was imported.`);
      }
      const key = (KEY_OF[name] as (record: unknown) => string)(record.output);
      const first = seen.get(key);
      if (first !== undefined) {
        return reject(`${NOUN[name]}s ${(first + 1).toLocaleString('en')} and ${(index + 1).toLocaleString('en')} in the file are the same record twice. Nothing was imported.`);
      }
      seen.set(key, index);
      out.push(record.output);
    }
  }
  if (raw.settings !== null && raw.settings !== undefined) {
    const settings = v.safeParse(SettingsSchema, fromSchema2 ? recordFromSchema2(raw.settings) : raw.settings);
    if (!settings.success) return reject(`The settings in the file can’t be imported: ${describeIssue(settings.issues[0])}. Nothing was imported.`);
    data.settings = settings.output;
  }

  // Every reference points at a record in the same file.
  const studentIds = new Set(data.students.map((student) => student.id));
  const docIds = new Set(data.documents.map((document) => document.docId));
  for (const [index, document] of data.documents.entries()) {
    if (document.studentIds.some((id) => !studentIds.has(id))) return reject(`Document ${index + 1} in the file names a student who isn’t in the file. Nothing was imported.`);
  }
  for (const [index, conference] of data.conferences.entries()) {
    if (!docIds.has(conference.docId)) return reject(`Conference ${index + 1} in the file belongs to a document that isn’t in the file. Nothing was imported.`);
    if (conference.studentIds.some((id) => !studentIds.has(id))) return reject(`Conference ${index + 1} in the file names a student who isn’t in the file. Nothing was imported.`);
  }
  for (const [index, draft] of data.drafts.entries()) {
    if (!docIds.has(draft.docId)) return reject(`Unsaved conference ${index + 1} in the file belongs to a document that isn’t in the file. Nothing was imported.`);
  }
  return { ok: true, data, exportedAt: envelope.output.exportedAt };
}

/** What importing will do to each kind of record. */
export interface ImportCounts {
  /** Not in the notebook yet. */
  added: number;
  /** In the notebook, and the file's copy is newer. */
  updated: number;
  /** The same in both. */
  unchanged: number;
  /**
   * Different, but the notebook's copy is as new or newer (or from a newer Confer): the notebook's
   * is kept. For an unsaved conference: the notebook has saved a conference on that document since.
   * For a student: the notebook knows one by the same name (see sameStudentsHere), and the file's
   * record adds nothing to it (a goal or class it adds makes it `updated`).
   */
  kept: number;
}
export type ImportPreview = Record<Collection | 'settings', ImportCounts>;

type AnyRecord = { rev: number; updatedAt: number };

/** Compares content, not bookkeeping: `rev`, when it last changed and the derived last-conference date don't count. */
function sameContent(a: unknown, b: unknown): boolean {
  const strip = (record: unknown): string => {
    const { rev: _rev, updatedAt: _updated, lastConferenceAt: _last, ...rest } = record as Record<string, unknown>;
    return JSON.stringify(rest);
  };
  return strip(a) === strip(b);
}

/** The same words and choices; list items (questions asked, comments posted) in any order. */
function sameDraftContent(a: Draft['content'], b: Draft['content']): boolean {
  const sorted = (content: Draft['content']): string =>
    JSON.stringify({ ...content, questionsAsked: content.questionsAsked.map((item) => JSON.stringify(item)).sort(), comments: content.comments.map((item) => JSON.stringify(item)).sort() });
  return sorted(a) === sorted(b);
}

/**
 * An unsaved conference on a document that has one in the notebook too (typed on two computers,
 * or typed on after the backup): both texts are kept, as when two tabs type at once, so a restore
 * never takes a word away. `null` when the notebook's already holds every word of the file's.
 * The merged one must still fit a draft's limits; if not, the notebook's is kept (the file's words
 * are still in the file).
 */
function mergedDraft(here: Draft, incoming: Draft): Draft | null {
  const [older, newer] = incoming.updatedAt > here.updatedAt ? [here, incoming] : [incoming, here];
  const content = mergeDraftContent(emptyConferenceContent(), newer.content, older.content);
  if (sameDraftContent(content, here.content)) return null;
  const merged = v.safeParse(DraftSchema, {
    ...here,
    rev: Math.max(here.rev, incoming.rev) + 1,
    startedAt: Math.min(here.startedAt, incoming.startedAt),
    updatedAt: newer.updatedAt,
    content,
  });
  return merged.success ? merged.output : null;
}

type Plan = { key: string; value: AnyRecord; action: keyof ImportCounts };

/**
 * The file's students whom the notebook knows by the same name under another id, each with the
 * notebook's record of them: a student typed in on this computer before a backup from another is
 * restored, say. The panel takes a name it knows to be that student (setDocumentStudent), so the
 * file's record of them is not added as a second one: their documents and conferences in the file
 * name the notebook's instead. Not when the file has a student under that id too.
 */
function sameStudentsHere(students: readonly Student[], existing: ReadonlyMap<string, unknown>): Map<string, Student> {
  const inFile = new Set(students.map((student) => student.id));
  const here = allReadable(
    StudentSchema,
    [...existing].filter(([key]) => key.startsWith(PREFIX.student)).map(([, value]) => value),
  ).filter((student) => !inFile.has(student.id));
  const known = new Map<string, Student>();
  for (const student of students) {
    if (existing.has(keys.student(student.id))) continue;
    const same = here.find((candidate) => sameName(candidate.name, student.name));
    if (same !== undefined) known.set(student.id, same);
  }
  return known;
}

/**
 * The notebook's record of a student, with what the file's record of them adds: its goals, and its
 * class if the notebook has none. The notebook's spelling of the name stays. `null`: nothing to add.
 */
function withGoalsFrom(here: Student, file: Student): Student | null {
  const goals = [...new Set([...here.goals, ...file.goals])].slice(0, LIMITS.goals);
  const classGroup = here.classGroup ?? file.classGroup;
  if (goals.length === here.goals.length && classGroup === here.classGroup) return null;
  return { ...here, goals, classGroup, updatedAt: Math.max(here.updatedAt, file.updatedAt) };
}

/** `data` with the students `known` maps named by the notebook's ids instead; records that name none are not copied. */
function withStudentsHere(data: BackupData, known: ReadonlyMap<string, Student>): BackupData {
  if (known.size === 0) return data;
  const renamed = <T extends { studentIds: string[] }>(record: T): T =>
    record.studentIds.some((id) => known.has(id)) ? { ...record, studentIds: [...new Set(record.studentIds.map((id) => known.get(id)?.id ?? id))] } : record;
  return {
    ...data,
    students: data.students.filter((student) => !known.has(student.id)),
    documents: data.documents.map(renamed),
    conferences: data.conferences.map(renamed),
  };
}

/** Decides, record by record, what an import does. Pure given the notebook's current records. */
function planImport(file: BackupData, existing: ReadonlyMap<string, unknown>): { plan: Plan[]; preview: ImportPreview } {
  const preview = Object.fromEntries([...COLLECTIONS, 'settings'].map((name) => [name, { added: 0, updated: 0, unchanged: 0, kept: 0 }])) as ImportPreview;
  const plan: Plan[] = [];
  const studentsHere = sameStudentsHere(file.students, existing);
  // (Two of the file's students can be one of the notebook's: what each adds is gathered first.)
  const gathered = new Map<string, Student>();
  for (const student of file.students) {
    const here = studentsHere.get(student.id);
    if (here === undefined) continue;
    const merged = withGoalsFrom(gathered.get(here.id) ?? here, student);
    if (merged !== null) gathered.set(here.id, merged);
  }
  for (const here of new Set(studentsHere.values())) {
    const merged = gathered.get(here.id);
    preview.students[merged === undefined ? 'kept' : 'updated'] += 1;
    if (merged !== undefined) plan.push({ key: keys.student(here.id), value: { ...merged, rev: here.rev + 1 }, action: 'updated' });
  }
  const data = withStudentsHere(file, studentsHere);
  // Documents with a conference page this Confer can't read (from a newer one): nothing is added to them.
  const unreadablePages = new Set([...existing.keys()].flatMap((key) => conferencePageOf(key)?.docId ?? []));
  const consider = (name: Collection | 'settings', key: string, incoming: AnyRecord): void => {
    const old = existing.get(key);
    let action: keyof ImportCounts;
    if (name === 'conferences' && unreadablePages.has((incoming as Conference).docId)) action = 'kept';
    else if (old === undefined) action = 'added';
    else if (sameContent(old, incoming)) action = 'unchanged';
    else if ((schemaVersionOf(old) ?? 0) > SCHEMA_VERSION) action = 'kept';
    else action = incoming.updatedAt > ((old as Partial<AnyRecord>).updatedAt ?? 0) ? 'updated' : 'kept';
    preview[name][action] += 1;
    if (action === 'unchanged' || action === 'kept') return;
    const oldRev = (old as Partial<AnyRecord> | undefined)?.rev ?? 0;
    const rev = Math.max(oldRev, incoming.rev) + (action === 'updated' ? 1 : 0);
    // A record added as it is (most of a restore) is not copied: 30,000 copies cost time and memory.
    plan.push({ key, value: rev === incoming.rev ? incoming : { ...incoming, rev }, action });
  };
  // An unsaved conference in the file that the notebook has since saved (or that was followed by
  // a conference saved on its document: saving takes the form's words, draft included) stays out.
  // Otherwise restoring an old backup would put finished conferences back in the form, to be saved twice.
  const lastSaved = new Map<string, number>();
  for (const [key, value] of existing) {
    if (!key.startsWith(ONE_CONFERENCE)) continue;
    const { docId, endedAt } = value as Partial<Conference>;
    if (typeof docId === 'string' && typeof endedAt === 'number') lastSaved.set(docId, Math.max(lastSaved.get(docId) ?? endedAt, endedAt));
  }
  for (const name of COLLECTIONS) {
    for (const record of data[name]) {
      const key = (KEY_OF[name] as (record: unknown) => string)(record);
      if (name === 'drafts' && !existing.has(key) && (lastSaved.get((record as Draft).docId) ?? -Infinity) >= record.updatedAt) {
        preview.drafts.kept += 1;
        continue;
      }
      const here = name === 'drafts' ? v.safeParse(DraftSchema, existing.get(key)) : null;
      if (here?.success === true && !sameContent(here.output, record)) {
        const merged = mergedDraft(here.output, record as Draft);
        preview.drafts[merged === null ? 'kept' : 'updated'] += 1;
        if (merged !== null) plan.push({ key, value: merged, action: 'updated' });
        continue;
      }
      consider(name, key, record);
    }
  }
  if (data.settings !== null) {
    // Whether the browser keeps Confer's data is this computer's answer: a backup's replaces it
    // only where this notebook has none (a restore after delete everything gives back the same).
    const persistence = (existing.get(keys.settings) as Partial<Settings> | undefined)?.persistence ?? data.settings.persistence;
    const settings: Settings = { ...data.settings, persistence };
    consider('settings', keys.settings, settings);
  }
  return { plan, preview };
}

/**
 * The notebook's records by key, as the import plan names them: each conference under its own key
 * (keys.conference), taken off its page. A page this Confer can't read stays whole under its own
 * key, so nothing is added to its document. `pages`: each document's readable pages, in order.
 */
async function readExisting(records: IDBObjectStore): Promise<{ existing: Map<string, unknown>; pages: Map<string, StoredPage[]> }> {
  const existing = new Map<string, unknown>();
  const pages = new Map<string, StoredPage[]>();
  await Promise.all(
    [...COLLECTIONS.map((name) => PREFIX_OF[name]), keys.settings].map(
      (prefix) =>
        new Promise<void>((resolve, reject) => {
          const range = prefix === keys.settings ? IDBKeyRange.only(prefix) : IDBKeyRange.bound(prefix, `${prefix}\uffff`);
          const request = records.openCursor(range);
          request.onsuccess = () => {
            const cursor = request.result;
            if (cursor === null) return resolve();
            const where = prefix === PREFIX.conferences ? conferencePageOf(cursor.key as string) : null;
            const page = where === null ? null : v.safeParse(ConferencePageSchema, cursor.value);
            if (where !== null && page?.success === true) {
              const documentPages = pages.get(where.docId) ?? [];
              documentPages.push({ key: cursor.key as string, number: where.page, page: page.output });
              pages.set(where.docId, documentPages);
              for (const conference of page.output.conferences) {
                const id = conferenceIdOf(conference);
                if (id !== null) existing.set(keys.conference(where.docId, id), conference);
              }
            } else {
              existing.set(cursor.key as string, cursor.value);
            }
            cursor.continue();
          };
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        }),
    ),
  );
  return { existing, pages };
}

/** What importing this (validated) backup would change, without changing anything. */
export async function previewImport(data: BackupData): Promise<ImportPreview> {
  await ensureMigrated();
  return transact('readonly', async (records) => planImport(data, (await readExisting(records)).existing).preview);
}

/**
 * Imports a validated backup in one transaction and returns what it did. Decided again inside
 * the transaction, so a change made in another tab since the preview is respected.
 */
export async function applyImport(data: BackupData): Promise<ImportPreview> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const { existing, pages } = await readExisting(records);
      const { plan, preview } = planImport(data, existing);
      // Every put is queued at once (not one after another); the transaction's commit is what
      // `transact` waits for, and any failed put aborts the whole import.
      const conferencesByDocument = new Map<string, Map<string, unknown>>();
      for (const { key, value } of plan) {
        existing.set(key, value);
        if (!key.startsWith(ONE_CONFERENCE)) {
          records.put(value, key);
          continue;
        }
        const { docId, id } = value as Conference;
        conferencesByDocument.set(docId, (conferencesByDocument.get(docId) ?? new Map<string, unknown>()).set(id, value));
      }
      for (const [docId, put] of conferencesByDocument) {
        for (const { key, page } of pagesAfter(docId, pages.get(docId) ?? [], { put })) {
          if (page === null) records.delete(key);
          else records.put(page, key);
        }
      }
      if (plan.length > 0) await recountLastConferences(records, existing, new Set(plan.map(({ value }) => value)));
      return preview;
    },
    { everything: true },
  );
}

/**
 * After an import, each student's last-conference date is worked out again from their conferences.
 * `checked`: the records the import wrote, already checked (validateBackup); only the notebook's
 * own are checked here (checking 30,000 imported conferences again took 0.3-0.5 s in the bench).
 */
async function recountLastConferences(records: IDBObjectStore, notebook: ReadonlyMap<string, unknown>, checked: ReadonlySet<unknown>): Promise<void> {
  const latest = new Map<string, number>();
  for (const [key, value] of notebook) {
    if (!key.startsWith(ONE_CONFERENCE)) continue;
    const conference = checked.has(value) ? (value as Conference) : readable(ConferenceSchema, value);
    if (conference === null) continue;
    for (const id of conference.studentIds) latest.set(id, Math.max(latest.get(id) ?? 0, conference.startedAt));
  }
  for (const [key, value] of notebook) {
    if (!key.startsWith(PREFIX.student)) continue;
    const student = v.safeParse(StudentSchema, value);
    if (!student.success) continue;
    const lastConferenceAt = latest.get(student.output.id) ?? null;
    if (lastConferenceAt !== student.output.lastConferenceAt) records.put({ ...student.output, lastConferenceAt, rev: student.output.rev + 1 }, key);
  }
}
