/**
 * Said under a text box that is full or over its limit. The box's `maxLength` stops typing and
 * cuts a long paste at the limit, which the browser does without a word: this says so. Over the
 * limit only the panel's own merging can take it (another tab's words, or those kept as a page
 * closed, joined to these: draft-merge.ts); the conference can't be saved until it is shortened.
 */
export function BoxFullHint({ id, label, length, max }: { id: string; label: string; length: number; max: number }) {
  if (length < max) return null;
  const limit = max.toLocaleString('en');
  return (
    <p id={id} class="hint hint-error">
      {length > max
        ? `${label} has ${length.toLocaleString('en')} characters; a conference keeps up to ${limit}. Words from another tab, or kept as a page closed, were added to it. Shorten it before saving.`
        : `${label} is full: it keeps up to ${limit} characters, so anything past that wasn’t added.`}
    </p>
  );
}
