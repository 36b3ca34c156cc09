/**
 * Property: any valid notebook survives export → delete everything → import unchanged, record for
 * record, `rev` included. (`rev` does not legitimately change: an import adds a record with the
 * file's `rev`, and bumps it only when it replaces an older copy, which an emptied notebook has
 * none of. Each student's `lastConferenceAt` is worked out again on import, so the generator makes
 * it consistent with the generated conferences, as the notebook API keeps it.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, applyImport, exportNotebook, previewImport, readNotebook, validateBackup, type BackupData } from './backup';
import {
  CONFERENCE_KINDS,
  CRAFTS,
  LIMITS,
  QUESTION_PHASES,
  SCHEMA_VERSION,
  keys,
  type AskedQuestion,
  type Compliment,
  type Conference,
  type ConferenceContent,
  type DocumentRecord,
  type Draft,
  type PostedComment,
  type Question,
  type Settings,
  type Student,
} from './model';
import { deleteEverything } from './notebook';
import { freshNotebook, snapshotNotebook, useFreshNotebook } from './test-helpers';

useFreshNotebook();

/** Texts a spreadsheet, a JSON writer or a careless parser could trip on. */
const AWKWARD = [
  '',
  ' ',
  '=SUM(A1:A9)',
  '+1 555 0100',
  '-5 points',
  '@mention',
  ' =1+1',
  '\t=cmd',
  '\r\n',
  'Line one\nLine two\r\nLine three',
  'She said "hi" and \'bye\'',
  '\\"escaped\\"',
  '👩🏽‍🏫🎉 great',
  'نور الهدى كتبت قصة',
  'שלום עולם',
  'mixed עברית and English',
  '\u202Eevil\u202C',
  'ｆｕｌｌ ｗｉｄｔｈ',
  'Ünïcödé ñ ß ø',
  '\u0000nul',
  '__proto__',
  'constructor',
  '{"format":"confer-notebook-backup"}',
  '</script><img src=x onerror=alert(1)>',
];

/** Any text up to `max` UTF-16 code units (the schema's measure), awkward ones often. */
const text = (max: number, minLength = 0): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: Math.min(max, 30) }) },
      { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(...AWKWARD), { maxLength: 4 }).map((parts) => parts.join(' ')) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), '🎉'.repeat(Math.floor(max / 2))) },
    )
    .map((value) => value.slice(0, max))
    .filter((value) => value.length >= minLength);

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
const docId = fc.stringMatching(/^[A-Za-z0-9_-]{10,50}$/);
const time = fc.oneof(fc.integer({ min: 0, max: 8.64e15 }), fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), fc.constantFrom(0, 8.64e15));
const rev = fc.nat({ max: 1_000_000 });
const v = SCHEMA_VERSION;

const asked: fc.Arbitrary<AskedQuestion> = fc.record({ text: text(LIMITS.questionText), at: time });
const comment: fc.Arbitrary<PostedComment> = fc.record({ text: text(LIMITS.commentText), quote: text(LIMITS.commentText), postedAt: time });
const content: fc.Arbitrary<ConferenceContent> = fc.record({
  kind: fc.constantFrom(...CONFERENCE_KINDS),
  group: fc.boolean(),
  peer: fc.boolean(),
  research: text(LIMITS.longText),
  compliment: text(LIMITS.shortText),
  focus: text(LIMITS.focus),
  nextStep: text(LIMITS.shortText),
  notes: text(LIMITS.longText),
  questionsAsked: fc.array(asked, { maxLength: 3 }),
  comments: fc.array(comment, { maxLength: 3 }),
});

/** A student before their last-conference date is known (it follows from the conferences). */
const student = fc.record({
  schemaVersion: fc.constant(v),
  rev,
  id,
  name: text(LIMITS.name, 1),
  classGroup: fc.option(text(LIMITS.classGroup), { nil: null }),
  goals: fc.array(text(LIMITS.goal), { maxLength: 3 }),
  createdAt: time,
  updatedAt: time,
});

const question: fc.Arbitrary<Question> = fc.record({
  schemaVersion: fc.constant(v),
  rev,
  id,
  text: text(LIMITS.questionText, 1),
  phase: fc.constantFrom(...QUESTION_PHASES),
  kinds: fc.subarray([...CONFERENCE_KINDS]),
  createdAt: time,
  updatedAt: time,
});

const compliment: fc.Arbitrary<Compliment> = fc.record({
  schemaVersion: fc.constant(v),
  rev,
  id,
  text: text(LIMITS.commentText, 1),
  craft: fc.constantFrom(...CRAFTS),
  createdAt: time,
  updatedAt: time,
});

const favourites = fc.array(text(LIMITS.id), { maxLength: 4 });
const settings: fc.Arbitrary<Settings> = fc.record({
  schemaVersion: fc.constant(v),
  rev,
  dueAfterDays: fc.integer({ min: 1, max: 365 }),
  favouriteQuestions: favourites,
  favouriteCompliments: favourites,
  recentCompliments: favourites,
  persistence: fc.constantFrom('unknown', 'granted', 'denied', 'unsupported'),
  updatedAt: time,
});

const byKey = <T>(key: (record: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** A whole notebook whose references all hold, each kind in the order the notebook reads it (key order). */
const dataset: fc.Arbitrary<BackupData> = fc
  .record({
    students: fc.uniqueArray(student, { selector: (record) => record.id, maxLength: 6 }),
    docIds: fc.uniqueArray(docId, { maxLength: 5 }),
    questions: fc.uniqueArray(question, { selector: (record) => record.id, maxLength: 3 }),
    compliments: fc.uniqueArray(compliment, { selector: (record) => record.id, maxLength: 3 }),
    settings: fc.option(settings, { nil: null }),
  })
  .chain(({ students, docIds, questions, compliments, settings }) => {
    const studentIds = students.map((record) => record.id);
    const someStudents = fc.subarray(studentIds);
    const documents = fc.tuple(
      ...docIds.map((documentId) =>
        fc.record({
          schemaVersion: fc.constant(v),
          rev,
          docId: fc.constant(documentId),
          title: fc.option(text(LIMITS.title), { nil: null }),
          accountSlot: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
          studentIds: someStudents,
          lastOpened: time,
          updatedAt: time,
        }),
      ),
    ) as fc.Arbitrary<DocumentRecord[]>;
    const conferences: fc.Arbitrary<Conference[]> =
      docIds.length === 0
        ? fc.constant([])
        : fc.uniqueArray(
            fc
              .record({
                schemaVersion: fc.constant(v),
                rev,
                id,
                docId: fc.constantFrom(...docIds),
                studentIds: someStudents,
                startedAt: time,
                endedAt: fc.option(time, { nil: null }),
                updatedAt: time,
                content,
              })
              .map(({ content: written, ...rest }) => ({ ...rest, ...written })),
            { selector: (record) => keys.conference(record.docId, record.id), maxLength: 6 },
          );
    const drafts: fc.Arbitrary<Draft[]> = fc
      .subarray(docIds)
      .chain((draftDocIds) =>
        fc.tuple(...draftDocIds.map((documentId) => fc.record({ schemaVersion: fc.constant(v), rev, docId: fc.constant(documentId), startedAt: time, updatedAt: time, content }))),
      ) as fc.Arbitrary<Draft[]>;
    return fc.record({ documents, conferences, drafts }).map(({ documents, conferences, drafts }): BackupData => {
      const latest = new Map<string, number>();
      for (const conference of conferences) for (const who of conference.studentIds) latest.set(who, Math.max(latest.get(who) ?? 0, conference.startedAt));
      const withDates: Student[] = students.map((record) => ({ ...record, lastConferenceAt: latest.get(record.id) ?? null }));
      return {
        students: withDates.sort(byKey((record) => keys.student(record.id))),
        documents: documents.sort(byKey((record) => keys.document(record.docId))),
        conferences: conferences.sort(byKey((record) => keys.conference(record.docId, record.id))),
        drafts: drafts.sort(byKey((record) => keys.draft(record.docId))),
        questions: questions.sort(byKey((record) => keys.question(record.id))),
        compliments: compliments.sort(byKey((record) => keys.compliment(record.id))),
        settings,
      };
    });
  });

const EMPTY: BackupData = { students: [], documents: [], conferences: [], drafts: [], questions: [], compliments: [], settings: null };

describe('backup round trip', () => {
  it('export → delete everything → import gives back exactly the notebook it started from', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (original) => {
        freshNotebook();
        await applyImport(original);
        // The notebook holds exactly the generated records (so the comparison below means something).
        expect(await readNotebook()).toEqual(original);

        // The file exactly as the teacher would save it and later choose to import.
        const { file: exported, counts } = await exportNotebook('9.9.9');
        expect(counts).toEqual(Object.fromEntries(COLLECTIONS.map((name) => [name, original[name].length])));
        await deleteEverything('delete everything');
        expect(await readNotebook()).toEqual(EMPTY);

        const checked = await validateBackup(exported);
        if (!checked.ok) throw new Error(`its own export was refused: ${checked.message}`);
        const expectedPreview = {
          ...Object.fromEntries(COLLECTIONS.map((name) => [name, { added: original[name].length, updated: 0, unchanged: 0, kept: 0 }])),
          settings: { added: original.settings === null ? 0 : 1, updated: 0, unchanged: 0, kept: 0 },
        };
        expect(await previewImport(checked.data)).toEqual(expectedPreview);
        expect(await applyImport(checked.data)).toEqual(expectedPreview);
        expect(await readNotebook()).toEqual(original);
      }),
      { numRuns: 30 },
    );
  });

  it('importing a notebook’s own export into it changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (original) => {
        freshNotebook();
        await applyImport(original);
        const before = await snapshotNotebook();
        const checked = await validateBackup((await exportNotebook('9.9.9')).file);
        if (!checked.ok) throw new Error(`its own export was refused: ${checked.message}`);
        const preview = await applyImport(checked.data);
        for (const counts of Object.values(preview)) expect(counts.added + counts.updated).toBe(0);
        expect(await snapshotNotebook()).toBe(before);
      }),
      { numRuns: 20 },
    );
  });
});
