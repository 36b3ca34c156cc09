/**
 * The last words of a conference when the panel's page closes before they reach the notebook.
 *
 * The draft is written to IndexedDB within 250 ms of typing (draft-saver.ts), and at once when
 * the page is hidden. But a page that is closing cannot finish an IndexedDB write: `saveDraft`
 * reads the stored draft first (to keep another tab's words), the answer comes back only after
 * the page is gone, and the browser then aborts the transaction. Closing the tab 50 ms after the
 * last keystroke lost the last word (found by an e2e test).
 *
 * So when the page is hidden, the words not yet written are also put here, in the extension's own
 * localStorage, which is written synchronously. The next panel on the document merges them into
 * the draft as if they had been typed there, and forgets them once that draft is written.
 *
 * The entries are notes, so they stay in the extension's origin like the notebook itself (the
 * Docs page cannot read an extension page's storage), and `deleteEverything` removes them too.
 */
import * as v from 'valibot';
import { DraftContentSchema } from './model';

const PREFIX = 'confer.unsaved-words.';
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
});
export type UnsavedWords = Omit<v.InferOutput<typeof EntrySchema>, 'format'>;

/** The entries kept for one document, oldest first, each with the key that forgets it. */
export interface KeptWords {
  key: string;
  words: UnsavedWords;
}

const keyFor = (docId: string, panelId: string): string => `${PREFIX}${docId}.${panelId}`;

/** Keeps what one panel has not written yet (replacing what that panel kept before). */
export function keepUnsavedWords(panelId: string, words: UnsavedWords, storage: Storage = localStorage): string {
  const key = keyFor(words.docId, panelId);
  storage.setItem(key, JSON.stringify({ format: FORMAT, ...words }));
  return key;
}

/** Every entry kept for `docId` by panels that closed (or are hidden), oldest first. */
export function unsavedWordsFor(docId: string, storage: Storage = localStorage): KeptWords[] {
  const kept: KeptWords[] = [];
  for (const key of keysIn(storage)) {
    if (!key.startsWith(`${PREFIX}${docId}.`)) continue;
    const parsed = v.safeParse(EntrySchema, parseJson(storage.getItem(key)));
    // Left where it is rather than deleted: it holds a teacher's words even if this version
    // cannot read them (say, an entry from a newer Confer).
    if (!parsed.success || parsed.output.docId !== docId) {
      console.warn(`Confer: could not read the unsaved words kept under "${key}"; they are left in place.`);
      continue;
    }
    const { format: _format, ...words } = parsed.output;
    kept.push({ key, words });
  }
  return kept.sort((a, b) => a.words.at - b.words.at);
}

export function forgetUnsavedWords(keys: readonly string[], storage: Storage = localStorage): void {
  for (const key of keys) storage.removeItem(key);
}

/** Removes every entry (with everything else in the notebook). */
export function forgetAllUnsavedWords(storage: Storage = localStorage): void {
  forgetUnsavedWords(keysIn(storage).filter((key) => key.startsWith(PREFIX)), storage);
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
