/**
 * Shared helpers for the notebook's tests: a fresh database for each test, a snapshot of every
 * stored record, a small valid notebook, and backup files built around any data (with the checksum
 * and counts made to match, so a test reaches the check it means to test).
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, COLLECTIONS, applyImport, sha256Hex, type BackupData } from './backup';
import { closeChangeChannel } from './changes';
import { closeNotebookConnection, transact } from './db';
import { SCHEMA_VERSION } from './model';
import { resetUpgradeForTests } from './upgrade';

/** A new, empty IndexedDB and a forgotten connection and upgrade: the next call starts from nothing. */
export function freshNotebook(): void {
  globalThis.indexedDB = new IDBFactory();
  // Where a closing panel keeps words not yet written (unsaved-words.ts), when the tests have one.
  globalThis.localStorage?.clear();
  closeNotebookConnection();
  resetUpgradeForTests();
}

/** Gives every test in the file its own empty notebook. */
export function useFreshNotebook(): void {
  beforeEach(freshNotebook);
  afterEach(() => closeChangeChannel());
}

/**
 * Every key and value in the notebook's store, exactly as stored, serialised so that a comparison
 * also catches changed key order, `rev` and bookkeeping records.
 */
export async function snapshotNotebook(): Promise<string> {
  const entries = await transact('readonly', async (records) => {
    const [storedKeys, values] = await Promise.all([request(records.getAllKeys()), request(records.getAll())]);
    return storedKeys.map((key, index) => [key, values[index]] as const);
  });
  return JSON.stringify(entries);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('request failed'));
  });
}

export const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
export const DOC_A = 'docA_1aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
export const DOC_B = 'docB_1zYxWvUtSrQpOnMlKjIhGfEdCbA987654';
export const DOC_C = 'docC_0123456789-_abcdefghijklmnopqrstu';

/**
 * A small notebook with every kind of record, every list non-empty on the first record of its kind
 * and every nullable field set on it, and each student's last-conference date consistent with the
 * conferences (so importing it changes nothing but what it says). Records list their fields in
 * schema order, as Confer writes them.
 */
export function sampleData(): BackupData {
  return {
    students: [
      {
        schemaVersion: SCHEMA_VERSION,
        rev: 3,
        id: 's1-maya',
        name: 'Maya Okafor',
        classGroup: 'Period 3',
        goals: ['Use dialogue to show feelings', '=not a formula'],
        createdAt: T0,
        updatedAt: T0 + 1_000,
        lastConferenceAt: T0 + 2 * HOUR,
      },
      {
        schemaVersion: SCHEMA_VERSION,
        rev: 1,
        id: 's2-jamal',
        name: 'Jamal “JJ” Rahimi',
        classGroup: null,
        goals: [],
        createdAt: T0,
        updatedAt: T0,
        lastConferenceAt: T0 + 2 * HOUR,
      },
      {
        schemaVersion: SCHEMA_VERSION,
        rev: 1,
        id: 's3-noor',
        name: 'نور الهدى',
        classGroup: 'Period 5',
        goals: [],
        createdAt: T0,
        updatedAt: T0,
        lastConferenceAt: null,
      },
    ],
    documents: [
      { schemaVersion: SCHEMA_VERSION, rev: 4, docId: DOC_A, title: 'Maya – Narrative 🌊', accountSlot: 1, studentIds: ['s1-maya'], lastOpened: T0 + HOUR, updatedAt: T0 + HOUR },
      { schemaVersion: SCHEMA_VERSION, rev: 2, docId: DOC_B, title: null, accountSlot: null, studentIds: ['s1-maya', 's2-jamal'], lastOpened: T0, updatedAt: T0 },
      { schemaVersion: SCHEMA_VERSION, rev: 1, docId: DOC_C, title: 'Untitled document', accountSlot: null, studentIds: ['s3-noor'], lastOpened: T0, updatedAt: T0 },
    ],
    conferences: [
      {
        schemaVersion: SCHEMA_VERSION,
        rev: 1,
        id: 'c-1',
        docId: DOC_A,
        studentIds: ['s1-maya'],
        startedAt: T0 + HOUR,
        endedAt: T0 + HOUR + 7 * 60_000,
        updatedAt: T0 + HOUR + 7 * 60_000,
        kind: 'content',
        group: false,
        peer: false,
        research: 'Working on her lead.\nWants it “scarier”.',
        compliment: 'Great sensory details',
        focus: 'Slow down the exciting part',
        nextStep: 'Rewrite the lead two ways',
        notes: 'She said "I like the ending"',
        questionsAsked: [{ text: 'What are you working on?', at: T0 + HOUR + 60_000 }],
        comments: [{ text: 'Try stretching this moment.', quote: 'the wave hit', postedAt: T0 + HOUR + 120_000 }],
      },
      {
        schemaVersion: SCHEMA_VERSION,
        rev: 2,
        id: 'c-2',
        docId: DOC_B,
        studentIds: ['s1-maya', 's2-jamal'],
        startedAt: T0 + 2 * HOUR,
        endedAt: null,
        updatedAt: T0 + 2 * HOUR,
        kind: 'convention',
        group: true,
        peer: false,
        research: '',
        compliment: '',
        focus: 'Paragraphs',
        nextStep: '',
        notes: '',
        questionsAsked: [],
        comments: [],
      },
    ],
    drafts: [
      {
        schemaVersion: SCHEMA_VERSION,
        rev: 5,
        docId: DOC_C,
        startedAt: T0 + 3 * HOUR,
        updatedAt: T0 + 3 * HOUR + 5_000,
        content: {
          kind: 'rehearsal',
          group: false,
          peer: true,
          research: 'Planning',
          compliment: 'Clear plan',
          focus: 'Say it aloud first',
          nextStep: 'Tell a partner',
          notes: 'שלום 👋',
          questionsAsked: [{ text: 'How is it going?', at: T0 + 3 * HOUR }],
          comments: [{ text: 'Nice', quote: '', postedAt: T0 + 3 * HOUR }],
        },
      },
    ],
    questions: [
      { schemaVersion: SCHEMA_VERSION, rev: 1, id: 'q-1', text: 'What do you want your reader to feel?', phase: 'reading', kinds: ['content', 'expectation'], createdAt: T0, updatedAt: T0 },
    ],
    compliments: [{ schemaVersion: SCHEMA_VERSION, rev: 1, id: 'k-1', text: 'Your dialogue sounds like real people.', craft: 'voice', createdAt: T0, updatedAt: T0 }],
    settings: {
      schemaVersion: SCHEMA_VERSION,
      rev: 2,
      dueAfterDays: 10,
      favouriteQuestions: ['q-1'],
      favouriteCompliments: ['k-1'],
      recentCompliments: ['k-1'],
      persistence: 'granted',
      updatedAt: T0,
    },
  };
}

/** Puts `data` into the (empty) notebook through an import. */
export async function seedNotebook(data: BackupData = sampleData()): Promise<void> {
  await applyImport(data);
}

export interface EnvelopeOverrides {
  [key: string]: unknown;
}

/**
 * The text of a backup file around `data`, with counts and checksum that match it (unless
 * overridden). `data` need not be valid: that is the point.
 */
export async function backupText(data: unknown, overrides: EnvelopeOverrides = {}): Promise<string> {
  const dataText = JSON.stringify(data);
  return envelopeAround(dataText, countsOf(data), overrides);
}

/** Like `backupText`, but around data already written as text (for data JSON.stringify can't write). */
export async function envelopeAround(dataText: string, counts: Record<string, number>, overrides: EnvelopeOverrides = {}): Promise<string> {
  const header = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: '0.1.0',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date(T0).toISOString(),
    counts,
    checksum: `sha256:${await sha256Hex(dataText)}`,
    ...overrides,
  };
  const headerText = JSON.stringify(header);
  // `data` last, as Confer writes it.
  return `${headerText.slice(0, -1)},"data":${dataText}}`;
}

function countsOf(data: unknown): Record<string, number> {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(COLLECTIONS.map((name) => [name, Array.isArray(record[name]) ? (record[name] as unknown[]).length : 0]));
}

/** Sets an own property (even `__proto__`), so JSON.stringify writes it as a plain key. */
export function withOwnKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Words a teacher should never see in a message. */
export const RAW_ERROR_TEXT = /undefined|\[object|SyntaxError|Unexpected token|Unexpected end|RangeError|TypeError|Maximum call stack|JSON\.|valibot|NaN|\bnull\b|[{}]/;
