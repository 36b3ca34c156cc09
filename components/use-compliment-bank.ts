import type { Compliment, Settings } from '../lib/notebook/model';
import { listCompliments } from '../lib/notebook/notebook';
import { useBank } from './use-bank';

export interface ComplimentBankState {
  /** The teacher's own compliments, oldest first. */
  own: Compliment[];
  /** Favourite compliment ids, in the teacher's order. */
  favourites: readonly string[];
  /** Recently used compliment ids, newest first. */
  recent: readonly string[];
  /** False until the notebook has answered once (or failed to). */
  loaded: boolean;
  /** Why the teacher's own compliments and favourites can't be shown, in plain words. */
  error: string | null;
  /** Reads the notebook again. */
  reload(): void;
  /** Shows settings a write just returned, without waiting for a reload. */
  showSettings(settings: Settings): void;
}

const NONE: readonly string[] = [];

/** The teacher's own compliments, favourites and recently used ones, kept current across tabs. */
export function useComplimentBank(): ComplimentBankState {
  const { own, settings, loaded, error, reload, showSettings } = useBank(listCompliments);
  return {
    own,
    favourites: settings?.favouriteCompliments ?? NONE,
    recent: settings?.recentCompliments ?? NONE,
    loaded,
    error,
    reload,
    showSettings,
  };
}
