/**
 * What a backup holds and what restoring one will do, in a teacher's words (the notebook page's
 * Back up and Restore). Pure: counts in, sentences out.
 */
import type { Collection, Counts, ImportCounts, ImportPreview } from './backup';

/** Each kind of record, one and many, as a teacher calls it. */
const NAMES: Record<Collection | 'settings', readonly [one: string, many: string]> = {
  students: ['student', 'students'],
  documents: ['document', 'documents'],
  conferences: ['conference', 'conferences'],
  drafts: ['unsaved conference', 'unsaved conferences'],
  questions: ['question of your own', 'questions of your own'],
  compliments: ['compliment of your own', 'compliments of your own'],
  settings: ['your settings', 'your settings'],
};

const ORDER = Object.keys(NAMES) as (Collection | 'settings')[];

function counted(name: Collection | 'settings', count: number): string {
  const [one, many] = NAMES[name];
  if (name === 'settings') return one;
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "a, b and c". */
function listed(parts: readonly string[]): string {
  return parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** What a backup file holds: "3 students, 8 documents and 240 conferences"; "nothing yet" when empty. */
export function describeContents(counts: Counts): string {
  const parts = ORDER.filter((name): name is Collection => name !== 'settings' && counts[name] > 0).map((name) => counted(name, counts[name]));
  return parts.length === 0 ? 'no conferences or students yet' : listed(parts);
}

/**
 * The records of one outcome (added, updated…) across every kind but those `except`, or null when
 * there are none.
 */
function outcome(preview: ImportPreview, which: keyof ImportCounts, except: (Collection | 'settings')[] = []): string | null {
  const parts = ORDER.filter((name) => preview[name][which] > 0 && !except.includes(name)).map((name) => counted(name, preview[name][which]));
  return parts.length === 0 ? null : listed(parts);
}

const total = (preview: ImportPreview, which: keyof ImportCounts): number => ORDER.reduce((sum, name) => sum + preview[name][which], 0);

export interface ImportWords {
  /** Whether restoring would change the notebook at all. */
  changesAnything: boolean;
  /** One sentence per outcome that happens, in the order a teacher cares about. */
  sentences: string[];
}

/** What restoring a file will do (before), or did (after, with `done`). */
export function describeImport(preview: ImportPreview, { done = false }: { done?: boolean } = {}): ImportWords {
  const added = outcome(preview, 'added');
  const updated = outcome(preview, 'updated');
  // An unsaved conference "kept" is one the notebook has already, or whose document has had a
  // conference saved since (backup.ts): the file's is left out, not this computer's kept.
  const kept = outcome(preview, 'kept', ['drafts']);
  const draftsLeftOut = preview.drafts.kept;
  const unchanged = total(preview, 'unchanged');
  const sentences: string[] = [];
  if (added !== null) sentences.push(`${done ? 'Added' : 'Adds'} ${added}.`);
  if (updated !== null) {
    const copies = total(preview, 'updated') === 1 ? 'copy' : 'copies';
    sentences.push(`${done ? 'Updated' : 'Updates'} ${updated} with the file’s newer ${copies}.`);
  }
  if (kept !== null) sentences.push(`${done ? 'Left' : 'Leaves'} this computer’s copy of ${kept} as it ${done ? 'was' : 'is'}: as new as the file’s, or newer.`);
  if (draftsLeftOut > 0) {
    sentences.push(`${done ? 'Left' : 'Leaves'} out ${counted('drafts', draftsLeftOut)}: this notebook has the words already, or has saved a conference on that document since.`);
  }
  if (unchanged > 0) sentences.push(`${unchanged.toLocaleString('en')} ${unchanged === 1 ? 'record is' : 'records are'} already here, the same.`);
  const changesAnything = added !== null || updated !== null;
  if (!changesAnything) sentences.push(done ? 'Nothing in the notebook changed.' : 'Nothing in this file is new to this notebook: restoring it would change nothing.');
  return { changesAnything, sentences };
}
