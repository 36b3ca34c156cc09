/**
 * The notebook benchmark's page. scripts/bench-notebook/run.mjs bundles this with esbuild, serves
 * it from 127.0.0.1 (a secure context, like the extension's own pages) and drives `window.__bench`
 * in headless Chromium, so every figure is the real lib/notebook code on Chromium's real,
 * on-disk IndexedDB.
 *
 * Seeding writes the records Confer itself would have written (same shapes, same keys) in batched
 * raw transactions, so 100,000 conferences take seconds rather than 100,000 saves.
 */
import * as v from 'valibot';
import { COLLECTIONS, MAX_BACKUP_BYTES, PAGES_PER_READ, applyImport, decodeUtf8, encodeBackupData, exportNotebook, readNotebook, sha256Hex, validateBackup, type BackupData } from '../../lib/notebook/backup';
import { NOTEBOOK_DB, NOTEBOOK_STORE, read, readPrefix, readPrefixInBatches, transact } from '../../lib/notebook/db';
import {
  CONFERENCE_KINDS,
  ConferenceSchema,
  CONFERENCES_PER_PAGE,
  ConferencePageSchema,
  DocumentSchema,
  PREFIX,
  SCHEMA_VERSION,
  StudentSchema,
  keys,
  newId,
  type Conference,
  type ConferenceContent,
  type DocumentRecord,
  type Student,
} from '../../lib/notebook/model';
import { pagesAfter, type PageWrite } from '../../lib/notebook/conference-pages';
import { countRecords, deleteConference, getDocumentHistory, listStudents, restoreConference, saveConference, saveDraft, type DeletedConference } from '../../lib/notebook/notebook';
import { ensureMigrated } from '../../lib/notebook/upgrade';

const DOCUMENTS_PER_STUDENT = 8;
const CONFERENCES_PER_DOCUMENT = 25;
const BATCH = 2_000;
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 8, 1);

/* --------------------------------------------------------------------------- realistic words */

// mulberry32: the same notebook on every run.
let rngState = 0x5eed;
function random(): number {
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const WORDS = (
  'the a and of to in is that it for was on with as her his their writer paragraph ending opening lead ' +
  'story essay claim evidence reason detail dialogue character setting scene reader voice word choice sentence ' +
  'because when then but so also really quite more less first next finally try trying tried wants wanted ' +
  'working notice noticed show shows showed tell told add added move moved cut revise revising draft drafting ' +
  'strong clear vivid specific small moment feeling thinking idea ideas structure transition transitions ' +
  'quote quotes source sources introduction conclusion counterargument example examples explain explains ' +
  'mentor text notebook plan planning goal goals stretch slow down zoom zoomed heart image images sound ' +
  'punctuation commas periods paragraphs tense verbs nouns adjectives repeat repeated pattern surprise ' +
  'question questions answer audience purpose title middle beginning end scene summary reflection'
).split(' ');
const NAMES = 'Amara Ben Chloe Dev Elena Finn Grace Hugo Isla Jonah Kira Leo Maya Noah Omar Priya Quinn Rosa Sam Tariq Uma Victor Wren Yusuf Zoe'.split(' ');
const SURNAMES = 'Adams Brown Chen Diaz Evans Fischer Garcia Hughes Ito Jones Khan Lopez Murphy Nguyen Okafor Patel Rossi Smith Tanaka Walsh'.split(' ');

/** Sentences of ordinary words, about `length` characters long. */
function prose(length: number): string {
  let out = '';
  let sentenceStart = true;
  while (out.length < length) {
    let word = pick(WORDS);
    if (sentenceStart) word = word[0]!.toUpperCase() + word.slice(1);
    out += (out === '' ? '' : ' ') + word;
    sentenceStart = random() < 0.08;
    if (sentenceStart) out += '.';
  }
  return out.endsWith('.') ? out : `${out}.`;
}

const around = (length: number): number => Math.round(length * (0.7 + random() * 0.6));
const googleDocId = (): string => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let id = '1';
  for (let index = 1; index < 44; index++) id += chars[Math.floor(random() * chars.length)];
  return id;
};

/** What a teacher writes in one conference: research ~200 characters, notes ~300, compliment, focus and next step ~100, a few questions, one margin comment. */
function content(startedAt: number): ConferenceContent {
  return {
    kind: pick(CONFERENCE_KINDS),
    group: false,
    peer: random() < 0.05,
    research: prose(around(200)),
    compliment: prose(around(100)),
    focus: prose(around(100)),
    nextStep: prose(around(100)),
    notes: prose(around(300)),
    questionsAsked: Array.from({ length: between(2, 4) }, (_, index) => ({ text: `${prose(around(60)).slice(0, -1)}?`, at: startedAt + 30_000 * (index + 1) })),
    comments: [{ text: prose(around(120)), quote: prose(around(60)), postedAt: startedAt + 240_000 }],
  };
}

/* --------------------------------------------------------------------------------- the store */

let database: Promise<IDBDatabase> | null = null;
/** A second connection to Confer's own database, for seeding and clearing only. */
function connection(): Promise<IDBDatabase> {
  database ??= ensureMigrated().then(
    () =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(NOTEBOOK_DB);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      }),
  );
  return database;
}

async function inTransaction(work: (store: IDBObjectStore) => void): Promise<void> {
  const db = await connection();
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction(NOTEBOOK_STORE, 'readwrite');
    work(transaction.objectStore(NOTEBOOK_STORE));
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('aborted'));
  });
}

async function putAll(entries: readonly (readonly [string, unknown])[]): Promise<void> {
  for (let start = 0; start < entries.length; start += BATCH) {
    await inTransaction((store) => {
      for (const [key, value] of entries.slice(start, start + BATCH)) store.put(value, key);
    });
  }
}

/* ------------------------------------------------------------------------------------ seeding */

const docIds: string[] = [];
let studentCount = 0;

/** A document's conferences on pages, placed by the notebook's own pagesAfter (as a save or an import would). */
function pagesOf(docId: string, conferences: readonly Conference[]): PageWrite[] {
  return pagesAfter(docId, [], { put: new Map(conferences.map((conference) => [conference.id, conference])) });
}

/**
 * Adds students (each with 8 documents of 25 conferences) until there are `students`. Every record
 * is checked against Confer's schema first, so none is skipped as damaged when read.
 */
async function grow(students: number): Promise<{ students: number; documents: number; conferences: number; ms: number }> {
  const start = performance.now();
  while (studentCount < students) {
    const batch = Math.min(students - studentCount, 25);
    const entries: [string, unknown][] = [];
    const studentsOfBatch: Student[] = [];
    for (let index = 0; index < batch; index++) {
      const createdAt = YEAR_START + between(0, 10) * DAY;
      studentsOfBatch.push({
        schemaVersion: SCHEMA_VERSION,
        rev: 1,
        id: newId(),
        name: `${pick(NAMES)} ${pick(SURNAMES)} ${studentCount + index + 1}`,
        classGroup: `Period ${1 + ((studentCount + index) % 6)}`,
        goals: Array.from({ length: between(1, 2) }, () => prose(around(60))),
        createdAt,
        updatedAt: createdAt,
        lastConferenceAt: null,
      });
    }
    for (const student of studentsOfBatch) {
      for (let d = 0; d < DOCUMENTS_PER_STUDENT; d++) {
        const document: DocumentRecord = {
          schemaVersion: SCHEMA_VERSION,
          rev: 3,
          docId: googleDocId(),
          title: `${student.name.split(' ')[0]} – ${prose(around(30)).slice(0, -1)}`,
          accountSlot: null,
          studentIds: [student.id],
          lastOpened: YEAR_START + between(0, 270) * DAY,
          updatedAt: YEAR_START + between(0, 270) * DAY,
        };
        entries.push([keys.document(document.docId), v.parse(DocumentSchema, document)]);
        docIds.push(document.docId);
        const conferences: Conference[] = [];
        for (let c = 0; c < CONFERENCES_PER_DOCUMENT; c++) {
          const startedAt = YEAR_START + between(0, 270 * 24 * 60) * 60_000;
          // One in ten is a small-group conference with a classmate from the same batch.
          const partner = random() < 0.1 ? pick(studentsOfBatch) : student;
          const studentIds = [...new Set([student.id, partner.id])];
          const conference: Conference = {
            schemaVersion: SCHEMA_VERSION,
            rev: 1,
            id: newId(),
            docId: document.docId,
            studentIds,
            startedAt,
            endedAt: startedAt + between(4, 10) * 60_000,
            updatedAt: startedAt + between(4, 10) * 60_000,
            ...content(startedAt),
            group: studentIds.length > 1,
          };
          conferences.push(v.parse(ConferenceSchema, conference));
          for (const id of studentIds) {
            const owner = studentsOfBatch.find((s) => s.id === id)!;
            owner.lastConferenceAt = Math.max(owner.lastConferenceAt ?? 0, startedAt);
          }
        }
        for (const { key, page } of pagesOf(document.docId, conferences)) entries.push([key, v.parse(ConferencePageSchema, page)]);
      }
    }
    for (const student of studentsOfBatch) entries.push([keys.student(student.id), v.parse(StudentSchema, student)]);
    await putAll(entries);
    studentCount += batch;
  }
  return { students: studentCount, documents: docIds.length, conferences: (await countRecords()).conferences, ms: performance.now() - start };
}

/* ---------------------------------------------------------------------------------- measuring */

/** `count` different documents, spread over the whole notebook. */
function someDocuments(count: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, docIds.length)) chosen.add(pick(docIds));
  return [...chosen];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function historyOpen(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (const docId of someDocuments(runs)) {
    let conferences = 0;
    times.push(await timed(async () => (conferences = (await getDocumentHistory(docId)).conferences.length)));
    if (conferences < CONFERENCES_PER_DOCUMENT) throw new Error(`History of ${docId} had ${conferences} conferences, not ${CONFERENCES_PER_DOCUMENT}.`);
  }
  return times;
}

async function save(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (const docId of someDocuments(runs)) {
    const startedAt = Date.now() - 8 * 60_000;
    const written = content(startedAt);
    // As in the panel: the conference was kept as a draft while it was typed, and saving it merges
    // in anything another tab wrote to that draft and clears it, in the same transaction.
    await saveDraft(docId, written, startedAt);
    times.push(await timed(() => saveConference(docId, written, { startedAt, draftBase: written })));
  }
  return times;
}

/**
 * For scale beside save: IndexedDB's own cost of writing the most a save writes, one full
 * conference page (four of the document's conferences and a new one), in a transaction of its
 * own, beside its pages in the key order (then removed, untimed). Shows how much of a change in
 * save's figure as the notebook grows is the database's rather than Confer's. (Every bench
 * document has 25 conferences, five full pages, so the timed save itself starts a new page.)
 */
async function rawPut(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (const docId of someDocuments(runs)) {
    const key = `${keys.conferencesOf(docId)}~bench-raw`;
    const last = (await readOnly((records) => readPrefix(records, keys.conferencesOf(docId)))).at(-1) as { conferences: unknown[] };
    const value = { ...last, conferences: [...last.conferences.slice(0, CONFERENCES_PER_PAGE - 1), content(Date.now())] };
    times.push(await timed(() => inTransaction((store) => void store.put(value, key))));
    await inTransaction((store) => void store.delete(key));
  }
  return times;
}

/**
 * For scale beside history-open: IndexedDB's own cost of the reads an open makes (the document's
 * record and its conference pages; its student is one more get), in a readonly transaction of
 * their own, without Confer's checks or sorting. Shows how much of a change in history-open's
 * figure as the notebook grows is the database's rather than Confer's.
 */
async function rawRead(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (const docId of someDocuments(runs)) {
    times.push(await timed(() => readOnly((records) => Promise.all([read(records, keys.document(docId)), readPrefix(records, keys.conferencesOf(docId))]))));
  }
  return times;
}

/**
 * Deletes a conference and puts it back with Undo (untimed), on different documents. `latest`: a
 * conference that is its student's latest (the bench's saves made one on some documents), whose
 * deletion reads every conference again to find the next latest; otherwise the document's oldest.
 */
async function deleteAndUndo(runs: number, latest: boolean): Promise<number[]> {
  const times: number[] = [];
  for (const docId of someDocuments(docIds.length)) {
    if (times.length === runs) break;
    const { conferences, students } = await getDocumentHistory(docId);
    const target = latest ? conferences.find((conference) => students.some((student) => student.lastConferenceAt === conference.startedAt)) : conferences.at(-1);
    if (target === undefined) continue;
    let deleted: DeletedConference | null = null;
    times.push(await timed(async () => (deleted = await deleteConference(docId, target.id))));
    await restoreConference(deleted!);
  }
  if (times.length < runs) throw new Error(`Found only ${times.length} documents to delete a conference from, not ${runs}.`);
  return times;
}

async function students(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    let listed: Awaited<ReturnType<typeof listStudents>> = [];
    times.push(await timed(async () => (listed = await listStudents())));
    if (listed.length !== studentCount || listed.some((summary) => summary.student.lastConferenceAt === null)) {
      throw new Error(`listStudents gave ${listed.length} students, not ${studentCount}, or one without a last conference.`);
    }
  }
  return times;
}

/** The export: the file the teacher saves, and later picks to import (a File is a Blob). */
let exportedFile = new Blob();

/** `stored` and `written`: conferences in the notebook, and in the exported file (they must be equal). */
async function exportAll(runs: number): Promise<{ times: number[]; bytes: number; limit: number; stored: number; written: number }> {
  const times: number[] = [];
  let written = 0;
  for (let run = 0; run < runs; run++) {
    exportedFile = new Blob();
    times.push(
      await timed(async () => {
        const exported = await exportNotebook('bench');
        exportedFile = exported.file;
        written = exported.counts.conferences;
      }),
    );
  }
  return { times, bytes: exportedFile.size, limit: MAX_BACKUP_BYTES, stored: (await countRecords()).conferences, written };
}

async function clearNotebook(): Promise<void> {
  await inTransaction((store) => {
    store.clear();
    store.put({ schemaVersion: SCHEMA_VERSION, migratedAt: Date.now() }, keys.meta);
  });
}

/** Puts the exported notebook back without Confer's checks (after a rejected import emptied it). */
async function restore(): Promise<void> {
  const { data } = JSON.parse(await exportedFile.text()) as { data: BackupData };
  await clearNotebook();
  await applyImport(data);
}

interface ImportRun {
  total: number;
  validate: number;
  apply: number;
  rejected: string | null;
  /** Conferences in the file, and in the notebook once it was imported (into an empty one, equal). */
  inFile?: number;
  stored?: number;
}

/**
 * Imports the last export the way the import screen does (validateBackup on the chosen file, then
 * applyImport): into an emptied notebook (`fresh`: a restore on a new computer) or onto the same
 * notebook (nothing changes). A rejected file is reported once and the notebook put back.
 */
async function importAll(runs: number, fresh: boolean): Promise<ImportRun[]> {
  const out: ImportRun[] = [];
  for (let run = 0; run < runs; run++) {
    if (fresh) await clearNotebook();
    const t0 = performance.now();
    const checked = await validateBackup(exportedFile);
    const t1 = performance.now();
    if (!checked.ok) {
      if (fresh) await restore();
      return [{ total: t1 - t0, validate: t1 - t0, apply: 0, rejected: checked.message }];
    }
    await applyImport(checked.data);
    const t2 = performance.now();
    const counted = fresh ? { inFile: checked.data.conferences.length, stored: (await countRecords()).conferences } : {};
    out.push({ total: t2 - t0, validate: t1 - t0, apply: t2 - t1, rejected: null, ...counted });
  }
  return out;
}

/* ----------------------------------------------------------------------------- where time goes */

// Each breakdown repeats, one step at a time, the calls the measured function makes, so a missed
// target says which step to fix. One run each: read them as proportions.

const readOnly = <T>(work: (records: IDBObjectStore) => Promise<T>): Promise<T> => transact('readonly', work);
const round = (value: number): number => Math.round(value * 100) / 100;

async function steps(work: (step: (name: string, run: () => unknown) => Promise<unknown>) => Promise<void>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await work(async (name, run) => {
    const start = performance.now();
    const result = await run();
    out[name] = round(performance.now() - start);
    return result;
  });
  return out;
}

/** getDocumentHistory's steps, medians over `runs` documents. */
async function historyParts(runs: number): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (const docId of someDocuments(runs)) {
    const one = await steps(async (step) => {
      await step('empty readonly transaction', () => readOnly(async () => null));
      await step('get(document)', () => readOnly((records) => read(records, keys.document(docId))));
      const pages = (await step('getAll of the document’s conference pages (readPrefix; 25+ conferences)', () => readOnly((records) => readPrefix(records, keys.conferencesOf(docId))))) as { conferences: unknown[] }[];
      await step('valibot safeParse of them', async () => pages.flatMap((page) => page.conferences).map((value) => v.safeParse(ConferenceSchema, value)));
      await step('getDocumentHistory, whole', () => getDocumentHistory(docId));
    });
    for (const [name, value] of Object.entries(one)) (samples[name] ??= []).push(value);
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, round([...values].sort((a, b) => a - b)[values.length >> 1]!)]));
}

async function listParts(): Promise<Record<string, number>> {
  return steps(async (step) => {
    await step('getAll students (readPrefix)', () => readOnly((records) => readPrefix(records, PREFIX.student)));
    await step('getAll documents (readPrefix)', () => readOnly((records) => readPrefix(records, PREFIX.document)));
    await step('listStudents, whole', () => listStudents());
  });
}

async function exportParts(): Promise<Record<string, number>> {
  return steps(async (step) => {
    await step('getAll of every conference page (readPrefix: IndexedDB + structured clone)', () => readOnly((records) => readPrefix(records, PREFIX.conferences)));
    await step(`the same pages in batches of ${PAGES_PER_READ}, asked for at once (readPrefixInBatches, as the export reads them)`, () =>
      readOnly(async (records) => Promise.all(await readPrefixInBatches(records, PREFIX.conferences, PAGES_PER_READ))),
    );
    const data = (await step('readNotebook (reads + valibot per record)', () => readNotebook())) as BackupData;
    const json = (await step('for scale: JSON.stringify(data), the whole notebook at once', () => JSON.stringify(data))) as string;
    await step('for scale: TextEncoder on that string + SHA-256 (sha256Hex)', () => sha256Hex(json));
    const bytes = (await step('encodeBackupData(data): the same bytes, record by record (the export writes each batch of conferences as it is read)', () => encodeBackupData(data))) as Uint8Array<ArrayBuffer>;
    await step('SHA-256 of those bytes', () => crypto.subtle.digest('SHA-256', bytes));
    await step('exportNotebook, whole', () => exportNotebook('bench'));
  });
}

/** validateBackup's and applyImport's steps, with the same calls (the size check left out). */
async function importParts(): Promise<Record<string, number>> {
  const result = await steps(async (step) => {
    const fileBytes = (await step('file.arrayBuffer()', async () => new Uint8Array(await exportedFile.arrayBuffer()))) as Uint8Array<ArrayBuffer>;
    await step('for scale: TextDecoder on the whole file in one piece', () => new TextDecoder().decode(fileBytes));
    const text = (await step('decodeUtf8: the file’s text, decoded in pieces of 64 KB (as validateBackup does)', () => decodeUtf8(fileBytes))) as string;
    const parsed = (await step('JSON.parse', () => JSON.parse(text))) as { data: BackupData };
    await step('checksum: SHA-256 of the file’s data bytes (validateBackup does it while parsing)', () => crypto.subtle.digest('SHA-256', fileBytes.subarray(text.indexOf('"data":') + 7, fileBytes.length - 1)));
    await step('valibot safeParse of every record', () => {
      const schemas = { students: StudentSchema, documents: DocumentSchema, conferences: ConferenceSchema } as Record<string, v.GenericSchema | undefined>;
      for (const name of COLLECTIONS) for (const value of parsed.data[name]) if (schemas[name] !== undefined) v.safeParse(schemas[name], value);
    });
    await clearNotebook();
    await step('applyImport into the empty notebook', () => applyImport(parsed.data));
    await step('applyImport again onto the full notebook (nothing changes)', () => applyImport(parsed.data));
    await clearNotebook();
    const byDocument = Map.groupBy(parsed.data.conferences, (conference) => conference.docId);
    const pages = [...byDocument].flatMap(([docId, conferences]) => pagesOf(docId, conferences));
    await step('raw: the same records put in one transaction as Confer lays them out (conference pages of 5), puts not awaited one by one', () =>
      inTransaction((store) => {
        for (const student of parsed.data.students) store.put(student, keys.student(student.id));
        for (const document of parsed.data.documents) store.put(document, keys.document(document.docId));
        for (const { key, page } of pages) store.put(page, key);
      }),
    );
    await step('…and read back (getAll)', () => readOnly((records) => readPrefix(records, PREFIX.conferences)));
    // For scale, the layout Confer had before schema 3: one record per conference (30,000 values
    // of ~1.7 KB instead of 6,000 pages of ~8.5 KB). Shows what the number of records, rather
    // than the bytes, costs IndexedDB.
    await clearNotebook();
    await step('raw, for scale: the conferences as one record each (schema 2’s layout), put in one transaction', () =>
      inTransaction((store) => {
        for (const conference of parsed.data.conferences) store.put(conference, keys.conference(conference.docId, conference.id));
      }),
    );
    await step('…and read back (getAll), one record each', () => readOnly((records) => readPrefix(records, 'conference:')));
  });
  await restore();
  return result;
}

declare global {
  interface Window {
    __bench: typeof bench;
  }
}

const bench = {
  ready: () => connection().then(() => true),
  grow,
  historyOpen,
  save,
  rawPut,
  rawRead,
  students,
  deleteAndUndo,
  exportAll,
  importAll,
  importParts,
  exportParts,
  listParts,
  historyParts,
};
window.__bench = bench;
