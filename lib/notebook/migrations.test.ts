import { IDBFactory } from 'fake-indexeddb';
import { promisifyRequest } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeNotebookConnection, transact, write } from './db';
import { MIGRATIONS, legacyStudentId, migrateEntries, type Entry } from './migrations';
import { SCHEMA_VERSION, defaultSettings, emptyConferenceContent } from './model';
import * as notebook from './notebook';
import { LEGACY_DB, ensureMigrated, resetUpgradeForTests } from './upgrade';

const MAYA_DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const MAYA_DOC_2 = '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw';
const UNNAMED_DOC = '1unnamedDocument000000000000000000000000000';

/** What the foundation (schema 1) wrote in `confer-documents`, keyed by docId. */
const SCHEMA_1: Entry[] = [
  { key: MAYA_DOC, value: { schemaVersion: 1, docId: MAYA_DOC, title: 'Maya Okafor - Narrative', accountSlot: 1, studentName: 'Maya Okafor', lastOpened: 1_000, rev: 3 } },
  { key: MAYA_DOC_2, value: { schemaVersion: 1, docId: MAYA_DOC_2, title: 'Maya Okafor - Essay', accountSlot: null, studentName: ' maya  okafor ', lastOpened: 2_000, rev: 1 } },
  { key: UNNAMED_DOC, value: { schemaVersion: 1, docId: UNNAMED_DOC, title: null, accountSlot: null, studentName: null, lastOpened: 500, rev: 1 } },
];

const mayaId = legacyStudentId('Maya Okafor');

/** The same records after step 2. */
const SCHEMA_2: Entry[] = [
  { key: `document:${MAYA_DOC}`, value: { schemaVersion: 2, rev: 3, docId: MAYA_DOC, title: 'Maya Okafor - Narrative', accountSlot: 1, studentIds: [mayaId], lastOpened: 1_000, updatedAt: 1_000 } },
  { key: `document:${MAYA_DOC_2}`, value: { schemaVersion: 2, rev: 1, docId: MAYA_DOC_2, title: 'Maya Okafor - Essay', accountSlot: null, studentIds: [mayaId], lastOpened: 2_000, updatedAt: 2_000 } },
  { key: `document:${UNNAMED_DOC}`, value: { schemaVersion: 2, rev: 1, docId: UNNAMED_DOC, title: null, accountSlot: null, studentIds: [], lastOpened: 500, updatedAt: 500 } },
  { key: `student:${mayaId}`, value: { schemaVersion: 2, rev: 1, id: mayaId, name: 'Maya Okafor', classGroup: null, goals: [], createdAt: 1_000, updatedAt: 2_000, lastConferenceAt: null } },
];

const conferenceV2 = (docId: string, id: string, focus: string) => ({
  schemaVersion: 2,
  rev: 1,
  id,
  docId,
  studentIds: [mayaId],
  startedAt: 3_000,
  endedAt: 3_500,
  updatedAt: 3_500,
  kind: 'content',
  group: false,
  peer: false,
  research: '',
  compliment: '',
  focus,
  nextStep: '',
  notes: '',
  questionsAsked: [],
  comments: [],
});
const schema3 = <T extends object>(record: T) => ({ ...record, schemaVersion: 3 });

const MAYA_FOCUSES = ['Leads', 'Dialogue', 'Paragraphs', 'Commas', 'Stamina', 'Titles'];

/** A schema-2 notebook with conferences (one from a newer Confer), as read from the store in key order. */
const WITH_CONFERENCES_2: Entry[] = [
  ...SCHEMA_2,
  ...MAYA_FOCUSES.map((focus, index) => ({ key: `conference:${MAYA_DOC}:c-${index + 1}`, value: conferenceV2(MAYA_DOC, `c-${index + 1}`, focus) })),
  { key: `conference:${MAYA_DOC}:c-9`, value: { schemaVersion: 9, id: 'c-9', docId: MAYA_DOC, somethingNew: true } },
  { key: `conference:${MAYA_DOC_2}:c-7`, value: conferenceV2(MAYA_DOC_2, 'c-7', 'Endings') },
  { key: 'settings', value: { ...defaultSettings(), schemaVersion: 2, rev: 2, dueAfterDays: 10 } },
];

/** The same notebook after step 3. */
const WITH_CONFERENCES_3: Entry[] = [
  ...SCHEMA_2.map(({ key, value }) => ({ key, value: schema3(value as object) })),
  { key: `conference:${MAYA_DOC}:c-9`, value: { schemaVersion: 9, id: 'c-9', docId: MAYA_DOC, somethingNew: true } },
  { key: 'settings', value: { ...defaultSettings(), schemaVersion: 3, rev: 2, dueAfterDays: 10 } },
  // Pages of five, in the order the conferences were stored.
  {
    key: `conferences:${MAYA_DOC}:000000`,
    value: { schemaVersion: 3, rev: 1, docId: MAYA_DOC, conferences: MAYA_FOCUSES.slice(0, 5).map((focus, index) => schema3(conferenceV2(MAYA_DOC, `c-${index + 1}`, focus))) },
  },
  { key: `conferences:${MAYA_DOC}:000001`, value: { schemaVersion: 3, rev: 1, docId: MAYA_DOC, conferences: [schema3(conferenceV2(MAYA_DOC, 'c-6', 'Titles'))] } },
  { key: `conferences:${MAYA_DOC_2}:000000`, value: { schemaVersion: 3, rev: 1, docId: MAYA_DOC_2, conferences: [schema3(conferenceV2(MAYA_DOC_2, 'c-7', 'Endings'))] } },
];

describe('migration steps', () => {
  it('are numbered in order up to this Confer’s schema', () => {
    expect(MIGRATIONS.map((step) => step.to)).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2));
  });

  it('step 2: students become records, documents of the same name share one student', () => {
    expect(MIGRATIONS[0]!.migrate(SCHEMA_1)).toEqual(SCHEMA_2);
  });

  it('step 3: a document’s conferences are gathered onto pages of five; every other record of schema 2 only changes number', () => {
    expect(MIGRATIONS[1]!.migrate(WITH_CONFERENCES_2)).toEqual(WITH_CONFERENCES_3);
  });

  it('run one after another from any version', () => {
    expect(migrateEntries(SCHEMA_1, 1)).toEqual(MIGRATIONS[1]!.migrate(SCHEMA_2));
    expect(migrateEntries(WITH_CONFERENCES_2, 2)).toEqual(WITH_CONFERENCES_3);
  });

  it('leave records from a newer Confer, and records they don’t recognise, exactly as they were', () => {
    const newer = { key: 'document:x', value: { schemaVersion: 9, docId: 'x', studentName: 'Not mine to change' } };
    const strange = { key: 'odd', value: 'not a record' };
    expect(migrateEntries([newer, strange], 1)).toEqual([newer, strange]);
    expect(migrateEntries([newer], 1)[0]).toBe(newer);
  });

  it('are pure: the input is not changed', () => {
    const copy = structuredClone(SCHEMA_1);
    migrateEntries(SCHEMA_1, 1);
    expect(SCHEMA_1).toEqual(copy);
  });

  it('give the same student id for the same name however it is spaced or capitalised', () => {
    expect(legacyStudentId(' MAYA   okafor')).toBe(mayaId);
    expect(legacyStudentId('Maya Okafo')).not.toBe(mayaId);
    expect(mayaId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('upgrading a notebook', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    closeNotebookConnection();
    resetUpgradeForTests();
  });

  /** The foundation's database as it left it (its page long closed: no connection stays open). */
  const seedLegacy = async (): Promise<void> => {
    const open = indexedDB.open(LEGACY_DB);
    open.onupgradeneeded = () => open.result.createObjectStore('documents');
    const database = await promisifyRequest(open);
    const documents = database.transaction('documents', 'readwrite').objectStore('documents');
    for (const { key, value } of SCHEMA_1) documents.put(value, key);
    await promisifyRequest(documents.transaction);
    database.close();
  };

  it('brings the foundation’s records into the notebook and leaves the old database in place', async () => {
    await seedLegacy();
    const history = await notebook.getDocumentHistory(MAYA_DOC);
    expect(history.document?.title).toBe('Maya Okafor - Narrative');
    expect(history.students.map((student) => student.name)).toEqual(['Maya Okafor']);
    expect((await notebook.listStudents())[0]?.documentIds.sort()).toEqual([MAYA_DOC, MAYA_DOC_2].sort());
    expect((await indexedDB.databases()).map((database) => database.name)).toContain(LEGACY_DB);
  });

  it('deletes the old database too when the teacher deletes everything (it names students)', async () => {
    await seedLegacy();
    expect((await notebook.getDocumentHistory(MAYA_DOC)).students.map((student) => student.name)).toEqual(['Maya Okafor']);
    await notebook.deleteEverything('delete everything');
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(LEGACY_DB);
    expect(await notebook.listStudents()).toEqual([]);
  });

  it('does it once: later changes are not overwritten by the old records', async () => {
    await seedLegacy();
    await notebook.noteDocumentOpened({ docId: MAYA_DOC, accountSlot: 1, tab: null }, 'Renamed');
    closeNotebookConnection();
    resetUpgradeForTests();
    await ensureMigrated();
    expect((await notebook.getDocumentHistory(MAYA_DOC)).document?.title).toBe('Renamed');
  });

  it('gathers a schema-2 notebook’s conferences into one list per document, in one go, and keeps a newer Confer’s', async () => {
    // What a schema-2 Confer left: its records and its bookkeeping record.
    await transact('readwrite', async (records) => {
      for (const { key, value } of WITH_CONFERENCES_2) await write(records, key, value);
      await write(records, 'meta', { schemaVersion: 2, migratedAt: 1 });
    });
    const history = await notebook.getDocumentHistory(MAYA_DOC);
    expect(history.conferences.map((conference) => conference.focus).sort()).toEqual([...MAYA_FOCUSES].sort());
    const stored = await transact('readonly', async (records) => (await promisifyRequest(records.getAllKeys())).map(String));
    expect(stored.filter((key) => key.startsWith('conference:'))).toEqual([`conference:${MAYA_DOC}:c-9`]);
    expect(stored.filter((key) => key.startsWith('conferences:')).sort()).toEqual([`conferences:${MAYA_DOC}:000000`, `conferences:${MAYA_DOC}:000001`, `conferences:${MAYA_DOC_2}:000000`].sort());
    // The notebook works on as before: a change to one of them, and a new one.
    await notebook.updateConference(MAYA_DOC, 'c-1', { focus: 'Leads that hook' });
    await notebook.saveConference(MAYA_DOC_2, { ...emptyConferenceContent(), focus: 'Voice' }, { startedAt: 4_000 });
    expect((await notebook.getDocumentHistory(MAYA_DOC)).conferences.map((conference) => conference.focus)).toContain('Leads that hook');
    expect((await notebook.getDocumentHistory(MAYA_DOC_2)).conferences.map((conference) => conference.focus)).toEqual(['Voice', 'Endings']);
    expect((await notebook.getSettings()).dueAfterDays).toBe(10);
  });

  it('upgrades a schema-2 notebook before the panel’s first reads (history and draft at once) see it', async () => {
    await transact('readwrite', async (records) => {
      for (const { key, value } of WITH_CONFERENCES_2) await write(records, key, value);
      await write(records, 'meta', { schemaVersion: 2, migratedAt: 1 });
    });
    resetUpgradeForTests();
    const [history, draft] = await Promise.all([notebook.getStudentHistory(MAYA_DOC, null), notebook.getDraft(MAYA_DOC)]);
    expect(history.conferences.map((conference) => conference.focus).sort()).toEqual([...MAYA_FOCUSES].sort());
    expect(draft).toBeNull();
    const stored = await transact('readonly', async (records) => (await promisifyRequest(records.getAllKeys())).map(String));
    expect(stored.some((key) => key.startsWith('conferences:'))).toBe(true);
  });

  it('starts an empty notebook without creating the old database', async () => {
    await ensureMigrated();
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(LEGACY_DB);
    expect(await notebook.listStudents()).toEqual([]);
  });
});
