/**
 * The conference notebook's records: what Confer keeps about students, their documents and the
 * conferences held on them. Each shape is a valibot schema, so the same definition types the code,
 * validates a backup file field by field, and drops keys it does not know.
 *
 * Every record carries `schemaVersion` (which shape it has; see migrations.ts) and `rev` (how many
 * times it has been written). Times are milliseconds since 1970 (UTC).
 */
import * as v from 'valibot';

/** The record shapes this version of Confer reads and writes. */
export const SCHEMA_VERSION = 3;

/** Caps on every text a teacher can type, so one runaway paste cannot fill the notebook. */
export const LIMITS = {
  id: 64,
  name: 120,
  classGroup: 80,
  goal: 500,
  goals: 50,
  title: 2000,
  /** The ONE teaching point: the panel suggests ~140 characters; this only stops runaways. */
  focus: 1000,
  shortText: 4000,
  longText: 20000,
  questionText: 500,
  questionsAsked: 500,
  commentText: 5000,
  comments: 500,
  studentsPerConference: 60,
  studentsPerDocument: 60,
  favourites: 2000,
} as const;

/** A student's name as kept: spacing tidied, within its limit. */
export const cleanName = (name: string): string => name.replace(/\s+/g, ' ').trim().slice(0, LIMITS.name);
/** One student, to Confer: the same name, ignoring case and spacing ("maria  lopez" is Maria Lopez). */
export const sameName = (a: string, b: string): boolean => cleanName(a).toLocaleLowerCase() === cleanName(b).toLocaleLowerCase();

export const CONFERENCE_KINDS = ['compliment', 'rehearsal', 'expectation', 'content', 'convention'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

/** The conference's phases, which the question bank follows. */
export const QUESTION_PHASES = ['opening', 'reading', 'compliment', 'teaching', 'next-step', 'student-stem'] as const;
export type QuestionPhase = (typeof QUESTION_PHASES)[number];

/** The crafts compliments are grouped by. */
export const CRAFTS = ['ideas', 'organisation', 'voice', 'word-choice', 'sentence-fluency', 'conventions', 'process'] as const;
export type Craft = (typeof CRAFTS)[number];

const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(LIMITS.id));
/** Google's document id (see doc-ref.ts). */
const docId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,128}$/));
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
const version = v.literal(SCHEMA_VERSION);

export const StudentSchema = v.object({
  schemaVersion: version,
  rev,
  id,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.name)),
  /** Class or period, e.g. "Period 3"; `null` when the teacher has not said. */
  classGroup: v.nullable(text(LIMITS.classGroup)),
  goals: v.pipe(v.array(text(LIMITS.goal)), v.maxLength(LIMITS.goals)),
  createdAt: time,
  updatedAt: time,
  /**
   * When this student's latest conference started (any document, group ones included), kept
   * with every save so the class list never reads every conference. `null`: none yet.
   */
  lastConferenceAt: v.nullable(time),
});
export type Student = v.InferOutput<typeof StudentSchema>;

export const DocumentSchema = v.object({
  schemaVersion: version,
  rev,
  docId,
  /** The title the last time the teacher had it open (Docs titles change). */
  title: v.nullable(text(LIMITS.title)),
  /** The Google account slot (`/u/N/`) links should use; `null` for the default account. */
  accountSlot: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99))),
  /** Who wrote it: usually one student, several for shared work, none until the teacher says. */
  studentIds: v.pipe(v.array(id), v.maxLength(LIMITS.studentsPerDocument)),
  lastOpened: time,
  updatedAt: time,
});
export type DocumentRecord = v.InferOutput<typeof DocumentSchema>;

export const AskedQuestionSchema = v.object({ text: text(LIMITS.questionText), at: time });
export type AskedQuestion = v.InferOutput<typeof AskedQuestionSchema>;

export const PostedCommentSchema = v.object({
  /** Exactly what was posted into the margin. */
  text: text(LIMITS.commentText),
  /** The words it was anchored to. */
  quote: text(LIMITS.commentText),
  postedAt: time,
});
export type PostedComment = v.InferOutput<typeof PostedCommentSchema>;

/** What the teacher writes during a conference (also the shape of a draft). */
const conferenceContent = {
  kind: v.picklist(CONFERENCE_KINDS),
  /** A small-group conference. */
  group: v.boolean(),
  /** A conference between peers that the teacher recorded. */
  peer: v.boolean(),
  /** What the writer says they are working on. */
  research: text(LIMITS.longText),
  /** What the writer did well. */
  compliment: text(LIMITS.shortText),
  /** The ONE teaching point. */
  focus: text(LIMITS.focus),
  nextStep: text(LIMITS.shortText),
  notes: text(LIMITS.longText),
  questionsAsked: v.pipe(v.array(AskedQuestionSchema), v.maxLength(LIMITS.questionsAsked)),
  comments: v.pipe(v.array(PostedCommentSchema), v.maxLength(LIMITS.comments)),
};

export const ConferenceSchema = v.object({
  schemaVersion: version,
  rev,
  id,
  docId,
  studentIds: v.pipe(v.array(id), v.maxLength(LIMITS.studentsPerConference)),
  startedAt: time,
  endedAt: v.nullable(time),
  updatedAt: time,
  ...conferenceContent,
});
export type Conference = v.InferOutput<typeof ConferenceSchema>;

export const ConferenceContentSchema = v.object(conferenceContent);
export type ConferenceContent = v.InferOutput<typeof ConferenceContentSchema>;

/** Where two texts that both tabs changed are joined in a draft (see draft-merge.ts). */
export const CONFLICT_SEPARATOR = '\n\n';

/**
 * A draft's texts have room for twice a field's limit. When two tabs type into the same box between
 * two saves, the draft keeps both texts, one after the other (draft-merge.ts); refusing that draft
 * for its length would lose one tab's words. The form says the box is too long, and the teacher
 * shortens it before saving the conference, whose limits are the usual ones.
 */
export const draftTextLimit = (max: number): number => 2 * max + CONFLICT_SEPARATOR.length;
export const DraftContentSchema = v.object({
  ...conferenceContent,
  research: text(draftTextLimit(LIMITS.longText)),
  compliment: text(draftTextLimit(LIMITS.shortText)),
  focus: text(draftTextLimit(LIMITS.focus)),
  nextStep: text(draftTextLimit(LIMITS.shortText)),
  notes: text(draftTextLimit(LIMITS.longText)),
});

/** The conference being written on a document, saved as the teacher types. */
export const DraftSchema = v.object({
  schemaVersion: version,
  rev,
  docId,
  startedAt: time,
  updatedAt: time,
  content: DraftContentSchema,
});
export type Draft = v.InferOutput<typeof DraftSchema>;

/** A question the teacher added to the question bank. */
export const QuestionSchema = v.object({
  schemaVersion: version,
  rev,
  id,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.questionText)),
  phase: v.picklist(QUESTION_PHASES),
  /** The kinds of conference it suits; empty means any. */
  kinds: v.pipe(v.array(v.picklist(CONFERENCE_KINDS)), v.maxLength(CONFERENCE_KINDS.length)),
  createdAt: time,
  updatedAt: time,
});
export type Question = v.InferOutput<typeof QuestionSchema>;

/** A compliment the teacher added to the compliment bank. */
export const ComplimentSchema = v.object({
  schemaVersion: version,
  rev,
  id,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.commentText)),
  craft: v.picklist(CRAFTS),
  createdAt: time,
  updatedAt: time,
});
export type Compliment = v.InferOutput<typeof ComplimentSchema>;

const favouriteIds = v.pipe(v.array(text(LIMITS.id)), v.maxLength(LIMITS.favourites));

export const SettingsSchema = v.object({
  schemaVersion: version,
  rev,
  /** A student is "due" for a conference this many days after the last one. */
  dueAfterDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
  /** Favourite questions and compliments (built-in or the teacher's own), by id. */
  favouriteQuestions: favouriteIds,
  favouriteCompliments: favouriteIds,
  /** When each compliment was last used, newest first, so recent ones float up. */
  recentCompliments: favouriteIds,
  /** The browser's answer to "keep Confer's data even when space runs low?" */
  persistence: v.picklist(['unknown', 'granted', 'denied', 'unsupported']),
  updatedAt: time,
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

/** Settings the teacher has never changed (so `updatedAt` 0: any backup's are newer). */
export function defaultSettings(): Settings {
  return {
    schemaVersion: SCHEMA_VERSION,
    rev: 0,
    dueAfterDays: 14,
    favouriteQuestions: [],
    favouriteCompliments: [],
    recentCompliments: [],
    persistence: 'unknown',
    updatedAt: 0,
  };
}

export function emptyConferenceContent(): ConferenceContent {
  return {
    kind: 'content',
    group: false,
    peer: false,
    research: '',
    compliment: '',
    focus: '',
    nextStep: '',
    notes: '',
    questionsAsked: [],
    comments: [],
  };
}

/**
 * A conference lasts minutes. A draft with no change for longer than this is one whose conference
 * has ended: words typed after the pause start its time again (the conference is dated from them,
 * not from a week-old note), and a draft saved without a change after it ended with its last words.
 */
export const CONFERENCE_PAUSE_MS = 60 * 60 * 1000;

/** True when `changedAt` (a draft's last change) is longer ago than CONFERENCE_PAUSE_MS. */
export const pausedSince = (changedAt: number | null, now = Date.now()): boolean => changedAt !== null && now - changedAt > CONFERENCE_PAUSE_MS;

/** True when nothing has been written or chosen beyond the defaults. */
export function isBlankConference(content: ConferenceContent): boolean {
  return (
    [content.research, content.compliment, content.focus, content.nextStep, content.notes].every((text) => text.trim() === '') &&
    content.questionsAsked.length === 0 &&
    content.comments.length === 0
  );
}

/**
 * A page of a document's saved conferences: up to CONFERENCES_PER_PAGE of them in one record
 * (schema 3). A document's pages are one key range, so opening its history reads a few records
 * whatever the notebook's size, and a save rewrites one small page however long the history is.
 * Each conference is checked on its own when read, so one from a newer Confer stays on its page,
 * untouched, beside the ones this version can change.
 *
 * Why pages of five: Chromium's IndexedDB costs per record when writing and per byte when reading.
 * With the notebook bench's 30,000 conferences, one record per conference took 6.3–6.8 s to write;
 * pages of 5 took 1.8–2.5 s and read back as fast as single records (1.8–2.5 s against 2.0–2.6 s);
 * pages of 25 (a document's whole history) wrote a little faster (1.4–1.6 s) but read slower
 * (3.4–3.7 s), and each save rewrote all 42 KB of it.
 */
export const ConferencePageSchema = v.object({
  schemaVersion: version,
  rev,
  docId,
  conferences: v.array(v.unknown()),
});
export type ConferencePage = v.InferOutput<typeof ConferencePageSchema>;

export const CONFERENCES_PER_PAGE = 5;

/**
 * A stored value as a record of `schema`, or `null` if it isn't one (another version or shape).
 * For reads, which skip such records and never change them.
 */
export function readable<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T | null {
  const parsed = v.safeParse(schema, value);
  return parsed.success ? parsed.output : null;
}

/** The values that are records of `schema`, in order; the others are skipped. */
export function allReadable<T>(schema: v.GenericSchema<unknown, T>, values: readonly unknown[]): T[] {
  const out: T[] = [];
  for (const value of values) {
    const record = readable(schema, value);
    if (record !== null) out.push(record);
  }
  return out;
}

/** A stored conference's id, whatever its version; `null` if it has none (a damaged record). */
export function conferenceIdOf(value: unknown): string | null {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}

/**
 * Where each record lives in the notebook's one object store. Keys of one kind share a prefix, so
 * a kind (or one document's conference pages) is a single key range.
 */
export const keys = {
  student: (studentId: string) => `student:${studentId}`,
  document: (documentId: string) => `document:${documentId}`,
  /** Page `page` (0, 1, 2, …) of a document's saved conferences; the number keeps pages in order. */
  conferencePage: (documentId: string, page: number) => `conferences:${documentId}:${String(page).padStart(6, '0')}`,
  /** All of one document's conference pages. */
  conferencesOf: (documentId: string) => `conferences:${documentId}:`,
  /**
   * One conference's own name: where schema 2 kept it as a record of its own, and how a backup
   * import tells the conferences in a file apart.
   */
  conference: (documentId: string, conferenceId: string) => `conference:${documentId}:${conferenceId}`,
  draft: (documentId: string) => `draft:${documentId}`,
  question: (questionId: string) => `question:${questionId}`,
  compliment: (complimentId: string) => `compliment:${complimentId}`,
  settings: 'settings',
  /** The notebook's own bookkeeping: which schema version its records were last migrated to. */
  meta: 'meta',
} as const;

/** The document and page number in a conference page's key (see keys.conferencePage). */
export function conferencePageOf(key: string): { docId: string; page: number } | null {
  const match = /^conferences:([A-Za-z0-9_-]+):(\d{6})$/.exec(key);
  return match === null ? null : { docId: match[1]!, page: Number(match[2]) };
}

/** The key prefixes of each kind of record, for range reads. */
export const PREFIX = {
  student: 'student:',
  document: 'document:',
  conferences: 'conferences:',
  draft: 'draft:',
  question: 'question:',
  compliment: 'compliment:',
} as const;

/** Fields whose names are plural ("the goals are…"): lists, and the notes. */
export const PLURAL_FIELDS: ReadonlySet<string> = new Set(['goals', 'studentIds', 'questionsAsked', 'comments', 'kinds', 'favouriteQuestions', 'favouriteCompliments', 'recentCompliments', 'notes']);

/** The names teachers know the fields by (for messages about a field). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'id',
  docId: 'document id',
  name: 'name',
  classGroup: 'class',
  goals: 'goals',
  title: 'title',
  accountSlot: 'Google account number',
  studentIds: 'students',
  lastOpened: 'date last opened',
  startedAt: 'start time',
  endedAt: 'end time',
  updatedAt: 'date last changed',
  createdAt: 'date created',
  lastConferenceAt: 'date of last conference',
  kind: 'conference type',
  group: 'group conference mark',
  peer: 'peer conference mark',
  research: 'research',
  compliment: 'compliment',
  focus: 'teaching point',
  nextStep: 'next step',
  notes: 'notes',
  questionsAsked: 'questions asked',
  comments: 'comments posted',
  text: 'text',
  quote: 'quoted words',
  postedAt: 'time posted',
  at: 'time asked',
  phase: 'conference phase',
  kinds: 'conference types',
  craft: 'craft',
  content: 'conference',
  dueAfterDays: 'days until a student is due',
  favouriteQuestions: 'favourite questions',
  favouriteCompliments: 'favourite compliments',
  recentCompliments: 'recent compliments',
  persistence: 'storage setting',
  schemaVersion: 'record version',
  rev: 'revision number',
};

/** A random id for a new record. */
export function newId(): string {
  return crypto.randomUUID();
}
