/**
 * Bringing the notebook up to this Confer's schema, once per page, before the first read or write.
 *
 * The notebook's `meta` record says which schema its records were last migrated to. When it is
 * older, every record is read, run through the migration steps, and written back in ONE
 * transaction (records a step gathered into another are deleted in it), so a page closed halfway
 * leaves the old records exactly as they were. The foundation's `confer-documents` database
 * (schema 1) is copied in the same way and left in place (a safety copy) until the teacher
 * deletes everything.
 */
import { promisifyRequest } from 'idb-keyval';
import { read, remove, transact, write } from './db';
import { migrateEntries, schemaVersionOf, type Entry } from './migrations';
import { PREFIX, SCHEMA_VERSION, keys } from './model';

/** Only records with a notebook key are copied: anything else stays where it was. */
const isNotebookKey = (key: string): boolean => key === keys.settings || Object.values(PREFIX).some((prefix) => key.startsWith(prefix));

/** Where the foundation kept document records, keyed by docId. */
export const LEGACY_DB = 'confer-documents';
const LEGACY_STORE = 'documents';

interface Meta {
  schemaVersion: number;
  migratedAt: number;
}

let ready: Promise<void> | null = null;

/** Resolves when the notebook is on this schema. A failure is retried by the next call. */
export function ensureMigrated(): Promise<void> {
  ready ??= upgrade().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/**
 * Whether the notebook is on this Confer's schema, read in the caller's transaction, without
 * upgrading it: for the background's early read (it leaves any upgrade to the panel).
 */
export async function isCurrentIn(records: IDBObjectStore): Promise<boolean> {
  return isCurrent((await read(records, keys.meta)) as Meta | undefined);
}

/** Whether the notebook's bookkeeping record says it is on this Confer's schema (or a newer one). */
function isCurrent(meta: Meta | undefined): boolean {
  return meta !== undefined && meta.schemaVersion >= SCHEMA_VERSION;
}

/** For tests: run the upgrade again on the next call. */
export function resetUpgradeForTests(): void {
  ready = null;
}

async function legacyDatabaseExists(): Promise<boolean> {
  // Opening a database that isn't there would create it; ask first where the browser can say.
  if (typeof indexedDB.databases !== 'function') return false;
  const databases = await indexedDB.databases();
  return databases.some((database) => database.name === LEGACY_DB);
}

/** The foundation's records, read through a connection closed straight after (so it can be deleted). */
async function readLegacyEntries(): Promise<Entry[]> {
  const open = indexedDB.open(LEGACY_DB);
  // It exists (checked first); were it gone meanwhile, this creates it empty, with no store.
  open.onupgradeneeded = () => open.result.createObjectStore(LEGACY_STORE);
  const database = await promisifyRequest(open);
  try {
    if (!database.objectStoreNames.contains(LEGACY_STORE)) return [];
    const documents = database.transaction(LEGACY_STORE, 'readonly').objectStore(LEGACY_STORE);
    const [allKeys, allValues] = await Promise.all([promisifyRequest(documents.getAllKeys()), promisifyRequest(documents.getAll())]);
    return allKeys.flatMap((key, index) => (typeof key === 'string' ? [{ key, value: allValues[index] }] : []));
  } finally {
    database.close();
  }
}

/**
 * Deletes the foundation's database, whose document records name students (delete everything
 * must leave no note or name behind). Resolves once deleted, or once the browser has queued the
 * deletion behind a page still holding it open (it completes when that page closes).
 */
export async function deleteLegacyDatabase(): Promise<void> {
  if (!(await legacyDatabaseExists())) return;
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(LEGACY_DB);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('The old records could not be deleted.'));
  });
}

async function upgrade(): Promise<void> {
  const meta = await transact('readonly', async (records) => (await read(records, keys.meta)) as Meta | undefined);
  if (isCurrent(meta)) return;

  let legacy: Entry[] = [];
  if (meta === undefined && (await legacyDatabaseExists())) legacy = await readLegacyEntries();

  await transact('readwrite', async (records) => {
    // Another tab may have done it meanwhile; the transaction sees its result.
    const now = (await read(records, keys.meta)) as Meta | undefined;
    if (isCurrent(now)) return;
    const existing: Entry[] = [];
    if (now !== undefined) {
      const [allKeys, allValues] = await Promise.all([promisifyRequest(records.getAllKeys()), promisifyRequest(records.getAll())]);
      allKeys.forEach((key, index) => {
        if (typeof key === 'string' && key !== keys.meta) existing.push({ key, value: allValues[index] });
      });
    }
    const changed = migrateEntries([...existing, ...legacy], now?.schemaVersion ?? 1);
    const before = new Map(existing.map((entry) => [entry.key, entry.value]));
    // Records a step gathered into another (a document's conferences onto pages) go; their words
    // are in the records written below, in the same transaction.
    const after = new Set(changed.map((entry) => entry.key));
    for (const key of before.keys()) if (!after.has(key)) await remove(records, key);
    for (const entry of changed) {
      if (before.get(entry.key) === entry.value || !isNotebookKey(entry.key)) continue;
      // A legacy copy never overwrites a record the notebook already has.
      if (now === undefined && (await read(records, entry.key)) !== undefined) continue;
      if ((schemaVersionOf(entry.value) ?? 0) > SCHEMA_VERSION) continue;
      await write(records, entry.key, entry.value);
    }
    await write(records, keys.meta, { schemaVersion: SCHEMA_VERSION, migratedAt: Date.now() } satisfies Meta);
  });
}

