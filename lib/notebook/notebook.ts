/**
 * The conference notebook: the one typed API the panel and the class view use to read and write
 * Confer's records. Runs only in the extension's own pages.
 *
 * Writes are atomic read-modify-writes (see db.ts), refuse to touch a record written by a newer
 * Confer, bump the record's `rev`, and are announced to every open Confer page.
 */
import { promisifyRequest } from 'idb-keyval';
import * as v from 'valibot';
import type { DocRef } from '../doc-ref';
import { read, readKeys, readLastEntry, readPrefix, readPrefixEntries, remove, transact, write } from './db';
import { findConference, pagesAfter, type PageWrite, type StoredPage } from './conference-pages';
import { deleteLegacyDatabase, ensureMigrated, isCurrentIn } from './upgrade';
import {
  ComplimentSchema,
  ConferenceContentSchema,
  ConferenceSchema,
  ConferencePageSchema,
  DocumentSchema,
  DraftSchema,
  LIMITS,
  PREFIX,
  QuestionSchema,
  SCHEMA_VERSION,
  SettingsSchema,
  StudentSchema,
  cleanName,
  conferencePageOf,
  defaultSettings,
  isBlankConference,
  pausedSince,
  keys,
  newId,
  allReadable,
  readable,
  sameName,
  type Compliment,
  type Conference,
  type ConferenceContent,
  type DocumentRecord,
  type Draft,
  type Question,
  type Settings,
  type Student,
} from './model';
import { schemaVersionOf } from './migrations';
import { keptAfterSaved, mergeDraftContent } from './draft-merge';
import { issueField } from './issue-words';
import { forgetAllUnsavedWords } from './unsaved-words';
import { forgetAllUnpostedComments } from './unposted-comments';

/** A write the notebook refused, with words a teacher can act on. */
export class NotebookError extends Error {
  override name = 'NotebookError';
}

/** The conference a panel is saving was saved in another tab meanwhile: it isn't saved twice. */
export class AlreadySavedError extends NotebookError {
  constructor() {
    super('This conference was already saved in another tab. It’s in History.');
  }
}

const NEWER_RECORD = 'This record was saved by a newer version of Confer, so this version leaves it as it is. Update Confer to change it.';

/** The record if it has this Confer's shape; `null` if absent; refuses (throws) if it is newer. */
function current<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T | null {
  if (value === undefined) return null;
  const version = schemaVersionOf(value);
  if (version !== null && version > SCHEMA_VERSION) throw new NotebookError(NEWER_RECORD);
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new NotebookError('A record in Confer’s notebook is damaged, so Confer left it as it is rather than write over it. Your other notes aren’t affected.');
  return parsed.output;
}

function newestFirst(a: Conference, b: Conference): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1);
}

/* ----------------------------------------------------------------------------------- documents */

async function readDocument(records: IDBObjectStore, docId: string): Promise<DocumentRecord | null> {
  return current(DocumentSchema, await read(records, keys.document(docId)));
}

/**
 * When a record changed: now, or just after its last change if that is later. A backup made on a
 * computer whose clock ran ahead carries times in the future; a change made here afterwards must
 * still count as newer, or importing that backup again would replace it.
 */
function changedAt(old: { updatedAt: number } | null, now = Date.now()): number {
  return Math.max(now, (old?.updatedAt ?? 0) + 1);
}

/**
 * A document's record as Confer first makes it, when the document is opened or written about.
 * `updatedAt` 0: the teacher has chosen nothing for it yet (its student), so a backup's record of
 * the same document is newer. Restoring onto a new computer where the documents were opened first
 * must still bring back whose they are.
 */
function blankDocument(ref: Pick<DocRef, 'docId'> & Partial<DocRef>, now: number): DocumentRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    rev: 0,
    docId: ref.docId,
    title: null,
    accountSlot: ref.accountSlot ?? null,
    studentIds: [],
    lastOpened: now,
    updatedAt: 0,
  };
}

/**
 * Starts opening the notebook (its database connection, and the check for records an earlier
 * Confer left) before anything is read: the panel calls it while it still waits to hear which
 * document it sits beside. Nothing is lost by ignoring a failure here: the first read tries again
 * and tells the teacher.
 */
export function openNotebookEarly(): void {
  ensureMigrated().catch(() => undefined);
}

/**
 * Notes that the teacher opened the document now, under this title. Announced only when the title
 * is new: when it was opened is shown nowhere, and every panel on the document would otherwise
 * read its whole History again each time one of them opens.
 */
export async function noteDocumentOpened(ref: DocRef, title: string | null): Promise<DocumentRecord> {
  await ensureMigrated();
  let titleChanged = false;
  return transact(
    'readwrite',
    async (records) => {
      const now = Date.now();
      const kept = await readDocument(records, ref.docId);
      const old = kept ?? blankDocument(ref, now);
      const document: DocumentRecord = {
        ...old,
        rev: old.rev + 1,
        title: title === null ? old.title : title.slice(0, LIMITS.title),
        accountSlot: ref.accountSlot ?? old.accountSlot,
        lastOpened: now,
        // Opening is not a change the teacher made (see blankDocument): a backup may still be newer.
        updatedAt: old.updatedAt,
      };
      titleChanged = kept === null || document.title !== old.title;
      await write(records, keys.document(ref.docId), document);
      return document;
    },
    () => (titleChanged ? { documents: [ref.docId] } : null),
  );
}

export interface DocumentHistory {
  /** `null` until the document has been opened with Confer. */
  document: DocumentRecord | null;
  students: Student[];
  /** Newest first. */
  conferences: Conference[];
}

/** Everything about one document: a few keyed reads, whatever the notebook's size. */
export async function getDocumentHistory(docId: string): Promise<DocumentHistory> {
  await ensureMigrated();
  return transact('readonly', (records) => documentHistoryIn(records, docId));
}

async function documentHistoryIn(records: IDBObjectStore, docId: string): Promise<DocumentHistory> {
  const [documentValue, conferenceValues] = await Promise.all([read(records, keys.document(docId)), storedConferences(records, docId)]);
  const document = readable(DocumentSchema, documentValue);
  const studentValues = await Promise.all((document?.studentIds ?? []).map((id) => read(records, keys.student(id))));
  return {
    document,
    students: allReadable(StudentSchema, studentValues),
    conferences: allReadable(ConferenceSchema, conferenceValues).sort(newestFirst),
  };
}

export interface StudentConferences {
  /** The students' conferences on their other documents, newest first. */
  conferences: Conference[];
  /** Those documents, for their titles. */
  documents: DocumentRecord[];
}

export interface StudentHistory extends DocumentHistory {
  /** The student's conferences on their other documents (a student's documents share one history). */
  others: StudentConferences;
  /**
   * For a document with no student yet: the known student whose name `suggestedName` is (the
   * title's guess), whose conferences `others` then holds. The document is not linked to them.
   */
  suggested: Student | null;
}

/**
 * What the panel shows as it opens beside a document: the document's history, and its student's
 * (or the suggested student's) conferences on their other documents. One transaction rather than
 * three in a row, as the panel waits on it while Docs is loading beside it.
 */
export async function getStudentHistory(docId: string, suggestedName: string | null): Promise<StudentHistory> {
  await ensureMigrated();
  return transact('readonly', (records) => studentHistoryIn(records, docId, suggestedName));
}

async function studentHistoryIn(records: IDBObjectStore, docId: string, suggestedName: string | null): Promise<StudentHistory> {
  const history = await documentHistoryIn(records, docId);
  const clean = suggestedName === null ? '' : cleanName(suggestedName);
  const suggested = history.students.length === 0 && clean !== '' ? await studentByNameIn(records, clean) : null;
  const whose = suggested === null ? history.students : [suggested];
  return { ...history, others: await otherConferencesIn(records, whose.map((student) => student.id), docId), suggested };
}

/**
 * What the panel shows first beside a document, read by the background as Docs' page loads
 * (lib/background.ts) so the panel need not wait for its own reads: while Docs loads beside it,
 * each of those took 50–150 ms here. The panel still reads both itself, and shows that.
 */
export interface OpeningView {
  docId: string;
  /** The name the history was read for (see getStudentHistory). */
  suggestedName: string | null;
  history: StudentHistory;
  draft: Draft | null;
}

/**
 * The opening view of `docId`, in one transaction; `null` when the notebook is not on this
 * Confer's schema (the panel upgrades it first, which is no work for the background).
 */
export async function readOpeningView(docId: string, suggestedName: string | null): Promise<OpeningView | null> {
  return transact('readonly', async (records) => {
    if (!(await isCurrentIn(records))) return null;
    const [history, draft] = await Promise.all([studentHistoryIn(records, docId, suggestedName), read(records, keys.draft(docId))]);
    return { docId, suggestedName, history, draft: readable(DraftSchema, draft) };
  });
}

/**
 * The students' conferences on documents other than `exceptDocId`. Reads the document records to
 * find theirs, then each one's conferences.
 */
async function otherConferencesIn(records: IDBObjectStore, studentIds: readonly string[], exceptDocId: string): Promise<StudentConferences> {
  if (studentIds.length === 0) return { conferences: [], documents: [] };
  const wanted = new Set(studentIds);
  const documents = allReadable(DocumentSchema, await readPrefix(records, PREFIX.document)).filter(
    (document) => document.docId !== exceptDocId && document.studentIds.some((id) => wanted.has(id)),
  );
  const perDocument = await Promise.all(documents.map((document) => storedConferences(records, document.docId)));
  const conferences = perDocument.flatMap((values) => allReadable(ConferenceSchema, values)).sort(newestFirst);
  return { conferences, documents };
}

/**
 * Says who wrote the document. A name the notebook already knows (ignoring case and spacing) is
 * the same student, so their documents share one history; a new name makes a new student; an
 * empty name unlinks the document. `known`: the student was in the notebook before.
 */
export async function setDocumentStudent(
  ref: Pick<DocRef, 'docId'> & Partial<DocRef>,
  name: string,
): Promise<{ document: DocumentRecord; student: Student | null; known: boolean }> {
  await ensureMigrated();
  const clean = cleanName(name);
  let forgotten: string[] = [];
  return transact(
    'readwrite',
    async (records) => {
      const now = Date.now();
      const old = (await readDocument(records, ref.docId)) ?? blankDocument(ref, now);
      let student: Student | null = null;
      let known = false;
      if (clean !== '') {
        student = await studentByNameIn(records, clean);
        known = student !== null;
        if (student !== null && student.name !== clean && old.studentIds.includes(student.id)) {
          // The teacher corrected the spelling of this document's own student ("maria lopez" →
          // "Maria Lopez"): the student is renamed. (Another student's record keeps its spelling.)
          student = { ...student, rev: student.rev + 1, name: clean, updatedAt: now };
          await write(records, keys.student(student.id), student);
        }
        if (student === null) {
          student = { schemaVersion: SCHEMA_VERSION, rev: 1, id: newId(), name: clean, classGroup: null, goals: [], createdAt: now, updatedAt: now, lastConferenceAt: null };
          await write(records, keys.student(student.id), student);
        }
      }
      const document: DocumentRecord = { ...old, rev: old.rev + 1, studentIds: student === null ? [] : [student.id], updatedAt: changedAt(old, now) };
      await write(records, keys.document(ref.docId), document);
      forgotten = await forgetNamesTypedInPassing(records, old.studentIds.filter((id) => id !== student?.id), ref.docId);
      return { document, student, known };
    },
    (result) => ({ documents: [ref.docId], students: [...(result.student === null ? [] : [result.student.id]), ...forgotten] }),
  );
}

/**
 * The Student field saves as the teacher types, so "Mar" is linked for a moment on the way to
 * "Maria Lopez". A student this document no longer names, whom nothing else refers to (no other
 * document, no conference, no goals or class), was such a passing name: it goes, rather than
 * filling the class list with half-names.
 */
async function forgetNamesTypedInPassing(records: IDBObjectStore, studentIds: readonly string[], docId: string): Promise<string[]> {
  if (studentIds.length === 0) return [];
  const forgotten: string[] = [];
  const stillNamed = new Set(allReadable(DocumentSchema, await readPrefix(records, PREFIX.document)).filter((document) => document.docId !== docId).flatMap((document) => document.studentIds));
  for (const id of studentIds) {
    if (stillNamed.has(id)) continue;
    const student = readable(StudentSchema, await read(records, keys.student(id)));
    // (Any conference that includes a student sets their lastConferenceAt.)
    if (student === null || student.lastConferenceAt !== null || student.goals.length > 0 || student.classGroup !== null) continue;
    await remove(records, keys.student(id));
    forgotten.push(id);
  }
  return forgotten;
}

/* ------------------------------------------------------------------------------------ students */

/** The student the notebook knows by this name (`clean`, see cleanName; ignoring case and spacing), if any. */
async function studentByNameIn(records: IDBObjectStore, clean: string): Promise<Student | null> {
  return allReadable(StudentSchema, await readPrefix(records, PREFIX.student)).find((known) => sameName(known.name, clean)) ?? null;
}

export interface StudentSummary {
  student: Student;
  documentIds: string[];
}

/** Every student with their last-conference date and documents: the class view's list. */
export async function listStudents(): Promise<StudentSummary[]> {
  await ensureMigrated();
  return transact('readonly', async (records) => {
    const [studentValues, documentValues] = await Promise.all([readPrefix(records, PREFIX.student), readPrefix(records, PREFIX.document)]);
    const documentsOf = new Map<string, string[]>();
    for (const document of allReadable(DocumentSchema, documentValues)) {
      for (const id of document.studentIds) documentsOf.set(id, [...(documentsOf.get(id) ?? []), document.docId]);
    }
    return allReadable(StudentSchema, studentValues)
      .map((student) => ({ student, documentIds: documentsOf.get(student.id) ?? [] }))
      .sort((a, b) => a.student.name.localeCompare(b.student.name));
  });
}

/** Changes a student's name, class or goals. */
export async function updateStudent(studentId: string, change: Partial<Pick<Student, 'name' | 'classGroup' | 'goals'>>): Promise<Student> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const old = current(StudentSchema, await read(records, keys.student(studentId)));
      if (old === null) throw new NotebookError('That student is no longer in the notebook.');
      const student = checked(StudentSchema, { ...old, ...change, rev: old.rev + 1, updatedAt: changedAt(old) });
      await write(records, keys.student(studentId), student);
      return student;
    },
    { students: [studentId] },
  );
}

/* --------------------------------------------------------------------------------- conferences */

/** A document's saved conferences as stored, for reading (each is checked where it is used). */
async function storedConferences(records: IDBObjectStore, docId: string): Promise<unknown[]> {
  return allReadable(ConferencePageSchema, await readPrefix(records, keys.conferencesOf(docId))).flatMap((page) => page.conferences);
}

/** A document's conference pages, in order, for a change; refuses (throws) if one is from a newer Confer. */
async function conferencePages(records: IDBObjectStore, docId: string): Promise<StoredPage[]> {
  return (await readPrefixEntries(records, keys.conferencesOf(docId))).flatMap((entry) => storedPage(entry));
}

/**
 * Only the last page, for adding a conference: a save reads and writes one small page however
 * long the document's history is. (If the last key isn't a page number this Confer knows, all the
 * pages are read, so a new page is numbered after the ones it does know and overwrites none.)
 */
async function lastConferencePage(records: IDBObjectStore, docId: string): Promise<StoredPage[]> {
  const entry = await readLastEntry(records, keys.conferencesOf(docId));
  if (entry === null) return [];
  return conferencePageOf(entry.key) === null ? conferencePages(records, docId) : storedPage(entry);
}

/** The page, if its key is one this Confer numbers (see keys.conferencePage); refuses a newer page. */
function storedPage({ key, value }: { key: string; value: unknown }): StoredPage[] {
  const where = conferencePageOf(key);
  if (where === null) return [];
  const page = current(ConferencePageSchema, value);
  return page === null ? [] : [{ key, number: where.page, page }];
}

async function writePages(records: IDBObjectStore, writes: readonly PageWrite[]): Promise<void> {
  await Promise.all(writes.map(({ key, page }) => (page === null ? remove(records, key) : write(records, key, page))));
}

/** Validates a record about to be written; a too-long field (or too long a list) is refused with its name. */
function checked<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const where = issueField(issue);
  const field = where === null ? 'One of the fields' : `${where.field[0]!.toUpperCase()}${where.field.slice(1)}`;
  const plural = where?.plural === true;
  const limit = typeof issue.requirement === 'number' ? issue.requirement.toLocaleString('en') : null;
  if (issue.type === 'max_length' && where?.wholeList === true) {
    throw new NotebookError(`There are too many ${where.label} to save${limit === null ? '' : ` (the limit is ${limit})`}. Remove some and try again.`);
  }
  throw new NotebookError(
    issue.type === 'max_length'
      ? `${field} ${plural ? 'are' : 'is'} too long to save${limit === null ? '' : ` (the limit is ${limit} characters)`}. Shorten it and try again.`
      : issue.type === 'min_length'
        ? `${field} ${plural ? 'are' : 'is'} empty.`
        : `${field} ${plural ? 'aren’t' : 'isn’t'} valid, so Confer didn’t save ${plural ? 'them' : 'it'}.`,
  );
}

/**
 * Keeps each student's `lastConferenceAt` true after a conference was added (`added`), taken
 * away (`goneAt`: when it started) or moved to another time (both). Only for a student whose
 * latest conference it was does the notebook have to be read again, to find the next latest; for
 * everyone else the date stays, or moves later.
 */
async function refreshLastConference(records: IDBObjectStore, studentIds: readonly string[], change: { added?: Conference; goneAt?: number }): Promise<void> {
  const students = allReadable(StudentSchema, await Promise.all(studentIds.map((id) => read(records, keys.student(id)))));
  const next = new Map<string, number | null>();
  const lookAgain = new Set<string>();
  for (const { id, lastConferenceAt: known } of students) {
    if (change.goneAt !== undefined && (known === null || change.goneAt >= known)) lookAgain.add(id);
    else next.set(id, change.added === undefined ? known : Math.max(known ?? 0, change.added.startedAt));
  }
  if (lookAgain.size > 0) {
    // Every conference in the notebook, as this transaction has left them. Rare: the latest
    // conference of one of these students was deleted or moved.
    for (const id of lookAgain) next.set(id, null);
    const pages = allReadable(ConferencePageSchema, await readPrefix(records, PREFIX.conferences));
    for (const conference of allReadable(ConferenceSchema, pages.flatMap((page) => page.conferences))) {
      for (const id of conference.studentIds) {
        if (!lookAgain.has(id)) continue;
        const seen = next.get(id) ?? null;
        if (seen === null || conference.startedAt > seen) next.set(id, conference.startedAt);
      }
    }
  }
  await Promise.all(
    students.map((student) => {
      const lastConferenceAt = next.get(student.id) ?? null;
      return lastConferenceAt !== student.lastConferenceAt && write(records, keys.student(student.id), { ...student, rev: student.rev + 1, lastConferenceAt });
    }),
  );
}

export interface SaveConferenceOptions {
  startedAt: number;
  endedAt?: number;
  /** Extra students (a group conference); the document's own students are always included. */
  studentIds?: string[];
  /**
   * The draft as the saving panel last saw it. With it, whatever another tab wrote into the draft
   * since is saved in the conference too, as a draft write would have kept it (see saveDraft).
   */
  draftBase?: ConferenceContent;
}

/**
 * Saves a finished conference on the document and clears the document's draft, in one
 * transaction: either the conference is saved and the draft gone, or nothing changed.
 */
export async function saveConference(docId: string, content: ConferenceContent, options: SaveConferenceOptions): Promise<Conference> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const now = Date.now();
      // Asked together: each request waits on the database, and a save is what the teacher waits on.
      const [known, pages, draft] = await Promise.all([readDocument(records, docId), lastConferencePage(records, docId), read(records, keys.draft(docId))]);
      const document = known ?? blankDocument({ docId }, now);
      const draftVersion = schemaVersionOf(draft) ?? 0;
      const stored = draftVersion > SCHEMA_VERSION ? null : readable(DraftSchema, draft);
      // The draft this panel last saw is gone, and a conference from the same start is on the
      // document: another tab saved it (before this panel heard). Only words typed here since are
      // a conference of their own; with none, nothing is saved twice. (All the document's pages
      // are read only then: a save otherwise reads the last one alone.)
      const savedElsewhere =
        options.draftBase !== undefined &&
        draft === undefined &&
        !isBlankConference(options.draftBase) &&
        holdsConferenceStartedAt(await conferencePages(records, docId), options.startedAt);
      const saved = savedElsewhere
        ? keptAfterSaved(options.draftBase!, content)
        : options.draftBase !== undefined && stored !== null
          ? mergeDraftContent(options.draftBase, content, stored.content)
          : content;
      if (savedElsewhere && isBlankConference(saved)) throw new AlreadySavedError();
      const conference = checked(ConferenceSchema, {
        schemaVersion: SCHEMA_VERSION,
        rev: 1,
        id: newId(),
        docId,
        studentIds: [...new Set([...document.studentIds, ...(options.studentIds ?? [])])],
        startedAt: options.startedAt,
        // Saved long after its last words (a draft left since): it ended with them.
        endedAt: options.endedAt ?? (stored !== null && pausedSince(stored.updatedAt, now) ? Math.max(stored.updatedAt, options.startedAt) : now),
        updatedAt: now,
        ...checked(ConferenceContentSchema, saved),
      });
      // Requests run in the order they are made; none of these needs another's answer.
      await Promise.all([
        writePages(records, pagesAfter(docId, pages, { put: new Map([[conference.id, conference]]) })),
        document.rev === 0 && write(records, keys.document(docId), { ...document, rev: 1 }),
        draft !== undefined && draftVersion <= SCHEMA_VERSION && remove(records, keys.draft(docId)),
        refreshLastConference(records, conference.studentIds, { added: conference }),
      ]);
      return conference;
    },
    (conference) => ({ documents: [docId], students: conference.studentIds }),
  );
}

/** Changes what a saved conference says. Applied to the latest copy, so another tab's edit is kept. */
export async function updateConference(docId: string, conferenceId: string, change: Partial<ConferenceContent> & { startedAt?: number }): Promise<Conference> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const pages = await conferencePages(records, docId);
      const stored = findConference(pages, conferenceId);
      const old = stored === null ? null : current(ConferenceSchema, stored);
      if (old === null) throw new NotebookError('That conference was deleted, perhaps in another tab.');
      const conference = checked(ConferenceSchema, { ...old, ...change, rev: old.rev + 1, updatedAt: changedAt(old) });
      await writePages(records, pagesAfter(docId, pages, { put: new Map([[conference.id, conference]]) }));
      if (conference.startedAt !== old.startedAt) await refreshLastConference(records, conference.studentIds, { added: conference, goneAt: old.startedAt });
      return conference;
    },
    (conference) => ({ documents: [docId], students: conference.studentIds }),
  );
}

/** A deleted conference, and the students it named as they were then, for `restoreConference`. */
export interface DeletedConference {
  conference: Conference;
  students: Student[];
}

/** Deletes a saved conference and returns it, so the teacher can undo with `restoreConference`. */
export async function deleteConference(docId: string, conferenceId: string): Promise<DeletedConference> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const pages = await conferencePages(records, docId);
      const stored = findConference(pages, conferenceId);
      const old = stored === null ? null : current(ConferenceSchema, stored);
      if (old === null) throw new NotebookError('That conference was already deleted, perhaps in another tab.');
      const students = (await Promise.all(old.studentIds.map(async (id) => readable(StudentSchema, await read(records, keys.student(id)))))).filter(
        (student) => student !== null,
      );
      await writePages(records, pagesAfter(docId, pages, { remove: conferenceId }));
      await refreshLastConference(records, old.studentIds, { goneAt: old.startedAt });
      return { conference: old, students };
    },
    ({ conference }) => ({ documents: [docId], students: conference.studentIds }),
  );
}

/**
 * Undo for `deleteConference`: puts the conference back exactly as it was. A student it named
 * who has gone meanwhile comes back too: with their only conference deleted, a student the
 * Student field then stopped naming looked like a name typed in passing, and was forgotten.
 */
export async function restoreConference({ conference, students }: DeletedConference): Promise<Conference> {
  await ensureMigrated();
  const record = checked(ConferenceSchema, conference);
  const named = students.map((student) => checked(StudentSchema, student));
  return transact(
    'readwrite',
    async (records) => {
      const pages = await conferencePages(records, record.docId);
      if (findConference(pages, record.id) !== null) return record;
      for (const student of named) {
        if ((await read(records, keys.student(student.id))) === undefined) await write(records, keys.student(student.id), { ...student, rev: student.rev + 1 });
      }
      const restored = { ...record, rev: record.rev + 1 };
      await writePages(records, pagesAfter(record.docId, pages, { put: new Map([[restored.id, restored]]) }));
      await refreshLastConference(records, record.studentIds, { added: record });
      return restored;
    },
    { documents: [record.docId], students: record.studentIds },
  );
}

/* -------------------------------------------------------------------------------------- drafts */

/**
 * Whether the document has a saved conference that started at `startedAt` (a conference starts
 * with its first words, so this names one): for telling whether a save that a closing page began
 * went through.
 */
export async function hasConferenceStartedAt(docId: string, startedAt: number): Promise<boolean> {
  await ensureMigrated();
  return transact('readonly', async (records) => holdsConferenceStartedAt(await conferencePages(records, docId), startedAt));
}

/** Whether `pages` hold a conference that started at `startedAt` (which names one: see above). */
function holdsConferenceStartedAt(pages: readonly StoredPage[], startedAt: number): boolean {
  return pages.some(({ page }) => page.conferences.some((stored) => readable(ConferenceSchema, stored)?.startedAt === startedAt));
}

export async function getDraft(docId: string): Promise<Draft | null> {
  await ensureMigrated();
  return transact('readonly', async (records) => readable(DraftSchema, await read(records, keys.draft(docId))));
}

/**
 * Saves the conference being written on this document (the panel calls it as the teacher types).
 * With `base` (the draft as this panel last saw it), only what changed since `base` is written and
 * whatever another tab wrote meanwhile is kept (see draft-merge.ts); without it, `content` replaces
 * the draft. Returns the draft as saved, for the panel to show.
 */
export async function saveDraft(docId: string, content: ConferenceContent, startedAt: number, base?: ConferenceContent): Promise<Draft> {
  await ensureMigrated();
  let madeDocument = false;
  return transact(
    'readwrite',
    async (records) => {
      const old = current(DraftSchema, await read(records, keys.draft(docId)));
      const now = Date.now();
      // No draft where this tab saw one: its conference was saved meanwhile (in another tab), so
      // only what was typed after the saved words is the next conference's.
      const merged = base === undefined ? content : old === null ? keptAfterSaved(base, content) : mergeDraftContent(base, content, old.content);
      const draft = checked(DraftSchema, {
        schemaVersion: SCHEMA_VERSION,
        rev: (old?.rev ?? 0) + 1,
        docId,
        // The conference started when either tab's teacher first typed. A draft erased back to
        // blank started nothing, nor did one left for longer than a conference lasts: the
        // conference starts with the next words typed.
        startedAt: old === null || isBlankConference(old.content) || pausedSince(old.updatedAt, now) ? startedAt : Math.min(startedAt, old.startedAt),
        updatedAt: changedAt(old, now),
        content: merged,
      });
      await write(records, keys.draft(docId), draft);
      // Every record about a document has the document's own record beside it (a backup needs it).
      if ((await read(records, keys.document(docId))) === undefined) {
        await write(records, keys.document(docId), { ...blankDocument({ docId }, now), rev: 1 });
        madeDocument = true;
      }
      return draft;
    },
    () => (madeDocument ? { documents: [docId], drafts: [docId] } : { drafts: [docId] }),
  );
}

export async function discardDraft(docId: string): Promise<void> {
  await ensureMigrated();
  await transact(
    'readwrite',
    async (records) => {
      // A draft from a newer Confer is not this version's to discard.
      const draft = await read(records, keys.draft(docId));
      if (draft !== undefined && (schemaVersionOf(draft) ?? 0) <= SCHEMA_VERSION) await remove(records, keys.draft(docId));
    },
    { drafts: [docId] },
  );
}

/* ------------------------------------------------------------------------------------- banks */

interface BankKind<T extends { id: string; text: string; rev: number; updatedAt: number }> {
  schema: v.GenericSchema<unknown, T>;
  prefix: string;
  key(id: string): string;
}

const QUESTIONS: BankKind<Question> = { schema: QuestionSchema, prefix: PREFIX.question, key: keys.question };
const COMPLIMENTS: BankKind<Compliment> = { schema: ComplimentSchema, prefix: PREFIX.compliment, key: keys.compliment };

async function listBank<T extends { id: string; text: string; rev: number; updatedAt: number; createdAt: number }>(bank: BankKind<T>): Promise<T[]> {
  await ensureMigrated();
  return transact('readonly', async (records) => allReadable(bank.schema, await readPrefix(records, bank.prefix)).sort((a, b) => a.createdAt - b.createdAt));
}

async function addToBank<T extends { id: string; text: string; rev: number; updatedAt: number }>(bank: BankKind<T>, fields: Partial<T>): Promise<T> {
  await ensureMigrated();
  const now = Date.now();
  const entry = checked(bank.schema, { ...fields, schemaVersion: SCHEMA_VERSION, rev: 1, id: newId(), createdAt: now, updatedAt: now });
  return transact(
    'readwrite',
    async (records) => {
      await write(records, bank.key(entry.id), entry);
      return entry;
    },
    { banks: true },
  );
}

async function updateInBank<T extends { id: string; text: string; rev: number; updatedAt: number }>(bank: BankKind<T>, id: string, change: Partial<T>): Promise<T> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const old = current(bank.schema, await read(records, bank.key(id)));
      if (old === null) throw new NotebookError('That entry was deleted, perhaps in another tab.');
      const entry = checked(bank.schema, { ...old, ...change, id, rev: old.rev + 1, updatedAt: changedAt(old) });
      await write(records, bank.key(id), entry);
      return entry;
    },
    { banks: true },
  );
}

/** Deletes an entry and returns it, for Undo (`restoreToBank`); `null` if it was already gone. */
async function deleteFromBank<T extends { id: string; text: string; rev: number; updatedAt: number }>(bank: BankKind<T>, id: string): Promise<T | null> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const old = current(bank.schema, await read(records, bank.key(id)));
      if (old !== null) await remove(records, bank.key(id));
      return old;
    },
    { banks: true },
  );
}

/** Undo for `deleteFromBank`: puts the entry back as it was, unless one with its id is there. */
async function restoreToBank<T extends { id: string; text: string; rev: number; updatedAt: number }>(bank: BankKind<T>, entry: T): Promise<void> {
  await ensureMigrated();
  const record = checked(bank.schema, entry);
  await transact(
    'readwrite',
    async (records) => {
      if ((await read(records, bank.key(record.id))) === undefined) await write(records, bank.key(record.id), { ...record, rev: record.rev + 1 });
    },
    { banks: true },
  );
}

export type NewQuestion = Pick<Question, 'text' | 'phase' | 'kinds'>;
export type NewCompliment = Pick<Compliment, 'text' | 'craft'>;

export const listQuestions = (): Promise<Question[]> => listBank(QUESTIONS);
export const addQuestion = (fields: NewQuestion): Promise<Question> => addToBank<Question>(QUESTIONS, fields);
export const updateQuestion = (id: string, change: Partial<NewQuestion>): Promise<Question> => updateInBank<Question>(QUESTIONS, id, change);
export const deleteQuestion = (id: string): Promise<Question | null> => deleteFromBank(QUESTIONS, id);
export const restoreQuestion = (question: Question): Promise<void> => restoreToBank(QUESTIONS, question);
export const listCompliments = (): Promise<Compliment[]> => listBank(COMPLIMENTS);
export const addCompliment = (fields: NewCompliment): Promise<Compliment> => addToBank<Compliment>(COMPLIMENTS, fields);
export const updateCompliment = (id: string, change: Partial<NewCompliment>): Promise<Compliment> => updateInBank<Compliment>(COMPLIMENTS, id, change);
export const deleteCompliment = (id: string): Promise<Compliment | null> => deleteFromBank(COMPLIMENTS, id);
export const restoreCompliment = (compliment: Compliment): Promise<void> => restoreToBank(COMPLIMENTS, compliment);

/* ----------------------------------------------------------------------------------- settings */

export async function getSettings(): Promise<Settings> {
  await ensureMigrated();
  return transact('readonly', async (records) => readable(SettingsSchema, await read(records, keys.settings)) ?? defaultSettings());
}

/**
 * Remembers the browser's answer about keeping Confer's data. The settings' `updatedAt` is when
 * the teacher last changed a setting, and this is not one: a backup's settings must still count
 * as newer than a notebook that only learnt this since.
 */
export async function noteStorageAnswer(persistence: Settings['persistence']): Promise<Settings> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const old = current(SettingsSchema, await read(records, keys.settings)) ?? defaultSettings();
      const settings: Settings = { ...old, persistence, rev: old.rev + 1 };
      await write(records, keys.settings, settings);
      return settings;
    },
    { banks: true },
  );
}

export async function updateSettings(change: (settings: Settings) => Partial<Settings>): Promise<Settings> {
  await ensureMigrated();
  return transact(
    'readwrite',
    async (records) => {
      const old = current(SettingsSchema, await read(records, keys.settings)) ?? defaultSettings();
      const settings = checked(SettingsSchema, { ...old, ...change(old), schemaVersion: SCHEMA_VERSION, rev: old.rev + 1, updatedAt: changedAt(old) });
      await write(records, keys.settings, settings);
      return settings;
    },
    { banks: true },
  );
}

/* ------------------------------------------------------------------------------ delete all */

/** What the teacher must type to delete everything. */
export const DELETE_EVERYTHING_PHRASE = 'delete everything';

/** Deletes every record in the notebook, but only when the teacher typed the phrase. */
export async function deleteEverything(confirmation: string): Promise<void> {
  if (confirmation.trim().toLocaleLowerCase() !== DELETE_EVERYTHING_PHRASE) {
    throw new NotebookError(`Nothing was deleted. To delete every note, type “${DELETE_EVERYTHING_PHRASE}”.`);
  }
  await ensureMigrated();
  await transact(
    'readwrite',
    async (records) => {
      // Keep the bookkeeping record, so the emptied notebook is not "migrated" again.
      const meta = await read(records, keys.meta);
      await promisifyRequest(records.clear());
      if (meta !== undefined) await write(records, keys.meta, meta);
    },
    { everything: true },
  );
  // Words a closing panel had not yet written are notes too (unsaved-words.ts), and so are
  // comments typed but not posted (unposted-comments.ts).
  forgetAllUnsavedWords();
  forgetAllUnpostedComments();
  await deleteLegacyDatabase();
}

/** How many of each kind the notebook holds: students, documents, conferences, and so on. */
export async function countRecords(): Promise<Record<keyof typeof PREFIX, number>> {
  await ensureMigrated();
  return transact('readonly', async (records) => {
    const entries = await Promise.all(
      Object.entries(PREFIX).map(async ([kind, prefix]) => {
        if (prefix !== PREFIX.conferences) return [kind, (await readKeys(records, prefix)).length] as const;
        const pages = await readPrefix(records, prefix);
        return [kind, pages.reduce<number>((sum, page) => sum + (readable(ConferencePageSchema, page)?.conferences.length ?? 1), 0)] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<keyof typeof PREFIX, number>;
  });
}
