/**
 * Keeping the conference being written safe as the teacher types.
 *
 * Each change is written at most `delayMs` after it was typed, even while the teacher keeps
 * typing (a first keystroke starts the wait and later ones join it: a pause in typing is not
 * needed, so a long burst is never only in memory). A failed write keeps the text, reports a
 * plain message, and tries again with growing pauses until it succeeds or a newer change
 * replaces it. `flush()` writes at once (the panel calls it when the page is hidden or closed).
 */
import { describeStorageError } from './storage-errors';

export type DraftSaveStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saved'; at: number }
  | { state: 'failed'; message: string; retryInMs: number };

export interface DraftSaverOptions<T> {
  write(value: T): Promise<unknown>;
  onStatus(status: DraftSaveStatus): void;
  /** Longest wait between a change and its write. */
  delayMs?: number;
  /** Pauses between retries after a failure; the last one repeats. */
  retryDelaysMs?: readonly number[];
}

export interface DraftSaver<T> {
  change(value: T): void;
  /** Writes any pending change now; resolves when it is written (or has failed). */
  flush(): Promise<void>;
  /** True while a change has not been written yet. */
  hasUnsaved(): boolean;
  /** Forgets any change not yet written and stops retrying (the conference was saved). */
  cancel(): void;
  dispose(): void;
}

export const DRAFT_SAVE_DELAY_MS = 250;
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000];

export function createDraftSaver<T>(options: DraftSaverOptions<T>): DraftSaver<T> {
  const delay = options.delayMs ?? DRAFT_SAVE_DELAY_MS;
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let pending: { value: T } | null = null;
  /** The next write, when one is waiting (for the typing wait, or a retry's pause). */
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> | null = null;
  let failures = 0;
  let disposed = false;
  /** Bumped by `cancel()`: a write that started before it must not come back as a retry. */
  let generation = 0;

  const stopTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  const schedule = (ms: number): void => {
    stopTimer();
    timer = setTimeout(() => {
      timer = undefined;
      void writeNow();
    }, ms);
  };

  const writeNow = async (): Promise<void> => {
    stopTimer();
    if (writing !== null) {
      // One write at a time, in order; the newest pending value follows.
      await writing;
      if (pending !== null && !disposed) return writeNow();
      return;
    }
    if (pending === null) return;
    const { value } = pending;
    const started = generation;
    pending = null;
    writing = (async () => {
      try {
        await options.write(value);
        const hadFailed = failures > 0;
        failures = 0;
        if (pending === null) options.onStatus({ state: 'saved', at: Date.now() });
        else if (hadFailed && !disposed) {
          // Typed during a retry: change() left it to the retry, which has now written the older
          // value. The newer one is written after the usual pause.
          options.onStatus({ state: 'pending' });
          schedule(delay);
        }
      } catch (error) {
        if (started !== generation) return;
        // Keep the text: it goes back in line unless the teacher has typed something newer.
        pending ??= { value };
        const retryInMs = retryDelays[Math.min(failures, retryDelays.length - 1)] ?? 1000;
        failures += 1;
        options.onStatus({ state: 'failed', message: describeStorageError(error, 'keeps-trying'), retryInMs });
        if (!disposed) schedule(retryInMs);
      } finally {
        writing = null;
      }
    })();
    await writing;
  };

  return {
    change(value) {
      if (disposed) return;
      pending = { value };
      // After a failure, keep the retry pause. Otherwise a write already waiting takes this change
      // along: restarting the wait on every keystroke would save nothing while the teacher types.
      if (failures === 0) {
        options.onStatus({ state: 'pending' });
        if (timer === undefined) schedule(delay);
      }
    },
    flush: () => writeNow(),
    hasUnsaved: () => pending !== null || writing !== null,
    cancel() {
      generation += 1;
      pending = null;
      failures = 0;
      stopTimer();
    },
    dispose() {
      disposed = true;
      stopTimer();
    },
  };
}
