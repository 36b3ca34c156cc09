import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeChangeChannel, onNotebookChange, type NotebookChange } from './changes';
import { closeNotebookConnection, transact, write } from './db';
import { emptyConferenceContent, keys, type ConferenceContent } from './model';
import * as notebook from './notebook';
import { resetUpgradeForTests } from './upgrade';
import { keepUnpostedComment, readUnpostedComment } from './unposted-comments';
import { keepUnsavedName, keepUnsavedWords, unsavedNamesFor, unsavedWordsFor } from './unsaved-words';

const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const OTHER_DOC = '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw';
const ref = (docId: string) => ({ docId, accountSlot: null, tab: null });
const content = (change: Partial<ConferenceContent> = {}): ConferenceContent => ({ ...emptyConferenceContent(), ...change });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  closeNotebookConnection();
  resetUpgradeForTests();
});
afterEach(() => closeChangeChannel());

describe('documents and students', () => {
  it('forget a name typed in passing: relinking leaves no stray student behind', async () => {
    await notebook.setDocumentStudent(ref(DOC), 'Mar');
    const { student: passing } = await notebook.setDocumentStudent(ref(DOC), 'Maria');
    const seen: NotebookChange[] = [];
    const stop = onNotebookChange((change) => seen.push(change));
    const { student } = await notebook.setDocumentStudent(ref(DOC), 'Maria Lopez');
    stop();
    expect((await notebook.listStudents()).map(({ student }) => student.name)).toEqual(['Maria Lopez']);
    // Every page showing students hears that one went.
    expect(seen).toEqual([{ documents: [DOC], students: [student!.id, passing!.id] }]);
  });

  it('say whether the name was a student the notebook already knew', async () => {
    expect((await notebook.setDocumentStudent(ref(DOC), 'Maya Okafor')).known).toBe(false);
    expect((await notebook.setDocumentStudent(ref(OTHER_DOC), 'maya okafor ')).known).toBe(true);
    expect((await notebook.setDocumentStudent(ref(OTHER_DOC), '')).known).toBe(false);
  });

  it('keep a student the document no longer names when anything else refers to them', async () => {
    await notebook.setDocumentStudent(ref(DOC), 'Maya Okafor');
    await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 1 });
    await notebook.setDocumentStudent(ref(OTHER_DOC), 'Jamal Reed');
    await notebook.setDocumentStudent(ref(DOC), 'Jamal Reed');
    // Maya has a conference; the other document still names Jamal.
    await notebook.setDocumentStudent(ref(OTHER_DOC), 'Noor');
    expect((await notebook.listStudents()).map(({ student }) => student.name).sort()).toEqual(['Jamal Reed', 'Maya Okafor', 'Noor']);
  });

  it('remember a document’s title and keep the last known one when the title is unreadable', async () => {
    await notebook.noteDocumentOpened(ref(DOC), 'Maya Okafor - Narrative');
    const again = await notebook.noteDocumentOpened({ docId: DOC, accountSlot: 2, tab: null }, null);
    expect(again).toMatchObject({ title: 'Maya Okafor - Narrative', accountSlot: 2, rev: 2 });
  });

  it('link documents with the same student name (any case or spacing) to one student', async () => {
    const first = await notebook.setDocumentStudent(ref(DOC), '  Maya   Okafor ');
    const second = await notebook.setDocumentStudent(ref(OTHER_DOC), 'maya okafor');
    expect(first.student?.name).toBe('Maya Okafor');
    expect(second.student?.id).toBe(first.student?.id);
    const students = await notebook.listStudents();
    expect(students).toHaveLength(1);
    expect(students[0]?.documentIds.sort()).toEqual([DOC, OTHER_DOC].sort());
  });

  it('take a corrected spelling of the document’s own student, on all their documents', async () => {
    const typed = await notebook.setDocumentStudent(ref(DOC), 'maria lopez');
    await notebook.setDocumentStudent(ref(OTHER_DOC), 'maria lopez');
    const corrected = await notebook.setDocumentStudent(ref(DOC), 'Maria Lopez');
    expect(corrected.student).toMatchObject({ id: typed.student?.id, name: 'Maria Lopez' });
    expect((await notebook.getDocumentHistory(OTHER_DOC)).students.map((student) => student.name)).toEqual(['Maria Lopez']);
    expect(await notebook.listStudents()).toHaveLength(1);
  });

  it('unlink a document when the name is emptied, keeping a student with conferences', async () => {
    await notebook.setDocumentStudent(ref(DOC), 'Maya');
    await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 1 });
    const { document, student } = await notebook.setDocumentStudent(ref(DOC), '   ');
    expect(student).toBeNull();
    expect(document.studentIds).toEqual([]);
    expect(await notebook.listStudents()).toHaveLength(1);
  });
  it('refuse a student change that is too long, in words about that field and its limit', async () => {
    const { student } = await notebook.setDocumentStudent(ref(DOC), 'Maya Okafor');
    await expect(notebook.updateStudent(student!.id, { goals: Array.from({ length: 51 }, (_, index) => `Goal ${index + 1}`) })).rejects.toThrow(
      'There are too many goals to save (the limit is 50). Remove some and try again.',
    );
    await expect(notebook.updateStudent(student!.id, { goals: ['Leads', 'x'.repeat(501)] })).rejects.toThrow(
      'One of the goals is too long to save (the limit is 500 characters). Shorten it and try again.',
    );
    await expect(notebook.updateStudent(student!.id, { name: '' })).rejects.toThrow('The name is empty.');
    expect(await notebook.updateStudent(student!.id, { goals: ['Leads that drop the reader into the moment'] })).toMatchObject({ goals: ['Leads that drop the reader into the moment'] });
  });
});

describe('conferences', () => {
  it('can be found by when they started, on their own document only', async () => {
    await notebook.saveConference(DOC, content(), { startedAt: 1_000 });
    expect(await notebook.hasConferenceStartedAt(DOC, 1_000)).toBe(true);
    expect(await notebook.hasConferenceStartedAt(DOC, 1_001)).toBe(false);
    expect(await notebook.hasConferenceStartedAt(`${DOC}x`, 1_000)).toBe(false);
  });

  it('show newest first in the document’s history and date the student’s last conference', async () => {
    const { student } = await notebook.setDocumentStudent(ref(DOC), 'Maya');
    await notebook.saveConference(DOC, content({ focus: 'Setting details' }), { startedAt: 1_000 });
    await notebook.saveConference(DOC, content({ focus: 'Dialogue tags', nextStep: 'Add two tags' }), { startedAt: 5_000 });
    const history = await notebook.getDocumentHistory(DOC);
    expect(history.conferences.map((conference) => conference.focus)).toEqual(['Dialogue tags', 'Setting details']);
    expect(history.conferences[0]?.studentIds).toEqual([student?.id]);
    expect(history.students.map((s) => s.name)).toEqual(['Maya']);
    expect((await notebook.listStudents())[0]?.student.lastConferenceAt).toBe(5_000);
  });

  it('clear the document’s draft when the conference is saved', async () => {
    await notebook.saveDraft(DOC, content({ focus: 'half-written' }), 1_000);
    await notebook.saveConference(DOC, content({ focus: 'done' }), { startedAt: 1_000 });
    expect(await notebook.getDraft(DOC)).toBeNull();
  });

  it('refuse an over-long teaching point with the field’s name and save nothing', async () => {
    await expect(notebook.saveConference(DOC, content({ focus: 'x'.repeat(5_000) }), { startedAt: 1 })).rejects.toThrow(/teaching point.*too long/);
    expect((await notebook.getDocumentHistory(DOC)).conferences).toEqual([]);
  });

  it('name the field inside a list the same way an import does', async () => {
    const asked = [{ text: 'What are you working on?', at: 1 }, { text: 'q'.repeat(600), at: 2 }];
    await expect(notebook.saveConference(DOC, content({ questionsAsked: asked }), { startedAt: 1 })).rejects.toThrow(
      'The text of one of the questions asked is too long to save (the limit is 500 characters). Shorten it and try again.',
    );
    const tooMany = Array.from({ length: 501 }, (_, at) => ({ text: 'Why?', at }));
    await expect(notebook.saveConference(DOC, content({ questionsAsked: tooMany }), { startedAt: 1 })).rejects.toThrow(
      'There are too many questions asked to save (the limit is 500). Remove some and try again.',
    );
  });

  it('lose nothing when two tabs append to the same document at once (2 × 500)', async () => {
    // Two independent copies of the notebook module: two connections, like two tabs.
    vi.resetModules();
    const tabA = await import('./notebook');
    vi.resetModules();
    const tabB = await import('./notebook');
    await notebook.setDocumentStudent(ref(DOC), 'Maya');
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 500; i += 1) {
      writes.push(tabA.saveConference(DOC, content({ focus: `A${i}` }), { startedAt: 2 * i }));
      writes.push(tabB.saveConference(DOC, content({ focus: `B${i}` }), { startedAt: 2 * i + 1 }));
    }
    await Promise.all(writes);
    const history = await notebook.getDocumentHistory(DOC);
    expect(history.conferences).toHaveLength(1000);
    expect(new Set(history.conferences.map((c) => c.focus)).size).toBe(1000);
    expect(history.students[0]?.lastConferenceAt).toBe(999);
  }, 60_000);

  it('count every write to one record when two tabs change it at once', async () => {
    vi.resetModules();
    const tabA = await import('./notebook');
    vi.resetModules();
    const tabB = await import('./notebook');
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? tabA : tabB).noteDocumentOpened(ref(DOC), `Title ${i}`)));
    expect((await notebook.getDocumentHistory(DOC)).document?.rev).toBe(100);
  });

  it('keep both tabs’ edits to different fields of one conference', async () => {
    const saved = await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 1 });
    await Promise.all([notebook.updateConference(DOC, saved.id, { notes: 'from tab A' }), notebook.updateConference(DOC, saved.id, { nextStep: 'from tab B' })]);
    const [conference] = (await notebook.getDocumentHistory(DOC)).conferences;
    expect(conference).toMatchObject({ focus: 'Leads', notes: 'from tab A', nextStep: 'from tab B', rev: 3 });
  });

  it('delete with undo, and move the student’s last-conference date back and forth', async () => {
    await notebook.setDocumentStudent(ref(DOC), 'Maya');
    await notebook.saveConference(DOC, content({ focus: 'old' }), { startedAt: 1_000 });
    const newest = await notebook.saveConference(DOC, content({ focus: 'new' }), { startedAt: 9_000 });
    const deleted = await notebook.deleteConference(DOC, newest.id);
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['old']);
    expect((await notebook.listStudents())[0]?.student.lastConferenceAt).toBe(1_000);
    await notebook.restoreConference(deleted);
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['new', 'old']);
    expect((await notebook.listStudents())[0]?.student.lastConferenceAt).toBe(9_000);
  });

  it('keep each student’s last-conference date true when a conference is deleted or moved, on any document', async () => {
    await notebook.setDocumentStudent(ref(DOC), 'Maya');
    await notebook.setDocumentStudent(ref(OTHER_DOC), 'Maya');
    const last = async () => (await notebook.listStudents())[0]?.student.lastConferenceAt;
    const early = await notebook.saveConference(DOC, content({ focus: 'early' }), { startedAt: 1_000 });
    const middle = await notebook.saveConference(OTHER_DOC, content({ focus: 'middle' }), { startedAt: 5_000 });
    const latest = await notebook.saveConference(DOC, content({ focus: 'latest' }), { startedAt: 9_000 });
    // Not the latest: the date stays.
    await notebook.deleteConference(DOC, early.id);
    expect(await last()).toBe(9_000);
    // An older one moved past the latest becomes the latest; the latest moved back, the next one is.
    await notebook.updateConference(OTHER_DOC, middle.id, { startedAt: 12_000 });
    expect(await last()).toBe(12_000);
    await notebook.updateConference(OTHER_DOC, middle.id, { startedAt: 2_000 });
    expect(await last()).toBe(9_000);
    // The latest deleted: the one left, on the other document.
    await notebook.deleteConference(DOC, latest.id);
    expect(await last()).toBe(2_000);
    await notebook.deleteConference(OTHER_DOC, middle.id);
    expect(await last()).toBeNull();
  });

  it('undo brings back a student who went meanwhile, as a name the Student field stopped using', async () => {
    const maria = (await notebook.setDocumentStudent(ref(DOC), 'Maria Lopez')).student!;
    const only = await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 5_000 });
    const deleted = await notebook.deleteConference(DOC, only.id);
    // With no conference left, Maria looks like a name typed in passing once the field names someone else.
    await notebook.setDocumentStudent(ref(DOC), 'Marianne Lopez');
    expect((await notebook.listStudents()).map(({ student }) => student.name)).toEqual(['Marianne Lopez']);
    await notebook.restoreConference(deleted);
    const students = await notebook.listStudents();
    expect(students.map(({ student }) => [student.name, student.lastConferenceAt])).toEqual(
      expect.arrayContaining([
        ['Maria Lopez', 5_000],
        ['Marianne Lopez', null],
      ]),
    );
    expect((await notebook.getDocumentHistory(DOC)).conferences).toMatchObject([{ focus: 'Leads', studentIds: [maria.id] }]);
    expect(students.find(({ student }) => student.id === maria.id)).toBeDefined();
  });

  it('say plainly when a conference was already deleted in another tab', async () => {
    const saved = await notebook.saveConference(DOC, content(), { startedAt: 1 });
    await notebook.deleteConference(DOC, saved.id);
    await expect(notebook.deleteConference(DOC, saved.id)).rejects.toThrow('already deleted');
    await expect(notebook.updateConference(DOC, saved.id, { notes: 'x' })).rejects.toThrow('deleted');
  });

  it('include a group conference in every member’s last-conference date', async () => {
    const maya = (await notebook.setDocumentStudent(ref(DOC), 'Maya')).student!;
    const theo = (await notebook.setDocumentStudent(ref(OTHER_DOC), 'Theo')).student!;
    await notebook.saveConference(DOC, content({ group: true }), { startedAt: 7_000, studentIds: [theo.id] });
    const byName = new Map((await notebook.listStudents()).map((s) => [s.student.name, s.student.lastConferenceAt]));
    expect(byName).toEqual(new Map([['Maya', 7_000], ['Theo', 7_000]]));
    expect(maya.id).not.toBe(theo.id);
  });
});

describe('records from a newer Confer', () => {
  const newer = { schemaVersion: 99, rev: 4, docId: DOC, somethingNew: ['kept'] };

  it('are kept untouched: writes refuse, reads skip them', async () => {
    await notebook.getSettings(); // creates the notebook
    await transact('readwrite', (records) => write(records, keys.draft(DOC), newer));
    await expect(notebook.saveDraft(DOC, content({ focus: 'x' }), 1)).rejects.toThrow('newer version of Confer');
    await expect(notebook.discardDraft(DOC)).resolves.toBeUndefined();
    await notebook.saveConference(DOC, content(), { startedAt: 1 });
    expect(await notebook.getDraft(DOC)).toBeNull();
    const stored = await transact('readonly', (records) => new Promise((resolve) => (records.get(keys.draft(DOC)).onsuccess = (e) => resolve((e.target as IDBRequest).result))));
    expect(stored).toEqual(newer);
  });
});

describe('a document’s conference pages', () => {
  const storedPage = (page: number) =>
    transact('readonly', (records) => new Promise((resolve) => (records.get(keys.conferencePage(DOC, page)).onsuccess = (e) => resolve((e.target as IDBRequest).result))));
  const storedKeys = () =>
    transact('readonly', (records) => new Promise<string[]>((resolve) => (records.getAllKeys(IDBKeyRange.bound(keys.conferencesOf(DOC), `${keys.conferencesOf(DOC)}\uffff`)).onsuccess = (e) => resolve((e.target as IDBRequest).result))));
  const focuses = async () => (await notebook.getDocumentHistory(DOC)).conferences.map((conference) => conference.focus);
  const future = { schemaVersion: 99, id: 'from-the-future', docId: DOC, somethingNew: ['kept'] };

  it('hold five conferences each; a new one goes on the last page, and an emptied page goes', async () => {
    const saved = [];
    for (let n = 1; n <= 7; n += 1) saved.push(await notebook.saveConference(DOC, content({ focus: `Focus ${n}` }), { startedAt: n }));
    expect(await storedKeys()).toEqual([keys.conferencePage(DOC, 0), keys.conferencePage(DOC, 1)]);
    expect(((await storedPage(0)) as { conferences: unknown[] }).conferences).toHaveLength(5);
    await notebook.deleteConference(DOC, saved[0]!.id);
    await notebook.saveConference(DOC, content({ focus: 'Focus 8' }), { startedAt: 8 });
    // The gap on the first page is left: the new one is on the last page, after the others.
    expect(((await storedPage(1)) as { conferences: { focus: string }[] }).conferences.map((conference) => conference.focus)).toEqual(['Focus 6', 'Focus 7', 'Focus 8']);
    for (const conference of saved.slice(5)) await notebook.deleteConference(DOC, conference.id);
    expect(await focuses()).toEqual(['Focus 8', 'Focus 5', 'Focus 4', 'Focus 3', 'Focus 2']);
    expect(await storedKeys()).toEqual([keys.conferencePage(DOC, 0), keys.conferencePage(DOC, 1)]);
    expect((await notebook.countRecords()).conferences).toBe(5);
  });

  it('keep a conference from a newer Confer untouched while the others are saved, changed and deleted', async () => {
    const first = await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 1 });
    await transact('readwrite', async (records) => {
      const page = (await new Promise((resolve) => (records.get(keys.conferencePage(DOC, 0)).onsuccess = (e) => resolve((e.target as IDBRequest).result)))) as { conferences: unknown[] };
      await write(records, keys.conferencePage(DOC, 0), { ...page, conferences: [...page.conferences, future] });
    });
    const second = await notebook.saveConference(DOC, content({ focus: 'Dialogue' }), { startedAt: 2 });
    await notebook.updateConference(DOC, second.id, { focus: 'Dialogue tags' });
    const deleted = await notebook.deleteConference(DOC, first.id);
    await expect(notebook.updateConference(DOC, 'from-the-future', { focus: 'mine now' })).rejects.toThrow('newer version of Confer');
    expect(await focuses()).toEqual(['Dialogue tags']);
    expect(((await storedPage(0)) as { conferences: unknown[] }).conferences).toEqual([future, expect.objectContaining({ focus: 'Dialogue tags' })]);
    await notebook.restoreConference(deleted);
    expect(await focuses()).toEqual(['Dialogue tags', 'Leads']);
  });

  it('from a newer Confer are left as they are: a save there is refused with a message, and nothing is lost', async () => {
    const newerPage = { schemaVersion: 99, rev: 3, docId: DOC, conferences: [future], layout: 'new' };
    await notebook.getSettings(); // creates the notebook
    await transact('readwrite', (records) => write(records, keys.conferencePage(DOC, 0), newerPage));
    await notebook.saveDraft(DOC, content({ focus: 'Endings' }), 1);
    await expect(notebook.saveConference(DOC, content({ focus: 'Endings' }), { startedAt: 1 })).rejects.toThrow('newer version of Confer');
    expect(await storedPage(0)).toEqual(newerPage);
    // The words are still in the draft.
    expect((await notebook.getDraft(DOC))?.content.focus).toBe('Endings');
  });

  it('never overwrite a page whose key a newer Confer chose', async () => {
    await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 1 });
    const strange = { schemaVersion: 99, docId: DOC, conferences: [future] };
    await transact('readwrite', (records) => write(records, `${keys.conferencesOf(DOC)}zzz`, strange));
    for (let n = 2; n <= 6; n += 1) await notebook.saveConference(DOC, content({ focus: `Focus ${n}` }), { startedAt: n });
    expect(await storedKeys()).toEqual([keys.conferencePage(DOC, 0), keys.conferencePage(DOC, 1), `${keys.conferencesOf(DOC)}zzz`]);
    expect(await focuses()).toEqual(['Focus 6', 'Focus 5', 'Focus 4', 'Focus 3', 'Focus 2', 'Leads']);
  });

  it('go when their last conference is deleted', async () => {
    const only = await notebook.saveConference(DOC, content({ focus: 'Leads' }), { startedAt: 1 });
    await notebook.deleteConference(DOC, only.id);
    expect(await storedKeys()).toEqual([]);
    expect((await notebook.countRecords()).conferences).toBe(0);
  });
});

describe('drafts', () => {
  it('come back exactly as saved', async () => {
    const typed = content({ research: 'Working on my ending', focus: 'Endings that echo the lead', questionsAsked: [{ text: 'What are you working on?', at: 5 }] });
    await notebook.saveDraft(DOC, typed, 3);
    expect(await notebook.getDraft(DOC)).toMatchObject({ docId: DOC, startedAt: 3, content: typed, rev: 1 });
    await notebook.discardDraft(DOC);
    expect(await notebook.getDraft(DOC)).toBeNull();
  });

  it('erased back to blank start nothing: the next conference starts with its own first words', async () => {
    const typed = await notebook.saveDraft(DOC, content({ notes: 'oops' }), 1_000);
    const erased = await notebook.saveDraft(DOC, content(), 1_000, typed.content);
    // A week later, the real conference.
    const real = await notebook.saveDraft(DOC, content({ focus: 'Dialogue tags' }), 605_000_000, erased.content);
    expect(real.startedAt).toBe(605_000_000);
  });

  it('left longer than a conference lasts start again with the next words, which date the conference', async () => {
    const monday = Date.UTC(2026, 2, 2, 9);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(monday);
    const note = await notebook.saveDraft(DOC, content({ research: 'Wants a surprise ending' }), monday);
    // Ten minutes on, still the same conference.
    clock.mockReturnValue(monday + 10 * 60_000);
    const more = await notebook.saveDraft(DOC, content({ research: 'Wants a surprise ending', compliment: 'Strong lead' }), monday + 10 * 60_000, note.content);
    expect(more.startedAt).toBe(monday);
    // A week later, the real conference.
    const nextMonday = monday + 7 * 86_400_000;
    clock.mockReturnValue(nextMonday);
    const real = await notebook.saveDraft(DOC, { ...more.content, focus: 'Dialogue tags' }, nextMonday, more.content);
    expect(real.startedAt).toBe(nextMonday);
    const saved = await notebook.saveConference(DOC, real.content, { startedAt: real.startedAt, draftBase: real.content });
    expect(saved).toMatchObject({ startedAt: nextMonday, endedAt: nextMonday, research: 'Wants a surprise ending' });
  });

  it('saved long after their last words ended with them', async () => {
    const monday = Date.UTC(2026, 2, 2, 9);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(monday);
    await notebook.saveDraft(DOC, content({ focus: 'Dialogue tags' }), monday - 5 * 60_000);
    clock.mockReturnValue(monday + 3 * 3_600_000);
    const saved = await notebook.saveConference(DOC, content({ focus: 'Dialogue tags' }), { startedAt: monday - 5 * 60_000, draftBase: content({ focus: 'Dialogue tags' }) });
    expect(saved).toMatchObject({ startedAt: monday - 5 * 60_000, endedAt: monday });
  });

  it('from two tabs keep both tabs’ words: each writes only what changed since it last saw the draft', async () => {
    const seen = content({ research: 'Stuck on the middle' });
    await notebook.saveDraft(DOC, seen, 10);
    // Both tabs have `seen`; one adds a teaching point, the other a note, at the same time.
    await Promise.all([
      notebook.saveDraft(DOC, { ...seen, focus: 'Cut what the reader already knows' }, 20, seen),
      notebook.saveDraft(DOC, { ...seen, notes: 'Reads aloud well' }, 15, seen),
    ]);
    expect(await notebook.getDraft(DOC)).toMatchObject({
      startedAt: 10,
      rev: 3,
      content: { research: 'Stuck on the middle', focus: 'Cut what the reader already knows', notes: 'Reads aloud well' },
    });
  });

  it('saved from one tab are not saved again by the other before it hears of it; words typed there since are', async () => {
    const typed = content({ focus: 'Dialogue tags' });
    const draft = await notebook.saveDraft(DOC, typed, 10);
    // Tab B saves; tab A, which saw the same draft and had nothing waiting, presses Save before it hears.
    await notebook.saveConference(DOC, typed, { startedAt: draft.startedAt, draftBase: draft.content });
    await expect(notebook.saveConference(DOC, typed, { startedAt: draft.startedAt, draftBase: draft.content })).rejects.toThrow(notebook.AlreadySavedError);
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
    // A next step typed in tab A meanwhile is its own record, not a second copy of the first.
    await notebook.saveConference(DOC, { ...typed, nextStep: 'Read it aloud' }, { startedAt: draft.startedAt, draftBase: draft.content });
    const both = (await notebook.getDocumentHistory(DOC)).conferences.map(({ focus, nextStep }) => ({ focus, nextStep }));
    expect(both).toHaveLength(2);
    expect(both).toEqual(expect.arrayContaining([{ focus: 'Dialogue tags', nextStep: '' }, { focus: '', nextStep: 'Read it aloud' }]));
  });

  it('whose draft went without a conference (cleared) are saved as the teacher sees them', async () => {
    const typed = content({ focus: 'Dialogue tags' });
    const draft = await notebook.saveDraft(DOC, typed, 10);
    await notebook.discardDraft(DOC);
    await notebook.saveConference(DOC, typed, { startedAt: draft.startedAt, draftBase: draft.content });
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
  });

  it('from two tabs keep both texts typed into one box even past its limit, and the conference is saved once shortened', async () => {
    const seen = content({ research: 'Stuck on the middle' });
    await notebook.saveDraft(DOC, seen, 10);
    // Both tabs write a long teaching point between two saves: together they pass its 1,000 characters.
    const here = `Here: ${'a'.repeat(700)}`;
    const there = `There: ${'b'.repeat(700)}`;
    await notebook.saveDraft(DOC, { ...seen, focus: there }, 12, seen);
    const merged = await notebook.saveDraft(DOC, { ...seen, focus: here }, 11, seen);
    expect(merged.content.focus).toBe(`${there}\n\n${here}`);
    expect((await notebook.getDraft(DOC))?.content.focus).toBe(merged.content.focus);
    // A conference keeps the usual limit, and says which box to shorten.
    await expect(notebook.saveConference(DOC, merged.content, { startedAt: 10, draftBase: merged.content })).rejects.toThrow(
      'The teaching point is too long to save (the limit is 1,000 characters). Shorten it and try again.',
    );
    expect((await notebook.getDraft(DOC))?.content.focus).toBe(merged.content.focus);
    const shortened = { ...merged.content, focus: 'b'.repeat(300) };
    expect(await notebook.saveConference(DOC, shortened, { startedAt: 10, draftBase: merged.content })).toMatchObject({ focus: shortened.focus });
  });

  it('saved as a conference from one tab include what the other tab wrote into the draft meanwhile', async () => {
    const seen = content({ focus: 'Cut what the reader already knows' });
    await notebook.saveDraft(DOC, seen, 10);
    // The other tab adds a note; this tab, which has not seen it yet, saves the conference.
    await notebook.saveDraft(DOC, { ...seen, notes: 'Reads aloud well' }, 12, seen);
    const saved = await notebook.saveConference(DOC, { ...seen, nextStep: 'Cut one paragraph' }, { startedAt: 10, draftBase: seen });
    expect(saved).toMatchObject({ focus: 'Cut what the reader already knows', notes: 'Reads aloud well', nextStep: 'Cut one paragraph' });
    expect(await notebook.getDraft(DOC)).toBeNull();
  });
});

describe('question and compliment banks, settings', () => {
  it('add, edit and delete the teacher’s own questions', async () => {
    const added = await notebook.addQuestion({ text: 'What part are you proudest of?', phase: 'opening', kinds: [] });
    await notebook.updateQuestion(added.id, { text: 'Which part are you proudest of?' });
    expect((await notebook.listQuestions()).map((q) => q.text)).toEqual(['Which part are you proudest of?']);
    await notebook.deleteQuestion(added.id);
    expect(await notebook.listQuestions()).toEqual([]);
  });

  it('put a deleted question or compliment back exactly as it was (Undo), once', async () => {
    const question = await notebook.addQuestion({ text: 'What part are you proudest of?', phase: 'opening', kinds: ['content'] });
    const compliment = await notebook.addCompliment({ text: 'Your ending circles back to the start, {name}.', craft: 'organisation' });
    const gone = await notebook.deleteQuestion(question.id);
    expect(gone).toEqual(question);
    expect(await notebook.deleteQuestion(question.id)).toBeNull();
    await notebook.restoreQuestion(gone!);
    await notebook.restoreQuestion(gone!);
    expect(await notebook.listQuestions()).toEqual([{ ...question, rev: question.rev + 1 }]);

    const removed = await notebook.deleteCompliment(compliment.id);
    expect(removed).toEqual(compliment);
    // Written again meanwhile (another tab's undo): this undo changes nothing.
    await notebook.restoreCompliment(removed!);
    await notebook.updateCompliment(compliment.id, { text: 'Your ending circles back, {name}.' });
    await notebook.restoreCompliment(removed!);
    expect((await notebook.listCompliments()).map((entry) => entry.text)).toEqual(['Your ending circles back, {name}.']);
  });

  it('refuse an empty compliment', async () => {
    await expect(notebook.addCompliment({ text: '', craft: 'voice' })).rejects.toThrow(notebook.NotebookError);
  });

  it('keep settings, starting from sensible defaults', async () => {
    expect((await notebook.getSettings()).dueAfterDays).toBe(14);
    await notebook.updateSettings(() => ({ dueAfterDays: 7, favouriteQuestions: ['q-1'] }));
    expect(await notebook.getSettings()).toMatchObject({ dueAfterDays: 7, favouriteQuestions: ['q-1'], rev: 1 });
  });
});

describe('delete everything', () => {
  it('needs the phrase typed, then empties the notebook', async () => {
    await notebook.setDocumentStudent(ref(DOC), 'Maya');
    await notebook.saveConference(DOC, content(), { startedAt: 1 });
    await expect(notebook.deleteEverything('yes')).rejects.toThrow('Nothing was deleted');
    expect((await notebook.countRecords()).conferences).toBe(1);
    await notebook.deleteEverything('Delete everything');
    expect(await notebook.countRecords()).toEqual({ student: 0, document: 0, conferences: 0, draft: 0, question: 0, compliment: 0 });
  });

  it('also deletes the words a closing panel kept for the next one, unposted comments, and nothing else in localStorage', async () => {
    keepUnsavedWords('panel-1', { docId: DOC, content: content(), base: emptyConferenceContent(), startedAt: 1, at: 2 });
    keepUnsavedName('panel-1', { docId: DOC, name: 'Maya', at: 2 });
    keepUnpostedComment(DOC, 'Your lead pulls me in.');
    localStorage.setItem('someone-else', 'kept');
    await notebook.deleteEverything('delete everything');
    expect(unsavedWordsFor(DOC)).toEqual([]);
    expect(unsavedNamesFor(DOC)).toEqual([]);
    expect(readUnpostedComment(DOC)).toBe('');
    expect(localStorage.getItem('someone-else')).toBe('kept');
  });
});

describe('change announcements', () => {
  it('name the document and students a save touched', async () => {
    const { student } = await notebook.setDocumentStudent(ref(DOC), 'Maya');
    const seen: NotebookChange[] = [];
    const stop = onNotebookChange((change) => seen.push(change));
    await notebook.saveConference(DOC, content(), { startedAt: 1 });
    stop();
    expect(seen).toEqual([{ documents: [DOC], students: [student?.id] }]);
  });

  it('name only the draft while the teacher types, and the document too when its record was new', async () => {
    const seen: NotebookChange[] = [];
    const stop = onNotebookChange((change) => seen.push(change));
    await notebook.saveDraft(DOC, content({ focus: 'a' }), 1);
    await notebook.saveDraft(DOC, content({ focus: 'ab' }), 1);
    stop();
    expect(seen).toEqual([{ documents: [DOC], drafts: [DOC] }, { drafts: [DOC] }]);
  });

  it('name the document when it is first opened or renamed, but not each time it is opened again', async () => {
    const seen: NotebookChange[] = [];
    const stop = onNotebookChange((change) => seen.push(change));
    await notebook.noteDocumentOpened(ref(DOC), 'Maya Okafor - Narrative');
    const later = Date.now() + 3_600_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
    await notebook.noteDocumentOpened(ref(DOC), 'Maya Okafor - Narrative');
    clock.mockRestore();
    // Still noted: when it was opened is kept, though no page shows it.
    expect((await notebook.getDocumentHistory(DOC)).document?.lastOpened).toBe(later);
    await notebook.noteDocumentOpened(ref(DOC), null);
    await notebook.noteDocumentOpened(ref(DOC), 'Maya Okafor - Narrative (final)');
    stop();
    expect(seen).toEqual([{ documents: [DOC] }, { documents: [DOC] }]);
    expect((await notebook.getDocumentHistory(DOC)).document?.title).toBe('Maya Okafor - Narrative (final)');
  });

  it('are not announced for a write that failed', async () => {
    const seen: NotebookChange[] = [];
    onNotebookChange((change) => seen.push(change));
    await expect(notebook.saveConference(DOC, content({ notes: 'x'.repeat(30_000) }), { startedAt: 1 })).rejects.toThrow();
    expect(seen).toEqual([]);
  });
});

describe('a student’s other documents', () => {
  it('give their conferences, newest first, with the documents they were on', async () => {
    const { student } = await notebook.setDocumentStudent(ref(DOC), 'Maya');
    await notebook.setDocumentStudent(ref(OTHER_DOC), 'maya');
    await notebook.noteDocumentOpened(ref(OTHER_DOC), 'Maya - Essay');
    await notebook.saveConference(DOC, content({ focus: 'here' }), { startedAt: 9 });
    await notebook.saveConference(OTHER_DOC, content({ focus: 'older essay' }), { startedAt: 1 });
    await notebook.saveConference(OTHER_DOC, content({ focus: 'newer essay' }), { startedAt: 5 });
    const { students, conferences, others, suggested } = await notebook.getStudentHistory(DOC, null);
    expect(students.map((s) => s.id)).toEqual([student!.id]);
    expect(conferences.map((c) => c.focus)).toEqual(['here']);
    expect(others.conferences.map((c) => c.focus)).toEqual(['newer essay', 'older essay']);
    expect(others.documents.map((d) => d.title)).toEqual(['Maya - Essay']);
    expect(suggested).toBeNull();
  });

  it('are those of the student a document’s title suggests, while it has no student of its own', async () => {
    await notebook.setDocumentStudent(ref(OTHER_DOC), 'Maya Okafor');
    await notebook.saveConference(OTHER_DOC, content({ focus: 'essay' }), { startedAt: 5 });
    const guessed = await notebook.getStudentHistory(DOC, ' maya  okafor ');
    expect(guessed.suggested?.name).toBe('Maya Okafor');
    expect(guessed.students).toEqual([]);
    expect(guessed.others.conferences.map((c) => c.focus)).toEqual(['essay']);
    // Nobody suggested, or a name the notebook doesn't know: no one else's conferences.
    for (const name of [null, 'Jamal Reed', '   ']) expect(await notebook.getStudentHistory(DOC, name)).toMatchObject({ suggested: null, others: { conferences: [], documents: [] } });
  });
});
