import { useCallback, useEffect, useState } from 'preact/hooks';
import { onNotebookChange } from '../lib/notebook/changes';
import type { Compliment, Settings } from '../lib/notebook/model';
import { getSettings, listCompliments } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

export interface ComplimentBankState {
  /** The teacher's own compliments, oldest first. */
  own: Compliment[];
  /** Favourite compliment ids, in the teacher's order. */
  favourites: string[];
  /** Recently used compliment ids, newest first. */
  recent: string[];
  /** False until the notebook has answered once (or failed to). */
  loaded: boolean;
  /** Why the teacher's own compliments and favourites can't be shown, in plain words. */
  error: string | null;
  /** Reads the notebook again. */
  reload(): void;
  /** Shows settings a write just returned, without waiting for a reload. */
  showSettings(settings: Settings): void;
}

/** The teacher's own compliments, favourites and recently used ones, kept current across tabs. */
export function useComplimentBank(): ComplimentBankState {
  const [own, setOwn] = useState<Compliment[]>([]);
  const [favourites, setFavourites] = useState<string[]>([]);
  const [recent, setRecent] = useState<string[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    // Only the newest read is shown: an older one that answers late is ignored.
    let live = true;
    Promise.all([listCompliments(), getSettings()]).then(
      ([compliments, settings]) => {
        if (!live) return;
        setOwn(compliments);
        setFavourites(settings.favouriteCompliments);
        setRecent(settings.recentCompliments);
        setError(null);
        setLoaded(true);
      },
      (caught: unknown) => {
        if (!live) return;
        setError(describeStorageError(caught));
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  // Banks and settings changed here or in another tab (or the whole notebook was replaced).
  useEffect(() => onNotebookChange((change) => (change.banks === true || change.everything === true) && setVersion((n) => n + 1)), []);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const showSettings = useCallback((settings: Settings) => {
    setFavourites(settings.favouriteCompliments);
    setRecent(settings.recentCompliments);
  }, []);
  return { own, favourites, recent, loaded, error, reload, showSettings };
}
