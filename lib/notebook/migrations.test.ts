import { IDBFactory } from 'fake-indexeddb';
import { promisifyRequest } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeNotebookConnection } from './db';
import { MIGRATIONS, legacyStudentId, migrateEntries, type Entry } from './migrations';
import { SCHEMA_VERSION } from './model';
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

describe('migration steps', () => {
  it('are numbered in order up to this Confer’s schema', () => {
    expect(MIGRATIONS.map((step) => step.to)).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2));
  });

  it('step 2: students become records, documents of the same name share one student', () => {
    expect(migrateEntries(SCHEMA_1, 1)).toEqual(SCHEMA_2);
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

  it('starts an empty notebook without creating the old database', async () => {
    await ensureMigrated();
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(LEGACY_DB);
    expect(await notebook.listStudents()).toEqual([]);
  });
});
