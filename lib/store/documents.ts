/**
 * What Confer remembers about each document, in the extension's own IndexedDB (never the page's).
 *
 * One record per document, keyed by `docId`, so opening a document's record is a single keyed
 * read however many documents the notebook holds. Every change is a read-modify-write inside one
 * IndexedDB transaction (idb-keyval's `update`), so two panels on the same document never
 * overwrite each other's edits; `rev` counts the writes.
 */
import { createStore, get, update, type UseStore } from 'idb-keyval';
import type { DocRef } from '../doc-ref';

/** Bumped with a migration step whenever the record's shape changes. */
export const DOCUMENT_SCHEMA_VERSION = 1;

export interface DocumentRecord {
  schemaVersion: typeof DOCUMENT_SCHEMA_VERSION;
  docId: string;
  /** The title the last time the teacher opened it (Docs titles change). */
  title: string | null;
  accountSlot: number | null;
  /** Who wrote it, as the teacher confirmed or typed it; `null` until then. */
  studentName: string | null;
  lastOpened: number;
  rev: number;
}

/** Student names are short; this leaves room for any real one. */
export const MAX_STUDENT_NAME_LENGTH = 120;

let store: UseStore | null = null;
/** The documents store, created on first use (so tests can start from a fresh IndexedDB). */
function documents(): UseStore {
  store ??= createStore('confer-documents', 'documents');
  return store;
}

/** For tests: forget the open store so a fresh fake IndexedDB is used. */
export function resetDocumentStoreForTests(): void {
  store = null;
}

function isDocumentRecord(value: unknown): value is DocumentRecord {
  return typeof value === 'object' && value !== null && (value as DocumentRecord).schemaVersion === DOCUMENT_SCHEMA_VERSION;
}

export async function getDocument(docId: string): Promise<DocumentRecord | null> {
  const value: unknown = await get(docId, documents());
  return isDocumentRecord(value) ? value : null;
}

/**
 * Writes `change` into the document's record atomically. A record written by a newer Confer
 * (higher schema version) is never touched: the write is refused, the record kept as it is.
 */
async function changeDocument(ref: Pick<DocRef, 'docId'> & Partial<DocRef>, change: (record: DocumentRecord) => DocumentRecord): Promise<DocumentRecord> {
  let result: DocumentRecord | null = null;
  let newer = false;
  await update(
    ref.docId,
    (old: unknown) => {
      if (old !== undefined && !isDocumentRecord(old)) {
        newer = true;
        return old;
      }
      const base: DocumentRecord = old ?? {
        schemaVersion: DOCUMENT_SCHEMA_VERSION,
        docId: ref.docId,
        title: null,
        accountSlot: ref.accountSlot ?? null,
        studentName: null,
        lastOpened: Date.now(),
        rev: 0,
      };
      result = { ...change(base), rev: base.rev + 1 };
      return result;
    },
    documents(),
  );
  if (newer || result === null) {
    throw new Error('This document’s record was saved by a newer version of Confer. Update Confer to change it.');
  }
  return result;
}

/** Notes that the teacher opened the document now, under this title. */
export function rememberDocumentOpened(ref: DocRef, title: string | null): Promise<DocumentRecord> {
  return changeDocument(ref, (record) => ({
    ...record,
    title: title ?? record.title,
    accountSlot: ref.accountSlot ?? record.accountSlot,
    lastOpened: Date.now(),
  }));
}

/** Records who wrote the document. An empty name means "not known". */
export function setDocumentStudent(docId: string, name: string): Promise<DocumentRecord> {
  const clean = name.replace(/\s+/g, ' ').trim().slice(0, MAX_STUDENT_NAME_LENGTH);
  return changeDocument({ docId }, (record) => ({ ...record, studentName: clean === '' ? null : clean }));
}
