/**
 * Which field a problem valibot found is about, in a teacher's words ("the teaching point", "one
 * of the goals", "the text of one of the questions asked"). Shared by the notebook's refusals of a
 * save and a backup's refusals of a record, so both name a field the same way.
 */
import type * as v from 'valibot';
import { FIELD_LABELS, PLURAL_FIELDS } from './model';

export interface IssueField {
  /** The field as a phrase, lower case: "the goals", "one of the goals". */
  field: string;
  /** The field's own name: "goals". */
  label: string;
  /** Whether the phrase takes "are": "the goals are…" (but "one of the goals is…"). */
  plural: boolean;
  /** The problem is the list itself (too many goals), not a field or an item in it. */
  wholeList: boolean;
}

const labelOf = (key: unknown): string => (typeof key === 'string' && Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key]! : 'field');

/** `null` when the problem is the value itself, not one of its fields (a number where a record should be). */
export function issueField(issue: v.BaseIssue<unknown>): IssueField | null {
  const path = issue.path ?? [];
  if (path.length === 0) return null;
  const keyAt = (back: number): unknown => path[path.length - back]?.key;
  const wholeList = issue.type === 'max_length' && Array.isArray(issue.input);
  // An item in a list: "one of the goals".
  if (typeof keyAt(1) === 'number') return { field: `one of the ${labelOf(keyAt(2))}`, label: labelOf(keyAt(2)), plural: false, wholeList };
  // A field of an item in a list: "the text of one of the questions asked".
  if (typeof keyAt(2) === 'number') return { field: `the ${labelOf(keyAt(1))} of one of the ${labelOf(keyAt(3))}`, label: labelOf(keyAt(1)), plural: false, wholeList };
  return { field: `the ${labelOf(keyAt(1))}`, label: labelOf(keyAt(1)), plural: PLURAL_FIELDS.has(String(keyAt(1))), wholeList };
}
