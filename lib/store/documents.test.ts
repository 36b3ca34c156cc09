import { IDBFactory } from 'fake-indexeddb';
import { set, createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDocument, rememberDocumentOpened, resetDocumentStoreForTests, setDocumentStudent } from './documents';

const ref = { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: 1, tab: null };

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetDocumentStoreForTests();
});

describe('document records', () => {
  it('remember the title and who wrote the document', async () => {
    await rememberDocumentOpened(ref, 'Maya Okafor - Narrative');
    await setDocumentStudent(ref.docId, '  Maya   Okafor ');
    expect(await getDocument(ref.docId)).toMatchObject({
      schemaVersion: 1,
      docId: ref.docId,
      title: 'Maya Okafor - Narrative',
      accountSlot: 1,
      studentName: 'Maya Okafor',
      rev: 2,
    });
  });

  it('treat an emptied name as unknown', async () => {
    await setDocumentStudent(ref.docId, 'Maya');
    await setDocumentStudent(ref.docId, '   ');
    expect((await getDocument(ref.docId))?.studentName).toBeNull();
  });

  it('lose nothing when two panels write at once', async () => {
    await Promise.all([
      ...Array.from({ length: 50 }, () => rememberDocumentOpened(ref, 'Title')),
      ...Array.from({ length: 50 }, (_, i) => setDocumentStudent(ref.docId, `Name ${i}`)),
    ]);
    const record = await getDocument(ref.docId);
    expect(record?.rev).toBe(100);
    expect(record?.studentName).toBe('Name 49');
  });

  it('never overwrite a record saved by a newer Confer', async () => {
    const newer = { schemaVersion: 99, docId: ref.docId, studentName: 'From the future' };
    await set(ref.docId, newer, createStore('confer-documents', 'documents'));
    await expect(setDocumentStudent(ref.docId, 'Maya')).rejects.toThrow(/newer version of Confer/);
    expect(await getDocument(ref.docId)).toBeNull();
    const { get } = await import('idb-keyval');
    expect(await get(ref.docId, createStore('confer-documents', 'documents'))).toEqual(newer);
  });
});
