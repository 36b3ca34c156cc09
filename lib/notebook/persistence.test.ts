import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeNotebookConnection } from './db';
import { getSettings, noteStorageAnswer } from './notebook';
import { requestPersistentStorage } from './persistence';
import { resetUpgradeForTests } from './upgrade';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  closeNotebookConnection();
  resetUpgradeForTests();
});

/** A browser's storage manager: once it grants, it keeps the data (and says so). */
function storageAnswering(persisted: boolean, grant: boolean) {
  let kept = persisted;
  return {
    persisted: vi.fn(async () => kept),
    persist: vi.fn(async () => (kept ||= grant)),
  } as unknown as StorageManager & {
    persisted: ReturnType<typeof vi.fn>;
    persist: ReturnType<typeof vi.fn>;
  };
}

describe('asking to keep the notebook when space runs low', () => {
  it('asks once, remembers a yes, and does not ask again', async () => {
    const storage = storageAnswering(false, true);
    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect((await getSettings()).persistence).toBe('granted');
    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('remembers a no and does not ask again, but notices if the browser later keeps the data', async () => {
    const storage = storageAnswering(false, false);
    expect(await requestPersistentStorage(storage)).toBe('denied');
    expect((await getSettings()).persistence).toBe('denied');
    expect(await requestPersistentStorage(storage)).toBe('denied');
    expect(storage.persist).toHaveBeenCalledTimes(1);
    storage.persisted.mockResolvedValue(true);
    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect((await getSettings()).persistence).toBe('granted');
  });

  it('checks a remembered yes (perhaps restored from another computer’s backup) and asks when this browser doesn’t keep the data', async () => {
    await noteStorageAnswer('granted');
    const storage = storageAnswering(false, true);
    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask when the data is already kept', async () => {
    const storage = storageAnswering(true, false);
    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect(storage.persist).not.toHaveBeenCalled();
  });

  it('notes a browser that cannot keep data this way', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
  });
});
