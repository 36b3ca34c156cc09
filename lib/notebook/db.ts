/**
 * The notebook's one IndexedDB object store, in the extension's own origin (an extension page or
 * the background; never a content script, whose IndexedDB is docs.google.com's).
 *
 * Every change runs inside one IndexedDB transaction: the whole change is written or none of it,
 * and two tabs changing the same records are serialised by IndexedDB itself, so neither loses the
 * other's words. idb-keyval opens the store; the multi-record reads and writes are done here on
 * the store it hands over.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { announceChange, type NotebookChange } from './changes';

export const NOTEBOOK_DB = 'confer-notebook';
export const NOTEBOOK_STORE = 'records';

let useStore: UseStore | null = null;

function store(): UseStore {
  useStore ??= createStore(NOTEBOOK_DB, NOTEBOOK_STORE);
  return useStore;
}

/** Forget the open connection: the next transaction opens a new one. */
export function closeNotebookConnection(): void {
  useStore = null;
}

/**
 * Runs `body` in one transaction and resolves once it has committed (so a resolved write is on
 * disk as far as IndexedDB promises). If `body` throws, the transaction is aborted: nothing it
 * wrote is kept. `change` (for writes) is announced to every open Confer page after the commit;
 * worked out from the result, `null` announces nothing (nothing any page shows changed).
 */
export async function transact<T>(
  mode: IDBTransactionMode,
  body: (records: IDBObjectStore) => Promise<T>,
  change?: NotebookChange | ((result: T) => NotebookChange | null),
): Promise<T> {
  let result: T;
  try {
    result = await runIn(mode, body);
  } catch (error) {
    // The browser closes a connection under storage pressure or when the database is deleted; a
    // fresh one works again, so the caller's retry is not doomed to the same failure.
    if (error instanceof DOMException && error.name === 'InvalidStateError') closeNotebookConnection();
    throw error;
  }
  const announced = typeof change === 'function' ? change(result) : change;
  if (announced !== undefined && announced !== null) announceChange(announced);
  return result;
}

function runIn<T>(mode: IDBTransactionMode, body: (records: IDBObjectStore) => Promise<T>): Promise<T> {
  return store()(mode, async (records) => {
    const committed = promisifyRequest(records.transaction);
    let result: T;
    try {
      result = await body(records);
    } catch (error) {
      try {
        records.transaction.abort();
      } catch {
        // Already finished or aborted by IndexedDB itself.
      }
      await committed.catch(() => undefined);
      throw error;
    }
    await committed;
    return result;
  });
}

/** One keyed read inside a transaction. */
export function read(records: IDBObjectStore, key: string): Promise<unknown> {
  return promisifyRequest(records.get(key));
}

/** Every record whose key starts with `prefix`, in key order. */
export function readPrefix(records: IDBObjectStore, prefix: string): Promise<unknown[]> {
  return promisifyRequest(records.getAll(prefixRange(prefix)));
}

/**
 * Every record whose key starts with `prefix`, in key order, as reads of up to `batchSize`
 * records each. All of them are asked for at once: IndexedDB answers them in order, and reads the
 * next batch while the page works on the one it has (checking and writing out the bench's 30,000
 * conferences finished about 0.2 s sooner than after reading them all first, in a test page).
 * Inside one transaction the keys cannot change between listing them and reading their records.
 */
export async function readPrefixInBatches(records: IDBObjectStore, prefix: string, batchSize: number): Promise<Promise<unknown[]>[]> {
  const allKeys = await readKeys(records, prefix);
  const batches: Promise<unknown[]>[] = [];
  for (let start = 0; start < allKeys.length; start += batchSize) {
    const batch = promisifyRequest(records.getAll(IDBKeyRange.bound(allKeys[start]!, allKeys[Math.min(start + batchSize, allKeys.length) - 1]!)));
    // A failed read fails every later one with it; the caller hears of the first it waits for.
    batch.catch(() => undefined);
    batches.push(batch);
  }
  return batches;
}

/** Every record whose key starts with `prefix`, with its key, in key order. */
export function readPrefixEntries(records: IDBObjectStore, prefix: string): Promise<{ key: string; value: unknown }[]> {
  return new Promise((resolve, reject) => {
    const entries: { key: string; value: unknown }[] = [];
    const request = records.openCursor(prefixRange(prefix));
    request.onsuccess = () => {
      const cursor = request.result;
      if (cursor === null) return resolve(entries);
      entries.push({ key: cursor.key as string, value: cursor.value });
      cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('read failed'));
  });
}

/** The record with the last key that starts with `prefix`, with its key; `null` if there is none. */
export function readLastEntry(records: IDBObjectStore, prefix: string): Promise<{ key: string; value: unknown } | null> {
  return new Promise((resolve, reject) => {
    const request = records.openCursor(prefixRange(prefix), 'prev');
    request.onsuccess = () => resolve(request.result === null ? null : { key: request.result.key as string, value: request.result.value });
    request.onerror = () => reject(request.error ?? new Error('read failed'));
  });
}

/** Every key that starts with `prefix`. */
export function readKeys(records: IDBObjectStore, prefix: string): Promise<string[]> {
  return promisifyRequest(records.getAllKeys(prefixRange(prefix))) as Promise<string[]>;
}

export function write(records: IDBObjectStore, key: string, value: unknown): Promise<unknown> {
  return promisifyRequest(records.put(value, key));
}

export function remove(records: IDBObjectStore, key: string): Promise<unknown> {
  return promisifyRequest(records.delete(key));
}

/** Keys are plain ASCII, so everything starting with `prefix` sorts below `prefix + U+FFFF`. */
function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}
