/**
 * Bringing the notebook up to this Confer's schema, once per page, before the first read or write.
 *
 * The notebook's `meta` record says which schema its records were last migrated to. When it is
 * older, every record is read, run through the migration steps, and written back in ONE
 * transaction, so a page closed halfway leaves the old records exactly as they were. The
 * foundation's `confer-documents` database (schema 1) is copied in the same way and left in place.
 */
import { createStore, entries as legacyEntries, promisifyRequest } from 'idb-keyval';
import { read, transact, write } from './db';
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

async function upgrade(): Promise<void> {
  const meta = await transact('readonly', async (records) => (await read(records, keys.meta)) as Meta | undefined);
  const from = meta?.schemaVersion ?? null;
  if (from !== null && from >= SCHEMA_VERSION) return;

  let legacy: Entry[] = [];
  if (from === null && (await legacyDatabaseExists())) {
    const pairs = await legacyEntries<IDBValidKey, unknown>(createStore(LEGACY_DB, LEGACY_STORE));
    legacy = pairs.filter(([key]) => typeof key === 'string').map(([key, value]) => ({ key: key as string, value }));
  }

  await transact('readwrite', async (records) => {
    // Another tab may have done it meanwhile; the transaction sees its result.
    const now = (await read(records, keys.meta)) as Meta | undefined;
    if (now !== undefined && now.schemaVersion >= SCHEMA_VERSION) return;
    const existing: Entry[] = [];
    if (now !== undefined) {
      const [allKeys, allValues] = await Promise.all([promisifyRequest(records.getAllKeys()), promisifyRequest(records.getAll())]);
      allKeys.forEach((key, index) => {
        if (typeof key === 'string' && key !== keys.meta) existing.push({ key, value: allValues[index] });
      });
    }
    const changed = migrateEntries([...existing, ...legacy], now?.schemaVersion ?? 1);
    const before = new Map(existing.map((entry) => [entry.key, entry.value]));
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

