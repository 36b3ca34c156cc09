/**
 * Two tabs on one document share one draft. Each tab writes only what the teacher changed in it,
 * field by field, so what was typed in the other tab is kept rather than overwritten.
 *
 * A three-way merge per field, from `base` (the draft as this tab last saw it), `local` (this
 * tab's form) and `stored` (the draft as it is now):
 * - a field changed on one side only takes that side's value;
 * - a list (questions asked, comments posted) keeps everything either side added and drops only
 *   what this tab removed;
 * - a text changed differently on both sides (both tabs typed into the same box between two
 *   saves) keeps both texts, one after the other: the teacher tidies it, but no word is lost;
 * - a choice (kind of conference, group, peer) changed on both sides takes this tab's: nothing
 *   written is lost by it.
 */
import { CONFLICT_SEPARATOR, emptyConferenceContent, type ConferenceContent } from './model';

export { CONFLICT_SEPARATOR };

type Field = keyof ConferenceContent;
type TextField = { [F in Field]: ConferenceContent[F] extends string ? F : never }[Field];
type ListField = { [F in Field]: ConferenceContent[F] extends readonly unknown[] ? F : never }[Field];

const TEXT_FIELDS = ['research', 'compliment', 'focus', 'nextStep', 'notes'] as const satisfies readonly TextField[];
const LIST_FIELDS = ['questionsAsked', 'comments'] as const satisfies readonly ListField[];
const CHOICE_FIELDS = ['kind', 'group', 'peer'] as const satisfies readonly Field[];

/** Each list item is a small record that never changes once made, so its JSON is its identity. */
const identity = (item: unknown): string => JSON.stringify(item);

function mergeList<T>(base: readonly T[], local: readonly T[], stored: readonly T[]): T[] {
  const inBase = new Set(base.map(identity));
  const inLocal = new Set(local.map(identity));
  const removedHere = new Set([...inBase].filter((key) => !inLocal.has(key)));
  const kept = stored.filter((item) => !removedHere.has(identity(item)));
  const present = new Set(kept.map(identity));
  const addedHere = local.filter((item) => !inBase.has(identity(item)) && !present.has(identity(item)));
  return [...kept, ...addedHere];
}

function mergeText(base: string, local: string, stored: string): string {
  if (local === base || local === stored) return stored;
  if (stored === base) return local;
  // Both changed it. If one side only added to the other's text, that side has every word.
  if (local.includes(stored)) return local;
  if (stored.includes(local)) return stored;
  return `${stored}${CONFLICT_SEPARATOR}${local}`;
}

/** `stored` with this tab's changes since `base` applied, keeping the other tab's. */
export function mergeDraftContent(base: ConferenceContent, local: ConferenceContent, stored: ConferenceContent): ConferenceContent {
  const merged = { ...stored };
  for (const field of TEXT_FIELDS) merged[field] = mergeText(base[field], local[field], stored[field]);
  merged.questionsAsked = mergeList(base.questionsAsked, local.questionsAsked, stored.questionsAsked);
  merged.comments = mergeList(base.comments, local.comments, stored.comments);
  for (const field of CHOICE_FIELDS) {
    if (local[field] !== base[field]) Object.assign(merged, { [field]: local[field] });
  }
  return merged;
}

/** True when the two hold the same words and choices. */
export function sameContent(a: ConferenceContent, b: ConferenceContent): boolean {
  return (
    TEXT_FIELDS.every((field) => a[field] === b[field]) &&
    CHOICE_FIELDS.every((field) => a[field] === b[field]) &&
    LIST_FIELDS.every((field) => a[field].length === b[field].length && a[field].every((item, index) => identity(item) === identity(b[field][index])))
  );
}

/**
 * What the form keeps once the conference it held was saved (here, or in another tab) while the
 * teacher went on typing: in each box, only the words added after the saved ones, so saving the
 * next conference doesn't repeat them. A box changed anywhere but at its end is kept whole: the
 * saved words can't be told apart there, and no word is dropped.
 */
export function keptAfterSaved(saved: ConferenceContent, local: ConferenceContent): ConferenceContent {
  const kept = mergeDraftContent(saved, local, emptyConferenceContent());
  for (const field of TEXT_FIELDS) {
    if (saved[field] !== '' && local[field] !== saved[field] && local[field].startsWith(saved[field])) kept[field] = local[field].slice(saved[field].length).trimStart();
  }
  return kept;
}
