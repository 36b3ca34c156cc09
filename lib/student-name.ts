/**
 * Guessing which student a document belongs to from its title.
 *
 * Google Classroom names each student's copy of an assignment `<Student Name> - <Assignment>`,
 * so that is how most of a teacher's documents arrive. The guess is only a suggestion: the
 * teacher can always correct it in the panel.
 */

/** Separators Classroom (and teachers copying its style) put between the name and the assignment. */
const SEPARATOR = /\s+[-–—]\s+/;
/** A name is a few words; longer than this and the "name" part is really a sentence. */
const MAX_NAME_WORDS = 5;
const MAX_NAME_LENGTH = 60;
/** Invisible direction marks and zero-width characters titles sometimes carry. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * The student's name from a Classroom-style title, or `null` when the title does not look like
 * one (e.g. "Untitled document", "Lesson plan").
 */
export function guessStudentName(title: string | null | undefined): string | null {
  if (typeof title !== 'string') return null;
  const clean = title.replace(INVISIBLE, '').trim();
  const match = SEPARATOR.exec(clean);
  if (match === null) return null;
  const name = clean.slice(0, match.index).trim().replace(/\s+/g, ' ');
  const assignment = clean.slice(match.index + match[0].length).trim();
  if (name === '' || assignment === '') return null;
  if (name.length > MAX_NAME_LENGTH || name.split(' ').length > MAX_NAME_WORDS) return null;
  // A name has letters (in any script) and no markup-ish or sentence punctuation.
  if (!/\p{L}/u.test(name) || /[<>{}[\]|\\/@#$%^*=+?!:;"]/.test(name)) return null;
  return name;
}

/**
 * The document's title from the tab title, without the trailing " - Google Docs". That suffix is
 * localised ("Documentos de Google", "Google 文档"), so the last dash-separated part is dropped
 * whenever it mentions Google.
 */
export function titleFromDocumentTitle(documentTitle: string): string {
  const trimmed = documentTitle.trim();
  const suffix = /\s+[-–—]\s+[^-–—]*Google[^-–—]*$/u.exec(trimmed);
  return (suffix ? trimmed.slice(0, suffix.index) : trimmed).trim();
}
