import { useCallback, useEffect, useState } from 'preact/hooks';
import { onNotebookChange } from '../lib/notebook/changes';
import type { Settings } from '../lib/notebook/model';
import { getSettings } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

export interface BankState<T> {
  /** The teacher's own entries (questions or compliments), as `listOwn` gives them. */
  own: T[];
  /** The settings that hold the favourites and recently used ids; `null` until read. */
  settings: Settings | null;
  /** False until the notebook has answered once (or failed to). */
  loaded: boolean;
  /** Why the teacher's own entries and favourites can't be shown, in plain words. */
  error: string | null;
  /** Reads the notebook again. */
  reload(): void;
  /** Shows settings a write just returned, without waiting for a reload. */
  showSettings(settings: Settings): void;
}

/**
 * One of the panel's banks (questions, compliments): the teacher's own entries and the settings,
 * read together and read again whenever the banks change here or in another tab (or the whole
 * notebook is replaced). Only the newest read is shown: an older one that answers late is ignored.
 */
export function useBank<T>(listOwn: () => Promise<T[]>): BankState<T> {
  const [own, setOwn] = useState<T[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([listOwn(), getSettings()]).then(
      ([entries, read]) => {
        if (!live) return;
        setOwn(entries);
        setSettings(read);
        setError(null);
        setLoaded(true);
      },
      (caught: unknown) => {
        if (!live) return;
        setError(describeStorageError(caught, 'reload'));
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
    // (`listOwn` is one of the notebook's list functions, fixed for the bank's lifetime.)
  }, [version]);

  useEffect(() => onNotebookChange((change) => (change.banks === true || change.everything === true) && setVersion((n) => n + 1)), []);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { own, settings, loaded, error, reload, showSettings: setSettings };
}
