import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  COLLECTIONS,
  MAX_BACKUP_BYTES,
  applyImport,
  decodeUtf8,
  encodeBackupData,
  exportNotebook,
  previewImport,
  readNotebook,
  sha256Hex,
  validateBackup,
  type BackupData,
  type BackupFile,
  type ImportPreview,
} from './backup';
import { transact, write } from './db';
import { SCHEMA_VERSION, emptyConferenceContent, keys } from './model';
import * as notebook from './notebook';
import { requestPersistentStorage } from './persistence';
import { DOC_A, DOC_B, DOC_C, RAW_ERROR_TEXT, T0, backupText, sampleData, seedNotebook, snapshotNotebook, useFreshNotebook, withOwnKey } from './test-helpers';

useFreshNotebook();

const NOTHING = { added: 0, updated: 0, unchanged: 0, kept: 0 };
const preview = (change: Partial<ImportPreview> = {}): ImportPreview => ({
  students: NOTHING,
  documents: NOTHING,
  conferences: NOTHING,
  drafts: NOTHING,
  questions: NOTHING,
  compliments: NOTHING,
  settings: NOTHING,
  ...change,
});

/** Validates text that must be a good backup and returns its records. */
async function valid(file: string | Blob): Promise<BackupData> {
  const result = await validateBackup(file);
  if (!result.ok) throw new Error(`expected a valid backup, got: ${result.message}`);
  return result.data;
}

/** Validates text that must be refused and returns the message, checking it is plain words. */
async function refused(file: string | Blob): Promise<string> {
  const result = await validateBackup(file);
  if (result.ok) throw new Error('expected the file to be refused');
  expect(result.message.length).toBeGreaterThan(10);
  expect(result.message).not.toMatch(RAW_ERROR_TEXT);
  return result.message;
}

describe('export', () => {
  it('writes a versioned envelope whose counts and checksum describe the data', async () => {
    await seedNotebook();
    const now = new Date('2025-03-04T05:06:07.000Z');
    const { fileName, file: exported, counts } = await exportNotebook('1.2.3', now);
    const text = await exported.text();
    expect(exported.type).toBe('application/json');
    const file = JSON.parse(text) as BackupFile;

    expect(fileName).toBe('confer-backup-2025-03-04.json');
    expect(Object.keys(file)).toEqual(['format', 'formatVersion', 'appVersion', 'schemaVersion', 'exportedAt', 'counts', 'checksum', 'data']);
    expect(file).toMatchObject({ format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, appVersion: '1.2.3', schemaVersion: SCHEMA_VERSION, exportedAt: '2025-03-04T05:06:07.000Z' });
    expect(BACKUP_FORMAT).toBe('confer-notebook-backup');
    expect(file.counts).toEqual({ students: 3, documents: 3, conferences: 2, drafts: 1, questions: 1, compliments: 1 });
    expect(counts).toEqual(file.counts);

    // The checksum is SHA-256 over the data exactly as written in the file.
    const dataText = JSON.stringify(file.data);
    expect(text.endsWith(`"data":${dataText}}`)).toBe(true);
    const expected = createHash('sha256').update(dataText, 'utf8').digest('hex');
    expect(file.checksum).toBe(`sha256:${expected}`);
    expect(await sha256Hex(dataText)).toBe(expected);

    expect(file.data).toEqual(await readNotebook());
    expect(await valid(text)).toEqual(file.data);
  });

  it('writes the data as exactly the bytes of JSON.stringify, record by record, whatever the characters', () => {
    const awkward = 'Maya – “quotes”, emoji 🦊, Ελληνικά, עברית, a lone surrogate \ud800, a quote " and a backslash \\ and a newline\n';
    const data: BackupData = {
      students: [],
      documents: [{ docId: 'a', title: awkward }, { docId: 'b', title: 'plain' }] as never,
      conferences: [],
      drafts: [],
      questions: [{ id: 'q', text: awkward }] as never,
      compliments: [],
      settings: { favourites: [awkward] } as never,
    };
    expect(new TextDecoder().decode(encodeBackupData(data))).toBe(JSON.stringify(data));
    expect(encodeBackupData(data)).toEqual(new TextEncoder().encode(JSON.stringify(data)));
    const empty: BackupData = { students: [], documents: [], conferences: [], drafts: [], questions: [], compliments: [], settings: null };
    expect(encodeBackupData(empty)).toEqual(new TextEncoder().encode(JSON.stringify(empty)));
  });

  it('writes the same bytes from conferences already written out one by one', () => {
    const data = sampleData();
    data.conferences[1]!.notes = 'Ελληνικά 🦊 and a "quote"';
    const asBytes = data.conferences.map((conference) => new TextEncoder().encode(JSON.stringify(conference)));
    expect(encodeBackupData(data, asBytes)).toEqual(new TextEncoder().encode(JSON.stringify(data)));
    expect(encodeBackupData({ ...data, conferences: [] }, [])).toEqual(new TextEncoder().encode(JSON.stringify({ ...data, conferences: [] })));
  });

  it('reads a file’s text in pieces exactly as one TextDecoder call would, characters split between pieces included', () => {
    const piece = 64 * 1024;
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    const join = (...parts: Uint8Array[]): Uint8Array => {
      const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
      let at = 0;
      for (const part of parts) {
        out.set(part, at);
        at += part.length;
      }
      return out;
    };
    const cases = [
      new Uint8Array(),
      encode('plain ASCII'),
      // A byte-order mark is dropped, as Blob.text() drops it.
      join(new Uint8Array([0xef, 0xbb, 0xbf]), encode('{"after":"a BOM"}')),
      // A 4-byte character (🦊), then 2- and 3-byte ones, each across the first piece's end.
      ...[1, 2, 3].map((before) => encode(`${'a'.repeat(piece - before)}🦊 – é ’ and more after`)),
      encode(`${'a'.repeat(piece - 1)}é${'b'.repeat(piece - 2)}’${'c'.repeat(piece)}ends`),
      // Broken sequences are replaced (U+FFFD) wherever they fall, the file's very end included.
      join(encode('a'.repeat(piece - 1)), new Uint8Array([0xe2, 0x80]), encode('x'), new Uint8Array([0xf0, 0x9f])),
      // Apostrophes only near the end of a long ASCII file: the case pieces are for.
      encode(`${'{"notes":"plain words"},'.repeat(20_000)}"Maya’s"`),
    ];
    for (const bytes of cases) expect(decodeUtf8(bytes)).toBe(new TextDecoder().decode(bytes));
    expect(decodeUtf8(cases[2]!)).toBe('{"after":"a BOM"}');
  });

  it('exports an empty notebook as a valid file that imports nothing', async () => {
    const { file: exported, counts } = await exportNotebook('0.1.0');
    const text = await exported.text();
    expect(counts).toEqual({ students: 0, documents: 0, conferences: 0, drafts: 0, questions: 0, compliments: 0 });
    const data = await valid(text);
    expect(data.settings).toBeNull();
    const before = await snapshotNotebook();
    expect(await applyImport(data)).toEqual(preview());
    expect(await snapshotNotebook()).toBe(before);
  });

  it('round-trips a notebook written through the notebook API', async () => {
    await notebook.noteDocumentOpened({ docId: DOC_A, accountSlot: 2, tab: null }, 'Maya – Narrative');
    const { student } = await notebook.setDocumentStudent({ docId: DOC_A }, 'Maya Okafor');
    await notebook.updateStudent(student!.id, { classGroup: 'Period 3', goals: ['Dialogue'] });
    await notebook.saveConference(DOC_A, { ...emptyConferenceContent(), focus: '=1+1', notes: 'Line 1\nLine 2 “quoted” 🎉' }, { startedAt: T0, endedAt: T0 + 300_000 });
    await notebook.noteDocumentOpened({ docId: DOC_B, accountSlot: null, tab: null }, 'Second');
    await notebook.saveDraft(DOC_B, { ...emptyConferenceContent(), research: 'half written' }, T0 + 1);
    await notebook.addQuestion({ text: 'What is next?', phase: 'next-step', kinds: [] });
    await notebook.addCompliment({ text: 'Strong verbs', craft: 'word-choice' });
    await notebook.updateSettings(() => ({ dueAfterDays: 7 }));
    const original = await readNotebook();

    const text = await (await exportNotebook('0.1.0')).file.text();
    await notebook.deleteEverything('delete everything');
    expect(await readNotebook()).toEqual({ students: [], documents: [], conferences: [], drafts: [], questions: [], compliments: [], settings: null });
    await applyImport(await valid(text));
    expect(await readNotebook()).toEqual(original);
  });

  // A draft's document must be in the file too, or Confer would refuse its own backup: saveDraft
  // writes the document's record when the notebook has none yet (as saveConference does).
  it('can re-import its own export when a draft was saved before the document was noted', async () => {
    await notebook.saveDraft(DOC_C, { ...emptyConferenceContent(), notes: 'typed first' }, T0);
    const text = await (await exportNotebook('0.1.0')).file.text();
    await valid(text);
  });
});

describe('a restore onto a computer where the documents were opened first', () => {
  it('gives each document back its student, and keeps a student chosen here since', async () => {
    await notebook.noteDocumentOpened({ docId: DOC_A, accountSlot: null, tab: null }, 'Maya – Narrative');
    await notebook.setDocumentStudent({ docId: DOC_A }, 'Maya Okafor');
    await notebook.setDocumentStudent({ docId: DOC_B }, 'Jamal Reed');
    await notebook.saveConference(DOC_A, { ...emptyConferenceContent(), focus: 'Leads' }, { startedAt: T0 });
    const text = await (await exportNotebook('0.1.0')).file.text();
    // The new computer: Confer is installed and the teacher opens the documents before restoring.
    await notebook.deleteEverything('delete everything');
    await notebook.noteDocumentOpened({ docId: DOC_A, accountSlot: null, tab: null }, 'Maya – Narrative');
    await notebook.saveDraft(DOC_A, { ...emptyConferenceContent(), notes: 'typed before the restore' }, T0);
    await notebook.noteDocumentOpened({ docId: DOC_B, accountSlot: null, tab: null }, 'Jamal – Essay');
    // …and names DOC_B's student again, differently: a choice made here, after the backup.
    await notebook.setDocumentStudent({ docId: DOC_B }, 'Jamal R.');
    await applyImport(await valid(text));
    const studentOf = async (docId: string) => (await notebook.getDocumentHistory(docId)).students.map((student) => student.name);
    expect(await studentOf(DOC_A)).toEqual(['Maya Okafor']);
    expect(await studentOf(DOC_B)).toEqual(['Jamal R.']);
    expect((await notebook.getDraft(DOC_A))?.content.notes).toBe('typed before the restore');
  });
});

describe('a restore onto a notebook that already knows a student by name', () => {
  it('gives the file’s documents, conferences and goals to that student rather than making a second one', async () => {
    // The old computer: Maya's narrative, with a conference, and a goal for her.
    const { student: there } = await notebook.setDocumentStudent({ docId: DOC_A }, 'Maya Okafor');
    await notebook.updateStudent(there!.id, { goals: ['Dialogue that sounds like people talking'] });
    await notebook.saveConference(DOC_A, { ...emptyConferenceContent(), focus: 'Leads that start in the action' }, { startedAt: T0 });
    const text = await (await exportNotebook('0.1.0')).file.text();
    // The new computer: the teacher names Maya on her essay (spelt a little differently) before restoring.
    await notebook.deleteEverything('delete everything');
    const { student: here } = await notebook.setDocumentStudent({ docId: DOC_B }, 'maya  okafor');
    await notebook.saveConference(DOC_B, { ...emptyConferenceContent(), focus: 'Topic sentences' }, { startedAt: T0 + 86_400_000 });

    const data = await valid(text);
    expect(await previewImport(data)).toEqual(preview({ students: { ...NOTHING, updated: 1 }, documents: { ...NOTHING, added: 1 }, conferences: { ...NOTHING, added: 1 } }));
    await applyImport(data);

    // One Maya, with both documents: on her essay, History shows her narrative's conference too.
    const students = await notebook.listStudents();
    expect(students.map(({ student }) => student.name)).toEqual(['maya okafor']);
    const [maya] = students;
    expect(maya?.documentIds.toSorted()).toEqual([DOC_A, DOC_B].toSorted());
    expect(maya?.student.lastConferenceAt).toBe(T0 + 86_400_000);
    // Her goal from the old computer comes with her; the name keeps this computer's spelling.
    expect(maya?.student.goals).toEqual(['Dialogue that sounds like people talking']);
    expect((await notebook.getDocumentHistory(DOC_A)).students.map((student) => student.id)).toEqual([here!.id]);
    const essay = await notebook.getStudentHistory(DOC_B, null);
    expect(essay.others.conferences.map((conference) => conference.focus)).toEqual(['Leads that start in the action']);
    expect(essay.others.conferences.map((conference) => conference.studentIds)).toEqual([[here!.id]]);

    // Restoring the same file again changes nothing.
    const once = await snapshotNotebook();
    expect(await applyImport(await valid(text))).toEqual(preview({ students: { ...NOTHING, kept: 1 }, documents: { ...NOTHING, unchanged: 1 }, conferences: { ...NOTHING, unchanged: 1 } }));
    expect(await snapshotNotebook()).toBe(once);
  });
});

describe('import preview', () => {
  it('counts new, updated and unchanged records, and keeps the notebook’s copy when it is newer', async () => {
    await seedNotebook();
    const file = sampleData();
    // Newer in the file: updated.
    file.students[0] = { ...file.students[0]!, name: 'Maya O.', updatedAt: T0 + 10_000 };
    file.settings = { ...file.settings!, dueAfterDays: 21, updatedAt: T0 + 10_000 };
    // Different, but the notebook's copy is newer: kept.
    file.conferences[0] = { ...file.conferences[0]!, focus: 'An older teaching point', updatedAt: T0 };
    // Different, same date: the notebook's copy is kept.
    file.questions[0] = { ...file.questions[0]!, text: 'Same time, other words' };
    // Only the revision differs: the same record.
    file.compliments[0] = { ...file.compliments[0]!, rev: 40 };
    // Not in the notebook: new.
    file.questions.push({ ...file.questions[0]!, id: 'q-new', text: 'A new question' });
    file.drafts = [];

    const data = await valid(await backupText(file));
    const expected = preview({
      students: { added: 0, updated: 1, unchanged: 2, kept: 0 },
      documents: { added: 0, updated: 0, unchanged: 3, kept: 0 },
      conferences: { added: 0, updated: 0, unchanged: 1, kept: 1 },
      questions: { added: 1, updated: 0, unchanged: 0, kept: 1 },
      compliments: { added: 0, updated: 0, unchanged: 1, kept: 0 },
      settings: { added: 0, updated: 1, unchanged: 0, kept: 0 },
    });
    const before = await snapshotNotebook();
    expect(await previewImport(data)).toEqual(expected);
    expect(await snapshotNotebook()).toBe(before);

    expect(await applyImport(data)).toEqual(expected);
    const after = await readNotebook();
    const seeded = sampleData();
    const maya = after.students.find((student) => student.id === 's1-maya')!;
    expect(maya).toMatchObject({ name: 'Maya O.', updatedAt: T0 + 10_000, rev: 4 });
    expect(after.settings).toMatchObject({ dueAfterDays: 21, rev: 3 });
    expect(after.conferences.find((conference) => conference.id === 'c-1')).toEqual(seeded.conferences[0]);
    expect(after.questions.find((question) => question.id === 'q-1')).toEqual(seeded.questions[0]);
    expect(after.compliments).toEqual(seeded.compliments);
    expect(after.questions.map((question) => question.id).sort()).toEqual(['q-1', 'q-new']);
    // Importing never deletes: the draft missing from the file is still there.
    expect(after.drafts).toEqual(seeded.drafts);
  });

  it('previews and imports everything as new into an empty notebook', async () => {
    const data = await valid(await backupText(sampleData()));
    const expected = preview({
      students: { added: 3, updated: 0, unchanged: 0, kept: 0 },
      documents: { added: 3, updated: 0, unchanged: 0, kept: 0 },
      conferences: { added: 2, updated: 0, unchanged: 0, kept: 0 },
      drafts: { added: 1, updated: 0, unchanged: 0, kept: 0 },
      questions: { added: 1, updated: 0, unchanged: 0, kept: 0 },
      compliments: { added: 1, updated: 0, unchanged: 0, kept: 0 },
      settings: { added: 1, updated: 0, unchanged: 0, kept: 0 },
    });
    expect(await previewImport(data)).toEqual(expected);
    expect(await applyImport(data)).toEqual(expected);
    expect(await readNotebook()).toEqual(sampleData());
  });

  it('leaves out an unsaved conference that the notebook has saved since, so it isn’t put back in the form to be saved twice', async () => {
    await seedNotebook();
    const oldBackup = await (await exportNotebook('0.1.0')).file.text();
    const [draft] = sampleData().drafts;
    // The teacher finishes that conference: its draft becomes a saved conference.
    await notebook.saveConference(draft!.docId, draft!.content, { startedAt: draft!.startedAt });
    expect(await notebook.getDraft(draft!.docId)).toBeNull();
    const data = await valid(oldBackup);
    expect((await previewImport(data)).drafts).toEqual({ ...NOTHING, kept: 1 });
    await applyImport(data);
    expect(await notebook.getDraft(draft!.docId)).toBeNull();
  });

  it('restores the settings onto a new computer, keeping that browser’s own answer about keeping data', async () => {
    // The panel on the new computer has already asked the browser to keep Confer's data.
    await requestPersistentStorage({ persisted: async () => false, persist: async () => false } as unknown as StorageManager);
    const file = sampleData();
    file.settings = { ...file.settings!, dueAfterDays: 21, favouriteQuestions: ['q-1'], persistence: 'granted', updatedAt: T0 };
    const data = await valid(await backupText(file));
    expect((await previewImport(data)).settings).toEqual({ ...NOTHING, updated: 1 });
    await applyImport(data);
    expect(await notebook.getSettings()).toMatchObject({ dueAfterDays: 21, favouriteQuestions: ['q-1'], persistence: 'denied' });
  });

  it('keeps both texts of an unsaved conference in the file and in the notebook, and a second import changes nothing', async () => {
    const file = sampleData();
    const [draft] = file.drafts;
    await seedNotebook({ ...file, drafts: [] });
    // Typed at home on the same document, after the school backup was made.
    await notebook.saveDraft(draft!.docId, { ...draft!.content, notes: 'Typed at home' }, draft!.startedAt);
    const data = await valid(await backupText({ ...file, drafts: [{ ...draft!, content: { ...draft!.content, notes: 'Typed at school' }, updatedAt: Date.now() + 60_000 }] }));
    expect((await previewImport(data)).drafts).toEqual({ ...NOTHING, updated: 1 });
    await applyImport(data);
    expect((await notebook.getDraft(draft!.docId))?.content.notes).toBe('Typed at home\n\nTyped at school');
    const once = await snapshotNotebook();
    expect((await applyImport(data)).drafts).toEqual({ ...NOTHING, kept: 1 });
    expect(await snapshotNotebook()).toBe(once);
  });

  it('keeps the notebook’s unsaved conference when it already has every word of the file’s', async () => {
    const file = sampleData();
    const [draft] = file.drafts;
    await seedNotebook(file);
    await notebook.saveDraft(draft!.docId, { ...draft!.content, notes: `${draft!.content.notes} and more typed since` }, draft!.startedAt);
    const before = await snapshotNotebook();
    expect((await applyImport(await valid(await backupText(file)))).drafts).toEqual({ ...NOTHING, kept: 1 });
    expect(await snapshotNotebook()).toBe(before);
  });

  it('works out each student’s last-conference date again after an import', async () => {
    const file = sampleData();
    file.students = file.students.map((student) => ({ ...student, lastConferenceAt: 5 }));
    await applyImport(await valid(await backupText(file)));
    const after = await readNotebook();
    expect(Object.fromEntries(after.students.map((student) => [student.id, student.lastConferenceAt]))).toEqual({ 's1-maya': T0 + 2 * 3_600_000, 's2-jamal': T0 + 2 * 3_600_000, 's3-noor': null });
  });

  it('counts the notebook’s own conferences too, but not one a newer Confer wrote, when it works the dates out again', async () => {
    const HOUR = 3_600_000;
    await seedNotebook();
    await notebook.saveConference(DOC_C, { ...emptyConferenceContent(), focus: 'Noor’s own' }, { startedAt: T0 + 5 * HOUR });
    const fromTheFuture = { ...sampleData().conferences[0]!, schemaVersion: SCHEMA_VERSION + 1, id: 'c-future', studentIds: ['s2-jamal'], startedAt: T0 + 9 * HOUR };
    await transact('readwrite', (records) => write(records, keys.conferencePage(DOC_A, 1), { schemaVersion: SCHEMA_VERSION, rev: 1, docId: DOC_A, conferences: [fromTheFuture] }));
    const file = sampleData();
    file.conferences.push({ ...file.conferences[0]!, id: 'c-3', startedAt: T0 + 3 * HOUR });
    await applyImport(await valid(await backupText(file)));
    const after = await readNotebook();
    expect(Object.fromEntries(after.students.map((student) => [student.id, student.lastConferenceAt]))).toEqual({ 's1-maya': T0 + 3 * HOUR, 's2-jamal': T0 + 2 * HOUR, 's3-noor': T0 + 5 * HOUR });
  });
});

describe('re-import', () => {
  it('changes nothing, not even a revision number, when the same file is imported again', async () => {
    await seedNotebook();
    await notebook.updateSettings(() => ({ dueAfterDays: 3 }));
    const text = await (await exportNotebook('0.1.0')).file.text();
    const before = await snapshotNotebook();
    const beforeRecords = await readNotebook();

    const data = await valid(text);
    const allUnchanged = preview(Object.fromEntries(COLLECTIONS.map((name) => [name, { ...NOTHING, unchanged: beforeRecords[name].length }])));
    allUnchanged.settings = { ...NOTHING, unchanged: 1 };
    expect(await previewImport(data)).toEqual(allUnchanged);
    expect(await applyImport(data)).toEqual(allUnchanged);
    expect(await applyImport(await valid(text))).toEqual(allUnchanged);

    expect(await snapshotNotebook()).toBe(before);
    expect(await readNotebook()).toEqual(beforeRecords);
  });

  it('changes nothing the second time a file is imported into another notebook', async () => {
    await seedNotebook();
    await notebook.addQuestion({ text: 'Only in this notebook', phase: 'opening', kinds: [] });
    const text = await backupText(sampleData());
    const data = await valid(text);
    await applyImport(data);
    const once = await snapshotNotebook();
    await applyImport(await valid(text));
    expect(await snapshotNotebook()).toBe(once);
  });
});

describe('a backup from a computer whose clock ran ahead', () => {
  it('does not undo a change made here when it is imported again', async () => {
    const file = sampleData();
    const nextYear = Date.now() + 365 * 24 * 3_600_000;
    file.conferences[0] = { ...file.conferences[0]!, updatedAt: nextYear };
    file.settings = { ...file.settings!, updatedAt: nextYear };
    const text = await backupText(file);
    await applyImport(await valid(text));
    await notebook.updateConference(DOC_A, 'c-1', { notes: 'Corrected after the restore' });
    await notebook.updateSettings(() => ({ dueAfterDays: 9 }));
    const again = await applyImport(await valid(text));
    expect(again.conferences).toMatchObject({ updated: 0, kept: 1 });
    expect(again.settings).toMatchObject({ updated: 0, kept: 1 });
    expect((await readNotebook()).conferences.find((conference) => conference.id === 'c-1')?.notes).toBe('Corrected after the restore');
    expect((await notebook.getSettings()).dueAfterDays).toBe(9);
  });
});

describe('import is one transaction', () => {
  it('keeps nothing when a write fails halfway', async () => {
    await notebook.addQuestion({ text: 'Already here', phase: 'opening', kinds: [] });
    await notebook.updateSettings(() => ({ dueAfterDays: 30 }));
    const before = await snapshotNotebook();
    const data = await valid(await backupText(sampleData()));

    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      calls += 1;
      if (calls === 6) throw new DOMException('The disk is full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(applyImport(data)).rejects.toThrow('The disk is full');
    expect(calls).toBe(6);
    spy.mockRestore();

    expect(await snapshotNotebook()).toBe(before);
    // The notebook still works, and the same import then succeeds whole.
    await applyImport(data);
    expect((await readNotebook()).conferences).toEqual(sampleData().conferences);
  });

  it('leaves the notebook byte-identical when a file is refused', async () => {
    await seedNotebook();
    const before = await snapshotNotebook();
    const broken = sampleData();
    broken.conferences[1] = { ...broken.conferences[1]!, focus: 'x'.repeat(1001) };
    await refused(await backupText(broken));
    expect(await snapshotNotebook()).toBe(before);
  });
});

describe('hostile keys', () => {
  it('drops __proto__, constructor and prototype keys at every level without polluting Object.prototype', async () => {
    const payload = { polluted: 'yes', schemaVersion: 99, isAdmin: true };
    /** Adds the three keys as own properties (Object.assign would set the prototype instead). */
    const addHostile = <T extends object>(target: T): T => {
      withOwnKey(target, '__proto__', { ...payload });
      withOwnKey(target, 'constructor', { prototype: { ...payload } });
      return withOwnKey(target, 'prototype', { ...payload });
    };
    const file = sampleData() as unknown as Record<string, unknown>;
    const data = file as unknown as BackupData;
    for (const name of COLLECTIONS) for (const record of data[name]) addHostile(record);
    addHostile(data.drafts[0]!.content);
    addHostile(data.conferences[0]!.questionsAsked[0]!);
    addHostile(data.conferences[0]!.comments[0]!);
    addHostile(data.settings!);
    addHostile(file);
    const text = await backupText(file, addHostile({}) as Record<string, unknown>);
    // Also in the counts.
    const withCounts = text.replace('"counts":{', '"counts":{"__proto__":{"students":0},"constructor":{"prototype":{"x":1}},');
    expect(text).toContain('"__proto__":{"polluted"');

    const imported = await valid(withCounts);
    expect(imported).toEqual(sampleData());
    await applyImport(imported);
    const stored = await snapshotNotebook();
    expect(stored).not.toMatch(/__proto__|constructor|prototype|polluted/);

    const plain = {} as Record<string, unknown>;
    expect(plain.polluted).toBeUndefined();
    expect(plain.isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const records = await readNotebook();
    for (const name of COLLECTIONS) {
      for (const record of records[name]) {
        expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
        expect(Object.hasOwn(record, '__proto__')).toBe(false);
        expect(Object.hasOwn(record, 'constructor')).toBe(false);
      }
    }
  });

  it('refuses a file whose header hides under __proto__', async () => {
    const inner = JSON.parse(await backupText(sampleData())) as object;
    const message = await refused(JSON.stringify(withOwnKey({}, '__proto__', inner)));
    expect(message).toMatch(/isn’t a Confer backup/);
    expect(({} as Record<string, unknown>).format).toBeUndefined();
  });

  it('drops keys Confer doesn’t know, in the envelope and every record', async () => {
    const file = sampleData();
    for (const name of COLLECTIONS) for (const record of file[name]) Object.assign(record, { extra: 'dropped', nested: { deep: true } });
    Object.assign(file.drafts[0]!.content, { secret: 1 });
    Object.assign(file.settings!, { theme: 'dark' });
    Object.assign(file, { attachments: ['x'] });
    const imported = await valid(await backupText(file, { signedBy: 'someone', counts: { ...JSON.parse(await backupText(file)).counts, extras: 4 } }));
    expect(imported).toEqual(sampleData());
    await applyImport(imported);
    expect(await snapshotNotebook()).not.toMatch(/extra|dropped|secret|theme|attachments|signedBy/);
  });
});

describe('a refused file names the problem in a teacher’s words', () => {
  it('not JSON', async () => {
    for (const text of ['hello', '{"format": "confer-notebook-backup",', '<html></html>', "{'single': 'quotes'}", 'NaN']) {
      const message = await refused(text);
      expect(message).toMatch(/^This file isn’t a Confer backup\..*can’t be read: it may be damaged or cut short\.$/);
    }
  });

  it('not a Confer backup', async () => {
    const NOT_A_BACKUP = 'This file isn’t a Confer backup. Choose a file that Confer’s “Export backup” made (its name starts with “confer-backup”).';
    for (const text of ['{}', '[]', 'null', '42', '"confer-notebook-backup"', '{"format":"other-app-backup","data":{}}', '{"format":"Confer-Notebook-Backup"}']) {
      expect(await refused(text)).toBe(NOT_A_BACKUP);
    }
  });

  it('made by a newer version of Confer', async () => {
    const NEWER = 'This backup was made by a newer version of Confer. Update Confer, then import it again.';
    expect(await refused(await backupText(sampleData(), { formatVersion: 2 }))).toBe(NEWER);
    expect(await refused(await backupText(sampleData(), { schemaVersion: SCHEMA_VERSION + 1 }))).toBe(NEWER);
    const newerRecord = sampleData();
    (newerRecord.documents[1] as { schemaVersion: number }).schemaVersion = SCHEMA_VERSION + 1;
    expect(await refused(await backupText(newerRecord))).toBe(NEWER);
  });

  it('a format number this Confer can’t read', async () => {
    for (const formatVersion of [0, '1', null, undefined]) {
      expect(await refused(await backupText(sampleData(), { formatVersion }))).toMatch(/from a version this Confer can’t read/);
    }
  });

  it('a field too long, naming the record and the field', async () => {
    const file = sampleData();
    file.conferences[1] = { ...file.conferences[1]!, focus: 'x'.repeat(1001) };
    expect(await refused(await backupText(file))).toBe('Conference 2 in the file can’t be imported: the teaching point is too long (the limit is 1,000 characters). Nothing was imported.');

    const student = sampleData();
    student.students[2] = { ...student.students[2]!, name: 'n'.repeat(121) };
    expect(await refused(await backupText(student))).toBe('Student 3 in the file can’t be imported: the name is too long (the limit is 120 characters). Nothing was imported.');

    const draft = sampleData();
    // (A draft has room for two tabs' words in one box: twice the limit, and a blank line between.)
    draft.drafts[0]!.content.nextStep = 'n'.repeat(8003);
    expect(await refused(await backupText(draft))).toBe('Unsaved conference 1 in the file can’t be imported: the next step is too long (the limit is 8,002 characters). Nothing was imported.');

    const goals = sampleData();
    goals.students[0]!.goals = Array.from({ length: 51 }, () => 'goal');
    expect(await refused(await backupText(goals))).toBe('Student 1 in the file can’t be imported: there are too many goals (the limit is 50). Nothing was imported.');

    const goal = sampleData();
    goal.students[0]!.goals[1] = 'g'.repeat(501);
    expect(await refused(await backupText(goal))).toBe('Student 1 in the file can’t be imported: one of the goals is too long (the limit is 500 characters). Nothing was imported.');

    const asked = sampleData();
    asked.conferences[0]!.questionsAsked[0]!.text = 'q'.repeat(501);
    expect(await refused(await backupText(asked))).toBe('Conference 1 in the file can’t be imported: the text of one of the questions asked is too long (the limit is 500 characters). Nothing was imported.');
  });

  it('a wrong or missing value, naming the record and the field', async () => {
    const file = sampleData();
    (file.compliments[0] as { craft: string }).craft = 'poetry';
    expect(await refused(await backupText(file))).toBe('Compliment 1 in the file can’t be imported: the craft has a value Confer doesn’t recognise. Nothing was imported.');

    const missing = sampleData();
    delete (missing.questions[0] as Partial<(typeof missing.questions)[number]>).phase;
    expect(await refused(await backupText(missing))).toBe('Question 1 in the file can’t be imported: the conference phase is missing. Nothing was imported.');

    const settings = sampleData();
    settings.settings = { ...settings.settings!, dueAfterDays: 0 };
    expect(await refused(await backupText(settings))).toBe('The settings in the file can’t be imported: the days until a student is due has a value Confer doesn’t recognise. Nothing was imported.');

    const notARecord = sampleData() as unknown as { documents: unknown[] };
    notARecord.documents[0] = 'just text';
    expect(await refused(await backupText(notARecord))).toBe('Document 1 in the file can’t be imported: it isn’t in a form Confer recognises. Nothing was imported.');

    const noGoals = sampleData();
    delete (noGoals.students[1] as Partial<(typeof noGoals.students)[number]>).goals;
    expect(await refused(await backupText(noGoals))).toBe('Student 2 in the file can’t be imported: the goals are missing. Nothing was imported.');
  });

  it('duplicate ids', async () => {
    const file = sampleData();
    file.students.push({ ...file.students[0]!, name: 'Another Maya' });
    expect(await refused(await backupText(file))).toBe('Students 1 and 4 in the file are the same record twice. Nothing was imported.');
    const drafts = sampleData();
    drafts.drafts.push(drafts.drafts[0]!);
    expect(await refused(await backupText(drafts))).toBe('Unsaved conferences 1 and 2 in the file are the same record twice. Nothing was imported.');
  });

  it('broken references', async () => {
    const conference = sampleData();
    conference.conferences[1] = { ...conference.conferences[1]!, docId: 'docZ_notInTheFile000' };
    expect(await refused(await backupText(conference))).toBe('Conference 2 in the file belongs to a document that isn’t in the file. Nothing was imported.');
    const student = sampleData();
    student.documents[2] = { ...student.documents[2]!, studentIds: ['s-ghost'] };
    expect(await refused(await backupText(student))).toBe('Document 3 in the file names a student who isn’t in the file. Nothing was imported.');
    const conferenceStudent = sampleData();
    conferenceStudent.conferences[0] = { ...conferenceStudent.conferences[0]!, studentIds: ['s1-maya', 's-ghost'] };
    expect(await refused(await backupText(conferenceStudent))).toBe('Conference 1 in the file names a student who isn’t in the file. Nothing was imported.');
    const draft = sampleData();
    draft.documents.pop();
    expect(await refused(await backupText(draft))).toBe('Unsaved conference 1 in the file belongs to a document that isn’t in the file. Nothing was imported.');
  });

  it('checksum mismatch', async () => {
    const text = await backupText(sampleData());
    const changed = text.replace('Maya Okafor', 'Maya Okafor (edited)');
    expect(changed).not.toBe(text);
    expect(await refused(changed)).toBe('This backup has been changed or damaged since Confer made it (its checksum doesn’t match). Nothing was imported.');
  });

  it('counts that don’t match the records', async () => {
    const counts = { students: 3, documents: 3, conferences: 3, drafts: 1, questions: 1, compliments: 1 };
    expect(await refused(await backupText(sampleData(), { counts }))).toBe('This backup’s record counts don’t match what it holds: it has been changed or damaged. Nothing was imported.');
  });

  it('too large, checked before the file is read', async () => {
    const textSpy = vi.spyOn(Blob.prototype, 'text');
    const parseSpy = vi.spyOn(JSON, 'parse');
    // Blobs that only say how big they are: the size alone decides, before anything is read.
    const sized = (size: number, text = (): Promise<string> => Promise.reject(new Error('must not be read'))) => ({ size, text }) as unknown as Blob;
    expect(await refused(sized(MAX_BACKUP_BYTES + 1))).toBe('This file is too large to be a Confer backup (256.0 MB; backups are at most 256 MB). Nothing was imported.');
    expect(await refused(sized(300 * 1024 * 1024))).toMatch(/^This file is too large to be a Confer backup \(300\.0 MB/);
    expect(textSpy).not.toHaveBeenCalled();
    expect(parseSpy).not.toHaveBeenCalled();
    // Exactly at the cap is allowed through to the next check.
    expect(await refused(sized(MAX_BACKUP_BYTES, () => Promise.resolve('not json')))).not.toMatch(/too large/);
  });

  it('too large as text, counted in UTF-8 bytes (with a small cap, to keep the test light)', async () => {
    const cap = { maxBytes: 1024 * 1024 };
    const refusedWithCap = async (text: string) => {
      const result = await validateBackup(text, cap);
      return result.ok ? 'accepted' : result.message;
    };
    expect(await refusedWithCap('é'.repeat(512 * 1024 + 1))).toBe('This file is too large to be a Confer backup (1.0 MB; backups are at most 1 MB). Nothing was imported.');
    expect(await refusedWithCap('😀'.repeat(256 * 1024 + 1))).toMatch(/too large/);
    expect(await refusedWithCap('é'.repeat(512 * 1024))).not.toMatch(/too large/);
  });

  it('an empty file', async () => {
    expect(await refused('')).toBe('This file is empty. Nothing was imported.');
    expect(await refused(new Blob([]))).toBe('This file is empty. Nothing was imported.');
  });

  it('a file that can’t be read', async () => {
    const unreadable = { size: 100, arrayBuffer: () => Promise.reject(new DOMException('The file changed on disk', 'NotReadableError')) } as unknown as Blob;
    expect(await refused(unreadable)).toBe('This file can’t be read: it may have been moved or changed after it was chosen. Choose it again. Nothing was imported.');
  });
});

describe('file forms', () => {
  it('accepts the file as a Blob, as the file picker gives it', async () => {
    await seedNotebook();
    const text = await (await exportNotebook('0.1.0')).file.text();
    expect(await valid(new Blob([text], { type: 'application/json' }))).toEqual(await readNotebook());
  });

  it('accepts a backup made before conferences were kept per document (schema 2), with the same records', async () => {
    const data = sampleData();
    const asSchema2 = Object.fromEntries(
      Object.entries(data).map(([name, value]) => [name, Array.isArray(value) ? value.map((record) => ({ ...record, schemaVersion: 2 })) : value === null ? null : { ...value, schemaVersion: 2 }]),
    );
    const imported = await valid(await backupText(asSchema2 as unknown as BackupData, { schemaVersion: 2 }));
    expect(imported).toEqual(data);
    expect(await refused(await backupText(asSchema2 as unknown as BackupData, { schemaVersion: 1 }))).toMatch(/from a version this Confer can’t read/);
  });

  it('accepts a file an editor saved with a byte-order mark, as a string or a Blob', async () => {
    // Browsers' Blob.text() drops a leading BOM; a string must be read the same way.
    const text = `\ufeff${await backupText(sampleData())}`;
    expect(await valid(text)).toEqual(sampleData());
    expect(await valid(new Blob([text]))).toEqual(sampleData());
  });
});

describe('what an import writes', () => {
  it('leaves records from a newer Confer exactly as they were', async () => {
    const future = { schemaVersion: SCHEMA_VERSION + 1, rev: 9, id: 's1-maya', name: 'From the future', shape: 'new' };
    await notebook.getSettings(); // runs the upgrade first, so the record below isn't migrated
    await transact('readwrite', async (records) => {
      await write(records, keys.student('s1-maya'), future);
    });
    const file = sampleData();
    file.students[0] = { ...file.students[0]!, updatedAt: T0 + 999_999_999 };
    const result = await applyImport(await valid(await backupText(file)));
    expect(result.students).toEqual({ added: 2, updated: 0, unchanged: 0, kept: 1 });
    const stored = await transact('readonly', (records) => new Promise((resolve) => {
      const request = records.get(keys.student('s1-maya'));
      request.onsuccess = () => resolve(request.result);
    }));
    expect(stored).toEqual(future);
  });

  it('adds the file’s conferences beside a newer Confer’s on the same page, leaving that one untouched', async () => {
    const future = { schemaVersion: SCHEMA_VERSION + 1, id: 'c-future', docId: DOC_A, shape: 'new' };
    await notebook.getSettings();
    await transact('readwrite', (records) => write(records, keys.conferencePage(DOC_A, 0), { schemaVersion: SCHEMA_VERSION, rev: 1, docId: DOC_A, conferences: [future] }));
    await applyImport(await valid(await backupText(sampleData())));
    const stored = await transact('readonly', (records) => new Promise<{ conferences: unknown[] }>((resolve) => {
      const request = records.get(keys.conferencePage(DOC_A, 0));
      request.onsuccess = () => resolve(request.result);
    }));
    expect(stored.conferences[0]).toEqual(future);
    expect((await readNotebook()).conferences.map((conference) => conference.id).sort()).toEqual(sampleData().conferences.map((conference) => conference.id).sort());
  });

  it('keeps the file’s conferences out of a document with a page a newer Confer wrote, and says so', async () => {
    const newerList = { schemaVersion: SCHEMA_VERSION + 1, docId: DOC_A, conferences: 'a new layout' };
    await notebook.getSettings();
    await transact('readwrite', (records) => write(records, keys.conferencePage(DOC_A, 0), newerList));
    const onDocA = sampleData().conferences.filter((conference) => conference.docId === DOC_A).length;
    const result = await applyImport(await valid(await backupText(sampleData())));
    expect(result.conferences).toEqual({ added: sampleData().conferences.length - onDocA, updated: 0, unchanged: 0, kept: onDocA });
    const stored = await transact('readonly', (records) => new Promise((resolve) => {
      const request = records.get(keys.conferencePage(DOC_A, 0));
      request.onsuccess = () => resolve(request.result);
    }));
    expect(stored).toEqual(newerList);
  });

  it('writes document, conference and draft keys from the records, whatever order the file lists them in', async () => {
    const file = sampleData();
    file.conferences.reverse();
    file.documents.reverse();
    await applyImport(await valid(await backupText(file)));
    const after = await readNotebook();
    expect(after.conferences.map((conference) => conference.id)).toEqual(['c-1', 'c-2']);
    expect(after.documents.map((document) => document.docId)).toEqual([DOC_A, DOC_B, DOC_C]);
  });
});

describe('export of a notebook with records this Confer can’t read', () => {
  useFreshNotebook();
  it('counts the records it left out, so the teacher can be told', async () => {
    await seedNotebook();
    expect((await exportNotebook('0.1.0')).leftOut).toBe(0);
    await transact('readwrite', (records) => write(records, keys.student('from-the-future'), { schemaVersion: SCHEMA_VERSION + 1, id: 'from-the-future' }));
    expect((await exportNotebook('0.1.0')).leftOut).toBe(1);
  });

  it('writes every conference of a notebook read in several batches, in order, leaving out a newer Confer’s page in a later batch', async () => {
    // 120 pages of five on one document: more than one read's worth (PAGES_PER_READ is 100).
    const data = sampleData();
    const [first] = data.conferences;
    data.conferences = Array.from({ length: 600 }, (_, index) => ({ ...first!, id: `c-${String(index).padStart(3, '0')}`, startedAt: T0 + index, focus: `Focus ${index} – “${'é'.repeat(index % 7)}”` }));
    await seedNotebook(data);
    const newerPage = { schemaVersion: SCHEMA_VERSION + 1, docId: DOC_A, conferences: 'a new layout' };
    await transact('readwrite', (records) => write(records, keys.conferencePage(DOC_A, 110), newerPage));

    const { file, counts, leftOut } = await exportNotebook('0.1.0');
    const text = await file.text();
    const stored = await readNotebook();
    expect(leftOut).toBe(1);
    expect(counts.conferences).toBe(595);
    expect(stored.conferences.map((conference) => conference.id)).toEqual(data.conferences.filter((_, index) => index < 550 || index >= 555).map((conference) => conference.id));
    // The bytes are those of the whole notebook written at once.
    expect(text.endsWith(`"data":${JSON.stringify(stored)}}`)).toBe(true);
    expect((await valid(text)).conferences).toEqual(stored.conferences);
  });

  it('still makes a file Confer can restore when a record others refer to is left out', async () => {
    await seedNotebook();
    const [maya] = sampleData().students;
    const [mayasDocument] = sampleData().documents.filter((document) => document.studentIds.includes(maya!.id));
    // Maya's student record, and one document, as a newer Confer wrote them.
    await transact('readwrite', async (records) => {
      await write(records, keys.student(maya!.id), { ...maya, schemaVersion: SCHEMA_VERSION + 1 });
      await write(records, keys.document(DOC_C), { schemaVersion: SCHEMA_VERSION + 1, docId: DOC_C });
    });
    const before = await snapshotNotebook();
    const { file, leftOut } = await exportNotebook('0.1.0');
    // Two left out, and DOC_C's unsaved conference with its document.
    expect(leftOut).toBe(3);
    const data = await valid(await file.text());
    expect(data.students.map((student) => student.id)).not.toContain(maya!.id);
    expect(data.documents.find((document) => document.docId === mayasDocument!.docId)?.studentIds).not.toContain(maya!.id);
    expect(data.drafts).toEqual([]);
    // Restoring it onto a new computer works, and this notebook was not changed by the export.
    expect(await snapshotNotebook()).toBe(before);
    await notebook.deleteEverything('delete everything');
    await applyImport(data);
    expect((await readNotebook()).conferences.length).toBe(sampleData().conferences.length);
  });
});
