/**
 * The last words of a conference, and the Student name, when the panel's page closes before they
 * reach the notebook.
 *
 * The draft is written to IndexedDB within 250 ms of typing (draft-saver.ts), and at once when
 * the page is hidden. But a page that is closing cannot finish an IndexedDB write: `saveDraft`
 * reads the stored draft first (to keep another tab's words), the answer comes back only after
 * the page is gone, and the browser then aborts the transaction. Closing the tab 50 ms after the
 * last keystroke lost the last word (found by an e2e test). The Student name's save reads before
 * it writes too, and lost a name typed just before closing the same way (also found by an e2e test).
 *
 * So when the page is hidden, what is not yet written is also put here, in the extension's own
 * localStorage, which is written synchronously. The next panel on the document takes it in as if
 * it had been typed there, and forgets it once that is written.
 *
 * The entries are notes, so they stay in the extension's origin like the notebook itself (the
 * Docs page cannot read an extension page's storage), and `deleteEverything` removes them too.
 */
import * as v from 'valibot';
import { DraftContentSchema, LIMITS } from './model';

/** A conference's words; the Student name. */
const PREFIX = 'confer.unsaved-words.';
const NAME_PREFIX = 'confer.unsaved-name.';
const FORMAT = 1;

const EntrySchema = v.object({
  format: v.literal(FORMAT),
  docId: v.string(),
  /** What the form held. */
  content: DraftContentSchema,
  /** The draft as that panel last saw it stored: its changes are what differs from this. */
  base: DraftContentSchema,
  startedAt: v.nullable(v.number()),
  /** When the page was hidden. */
  at: v.number(),
  /**
   * The conference that was being saved as the page was hidden, if one was. If that save went
   * through, only the words typed after the saved ones are new.
   */
  saving: v.optional(v.object({ content: DraftContentSchema, startedAt: v.number() })),
});
export type UnsavedWords = Omit<v.InferOutput<typeof EntrySchema>, 'format'>;

const NameEntrySchema = v.object({
  format: v.literal(FORMAT),
  docId: v.string(),
  /** What the Student field held ('' when the teacher had cleared it). */
  name: v.pipe(v.string(), v.maxLength(LIMITS.name)),
  /** When the page was hidden. */
  at: v.number(),
});
export type UnsavedName = Omit<v.InferOutput<typeof NameEntrySchema>, 'format'>;

/** The entries kept for one document, oldest first, each with the key that forgets it. */
export interface KeptWords {
  key: string;
  words: UnsavedWords;
}
export interface KeptName {
  key: string;
  kept: UnsavedName;
}

const keyFor = (prefix: string, docId: string, panelId: string): string => `${prefix}${docId}.${panelId}`;

/** Keeps what one panel has not written yet (replacing what that panel kept before). */
export function keepUnsavedWords(panelId: string, words: UnsavedWords, storage: Storage = localStorage): string {
  return keep(keyFor(PREFIX, words.docId, panelId), words, storage);
}

/** Keeps the Student name one panel has not written yet (replacing the one it kept before). */
export function keepUnsavedName(panelId: string, name: UnsavedName, storage: Storage = localStorage): string {
  return keep(keyFor(NAME_PREFIX, name.docId, panelId), name, storage);
}

/** Every entry kept for `docId` by panels that closed (or are hidden), oldest first. */
export function unsavedWordsFor(docId: string, storage: Storage = localStorage): KeptWords[] {
  return entriesFor(PREFIX, EntrySchema, docId, storage).map(({ key, entry }) => ({ key, words: entry }));
}

/** Every Student name kept for `docId` by panels that closed (or are hidden), oldest first. */
export function unsavedNamesFor(docId: string, storage: Storage = localStorage): KeptName[] {
  return entriesFor(NAME_PREFIX, NameEntrySchema, docId, storage).map(({ key, entry }) => ({ key, kept: entry }));
}

export function forgetUnsavedWords(keys: readonly string[], storage: Storage = localStorage): void {
  for (const key of keys) storage.removeItem(key);
}

/** Removes every entry (with everything else in the notebook). */
export function forgetAllUnsavedWords(storage: Storage = localStorage): void {
  forgetKeysStartingWith([PREFIX, NAME_PREFIX], storage);
}

/** Removes every key of `storage` that starts with one of `prefixes`, and nothing else. */
export function forgetKeysStartingWith(prefixes: readonly string[], storage: Storage): void {
  forgetUnsavedWords(keysIn(storage).filter((key) => prefixes.some((prefix) => key.startsWith(prefix))), storage);
}

/**
 * The kept entries one panel (or field) is to forget once their words are in the notebook. Its
 * writes are numbered from 1 as they start: an entry kept, or taken in from a closed panel,
 * before write n started is in the notebook once write n has succeeded.
 */
export interface KeptEntries {
  /** Entries just kept or taken in, when `writesBefore` writes had started. */
  add(keys: readonly string[], writesBefore: number): void;
  /** Write number `writeNumber` succeeded: forgets the entries it put in the notebook. */
  written(writeNumber: number): void;
  /** Forgets every entry (their words are all in the notebook). */
  forgetAll(): void;
  /** What forgets the entries there are now, not those added after (for a save, which began now). */
  forgetThoseSoFar(): () => void;
}

export function trackKeptEntries(storage: Storage = localStorage): KeptEntries {
  let entries: { keys: readonly string[]; writesBefore: number }[] = [];
  const forget = (which: (entry: (typeof entries)[number]) => boolean): void => {
    const gone = entries.filter(which);
    if (gone.length === 0) return;
    entries = entries.filter((entry) => !gone.includes(entry));
    withKeptWords(() => forgetUnsavedWords(gone.flatMap(({ keys }) => keys), storage), undefined);
  };
  return {
    add: (keys, writesBefore) => void entries.push({ keys, writesBefore }),
    written: (writeNumber) => forget(({ writesBefore }) => writeNumber > writesBefore),
    forgetAll: () => forget(() => true),
    forgetThoseSoFar() {
      const soFar = new Set(entries);
      return () => forget((entry) => soFar.has(entry));
    },
  };
}

/**
 * Runs `run` on the kept entries, or, if this page's localStorage cannot be used (full, or
 * turned off), warns in the console (saying `problem`) and gives `otherwise`: the notebook's own
 * write goes on, and the words are still on screen.
 */
export function withKeptWords<T>(run: () => T, otherwise: T, problem = 'the words kept for when a page closes could not be used.'): T {
  try {
    return run();
  } catch (error) {
    console.warn(`Confer: ${problem}`, error);
    return otherwise;
  }
}

function keep(key: string, entry: object, storage: Storage): string {
  storage.setItem(key, JSON.stringify({ format: FORMAT, ...entry }));
  return key;
}

function entriesFor<S extends typeof EntrySchema | typeof NameEntrySchema>(
  prefix: string,
  schema: S,
  docId: string,
  storage: Storage,
): { key: string; entry: Omit<v.InferOutput<S>, 'format'> }[] {
  const kept: { key: string; entry: Omit<v.InferOutput<S>, 'format'> }[] = [];
  for (const key of keysIn(storage)) {
    if (!key.startsWith(`${prefix}${docId}.`)) continue;
    const parsed = v.safeParse(schema, parseJson(storage.getItem(key)));
    // Left where it is rather than deleted: it holds a teacher's words even if this version
    // cannot read them (say, an entry from a newer Confer).
    if (!parsed.success || parsed.output.docId !== docId) {
      console.warn(`Confer: could not read the unsaved words kept under "${key}"; they are left in place.`);
      continue;
    }
    const { format: _format, ...entry } = parsed.output;
    kept.push({ key, entry });
  }
  return kept.sort((a, b) => a.entry.at - b.entry.at);
}

function keysIn(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key !== null);
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
