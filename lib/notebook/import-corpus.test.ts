/**
 * A corpus of malformed and hostile backup files, built from a table of ways to break one. Each is
 * checked against a notebook holding known data: the file must be refused with a message in plain
 * words, and the notebook must be exactly as it was. Where a case corrupts one record, counts and
 * checksum are made to match the corrupted data, so the file reaches the check the case is about.
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, MAX_BACKUP_BYTES, NOUN, sha256Hex, validateBackup, type Collection } from './backup';
import { CONFERENCE_KINDS, FIELD_LABELS, LIMITS, SCHEMA_VERSION, draftTextLimit } from './model';
import { RAW_ERROR_TEXT, backupText, envelopeAround, sampleData, seedNotebook, snapshotNotebook, useFreshNotebook, withOwnKey } from './test-helpers';

useFreshNotebook();

type Node = Record<string | number, unknown>;
type Path = readonly (string | number)[];
type Build = () => Promise<string | Blob>;
interface Case {
  name: string;
  build: Build;
  /** What the message must say, when the case is about one particular check. */
  says?: RegExp;
}

const cases: Case[] = [];
const add = (name: string, build: Build, says?: RegExp): void => {
  cases.push({ name, build, says });
};

/* ------------------------------------------------------------------------------------ helpers */

const DELETE = Symbol('delete');
const base = (): Node => sampleData() as unknown as Node;
const baseText = (): Promise<string> => backupText(sampleData());

function nodeAt(data: unknown, path: Path): Node {
  let node = data as Node;
  for (const key of path) node = node[key] as Node;
  return node;
}

/** A copy of `data` with the value at `path` replaced (or deleted). */
function edit(data: unknown, path: Path, value: unknown): Node {
  const copy = structuredClone(data) as Node;
  const parent = nodeAt(copy, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (value === DELETE) delete parent[last];
  else if (typeof last === 'number') parent[last] = value;
  else withOwnKey(parent, last, value);
  return copy;
}

/** A value of another type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  if (value === null) return true;
  return 'not a record';
}


/** The teacher's names for the fields, as the messages use them. */
const LABEL = FIELD_LABELS;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The message for a problem in the first record of `where` ('settings' or a collection). */
const inRecord = (where: Collection | 'settings', index = 1): string =>
  where === 'settings' ? '^The settings in the file can’t be imported: ' : `^${escape(NOUN[where])} ${index} in the file can’t be imported: `;
const says = (where: Collection | 'settings', detail: string): RegExp => new RegExp(`${inRecord(where)}${detail}\\. Nothing was imported\\.$`);

/** A file around `data` with matching counts and checksum. */
const fileOf =
  (data: () => unknown, overrides: Record<string, unknown> = {}): Build =>
  () =>
    backupText(data(), overrides);

const NOT_A_BACKUP = /^This file isn’t a Confer backup\./;
const UNREADABLE = /^This file isn’t a Confer backup\. .*This one can’t be read/;
const HEADER = /^This Confer backup is incomplete or damaged: part of its header is missing or wrong\./;
const CHECKSUM = /checksum doesn’t match/;
const COUNTS = /record counts don’t match/;
const NEWER = /^This backup was made by a newer version of Confer\. Update Confer/;
const FORMAT_NUMBER = /from a version this Confer can’t read/;
/** Deep nesting is refused where it sits: the record (or list) holding it is named. */
const DAMAGED = /^(Student 1|Conference 1|Unsaved conference 1|Question 1) in the file can’t be imported|^The settings in the file can’t be imported|^This Confer backup is incomplete or damaged/;

/* ------------------------------------------------------------------------------- truncations */

const SLICES = 48;
for (let i = 1; i < SLICES; i += 1) {
  add(`truncated at ${i}/${SLICES} of its length`, async () => {
    const text = await baseText();
    return text.slice(0, Math.floor((text.length * i) / SLICES));
  }, UNREADABLE);
}
for (const missing of [1, 2, 3, 5, 8, 13, 40]) {
  add(`the last ${missing} characters cut off`, async () => (await baseText()).slice(0, -missing), UNREADABLE);
}
for (const kept of [1, 2, 10]) add(`only the first ${kept} characters`, async () => (await baseText()).slice(0, kept), UNREADABLE);

/* ----------------------------------------------------------------- every field: wrong type, missing */

/** Where the first record of each kind is, inside `data`. */
const FIRST: [Collection | 'settings', Path][] = [...COLLECTIONS.map((name): [Collection, Path] => [name, [name, 0]]), ['settings', ['settings']]];
for (const [where, dataPath] of FIRST) {
  const record = nodeAt(base(), dataPath);
  for (const [field, value] of Object.entries(record)) {
    const label = escape(LABEL[field]!);
    add(`${where}: ${field} of the wrong type`, fileOf(() => edit(base(), [...dataPath, field], wrongType(value))), says(where, `the ${label} (has|have) a value Confer doesn’t recognise`));
    add(`${where}: ${field} missing`, fileOf(() => edit(base(), [...dataPath, field], DELETE)), says(where, `the ${label} (is|are) missing`));
  }
}
// Inside a draft's conference, and inside the questions and comments lists.
for (const [field, value] of Object.entries(nodeAt(base(), ['drafts', 0, 'content']))) {
  const label = escape(LABEL[field]!);
  add(`drafts: content.${field} of the wrong type`, fileOf(() => edit(base(), ['drafts', 0, 'content', field], wrongType(value))), says('drafts', `the ${label} (has|have) a value Confer doesn’t recognise`));
  add(`drafts: content.${field} missing`, fileOf(() => edit(base(), ['drafts', 0, 'content', field], DELETE)), says('drafts', `the ${label} (is|are) missing`));
}
for (const list of ['questionsAsked', 'comments'] as const) {
  const listLabel = escape(LABEL[list]!);
  for (const [field, value] of Object.entries(nodeAt(base(), ['conferences', 0, list, 0]))) {
    const label = escape(LABEL[field]!);
    add(`conferences: ${list}[0].${field} of the wrong type`, fileOf(() => edit(base(), ['conferences', 0, list, 0, field], wrongType(value))), says('conferences', `the ${label} of one of the ${listLabel} has a value Confer doesn’t recognise`));
    add(`conferences: ${list}[0].${field} missing`, fileOf(() => edit(base(), ['conferences', 0, list, 0, field], DELETE)), says('conferences', `the ${label} of one of the ${listLabel} is missing`));
  }
  add(`conferences: ${list}[0] not a record`, fileOf(() => edit(base(), ['conferences', 0, list, 0], 'just text')), says('conferences', `one of the ${listLabel} has a value Confer doesn’t recognise`));
}
const ELEMENTS: [Collection | 'settings', Path, unknown][] = [
  ['students', ['students', 0, 'goals', 0], 42],
  ['documents', ['documents', 0, 'studentIds', 0], 42],
  ['documents', ['documents', 0, 'studentIds', 0], 'has space'],
  ['conferences', ['conferences', 0, 'studentIds', 0], null],
  ['questions', ['questions', 0, 'kinds', 0], 'poem'],
  ['settings', ['settings', 'favouriteQuestions', 0], 42],
  ['settings', ['settings', 'favouriteCompliments', 0], { id: 'k-1' }],
  ['settings', ['settings', 'recentCompliments', 0], null],
];
for (const [where, path, value] of ELEMENTS) {
  add(`${where}: ${path.slice(where === 'settings' ? 1 : 2).join('.')} is ${JSON.stringify(value)}`, fileOf(() => edit(base(), path, value)), says(where, `one of the ${escape(LABEL[String(path[path.length - 2])]!)} has a value Confer doesn’t recognise`));
}

/* -------------------------------------------------------------------- right type, wrong value */

const BAD_VALUES: [Collection | 'settings', Path, unknown, string][] = [
  ['students', ['students', 0, 'name'], '', 'the name is empty'],
  ['students', ['students', 0, 'id'], 'has spaces', 'the id has a value'],
  ['students', ['students', 0, 'id'], '', 'the id has a value'],
  ['students', ['students', 0, 'id'], '../../etc', 'the id has a value'],
  ['students', ['students', 0, 'createdAt'], -1, 'the date created has a value'],
  ['students', ['students', 0, 'createdAt'], 1.5, 'the date created has a value'],
  ['students', ['students', 0, 'updatedAt'], 8.64e15 + 1, 'the date last changed has a value'],
  ['students', ['students', 0, 'rev'], -1, 'the revision number has a value'],
  ['students', ['students', 0, 'schemaVersion'], 1, 'the record version has a value'],
  ['documents', ['documents', 0, 'docId'], 'short', 'the document id has a value'],
  ['documents', ['documents', 0, 'docId'], 'has/slash/in/the/id/x', 'the document id has a value'],
  ['documents', ['documents', 0, 'accountSlot'], 100, 'the Google account number has a value'],
  ['documents', ['documents', 0, 'accountSlot'], -1, 'the Google account number has a value'],
  ['conferences', ['conferences', 0, 'kind'], 'poem', 'the conference type has a value'],
  ['conferences', ['conferences', 0, 'group'], 1, 'the group conference mark has a value'],
  ['conferences', ['conferences', 0, 'endedAt'], -5, 'the end time has a value'],
  ['conferences', ['conferences', 0, 'startedAt'], 1e300, 'the start time has a value'],
  ['drafts', ['drafts', 0, 'content', 'kind'], 'COMPLIMENT', 'the conference type has a value'],
  ['questions', ['questions', 0, 'phase'], 'closing', 'the conference phase has a value'],
  ['questions', ['questions', 0, 'text'], '', 'the text is empty'],
  ['compliments', ['compliments', 0, 'text'], '', 'the text is empty'],
  ['compliments', ['compliments', 0, 'craft'], 'Voice', 'the craft has a value'],
  ['settings', ['settings', 'dueAfterDays'], 0, 'the days until a student is due has a value'],
  ['settings', ['settings', 'dueAfterDays'], 366, 'the days until a student is due has a value'],
  ['settings', ['settings', 'dueAfterDays'], 7.5, 'the days until a student is due has a value'],
  ['settings', ['settings', 'persistence'], 'always', 'the storage setting has a value'],
];
for (const [where, path, value, detail] of BAD_VALUES) {
  add(`${where}: ${path.slice(where === 'settings' ? 1 : 2).join('.')} = ${JSON.stringify(value)}`, fileOf(() => edit(base(), path, value)), new RegExp(`${inRecord(where)}${escape(detail)}`));
}
add('students: a record from a newer Confer', fileOf(() => edit(base(), ['students', 1, 'schemaVersion'], SCHEMA_VERSION + 1)), NEWER);
add('drafts: a record from a newer Confer', fileOf(() => edit(base(), ['drafts', 0, 'schemaVersion'], SCHEMA_VERSION + 7)), NEWER);

/* ---------------------------------------------------------------------- over-long, every cap */

const long = (length: number): string => 'x'.repeat(length);
const ids = (count: number): string[] => Array.from({ length: count }, (_, index) => `id-${index}`);
const TOO_LONG: [Collection | 'settings', Path, unknown, string][] = [
  ['students', ['students', 0, 'id'], long(LIMITS.id + 1), 'the id is too long'],
  ['students', ['students', 0, 'name'], long(LIMITS.name + 1), 'the name is too long'],
  ['students', ['students', 0, 'classGroup'], long(LIMITS.classGroup + 1), 'the class is too long'],
  ['students', ['students', 0, 'goals', 0], long(LIMITS.goal + 1), 'one of the goals is too long'],
  ['students', ['students', 0, 'goals'], Array.from({ length: LIMITS.goals + 1 }, () => 'goal'), 'there are too many goals'],
  ['documents', ['documents', 0, 'title'], long(LIMITS.title + 1), 'the title is too long'],
  ['documents', ['documents', 0, 'docId'], `d${long(128)}`, 'the document id has a value'],
  ['documents', ['documents', 0, 'studentIds'], ids(LIMITS.studentsPerDocument + 1), 'there are too many students'],
  ['documents', ['documents', 0, 'studentIds', 0], long(LIMITS.id + 1), 'one of the students is too long'],
  ['conferences', ['conferences', 0, 'id'], long(LIMITS.id + 1), 'the id is too long'],
  ['conferences', ['conferences', 0, 'studentIds'], ids(LIMITS.studentsPerConference + 1), 'there are too many students'],
  ['conferences', ['conferences', 0, 'research'], long(LIMITS.longText + 1), 'the research is too long'],
  ['conferences', ['conferences', 0, 'compliment'], long(LIMITS.shortText + 1), 'the compliment is too long'],
  ['conferences', ['conferences', 0, 'focus'], long(LIMITS.focus + 1), 'the teaching point is too long (the limit is 1,000 characters)'],
  ['conferences', ['conferences', 0, 'nextStep'], long(LIMITS.shortText + 1), 'the next step is too long'],
  ['conferences', ['conferences', 0, 'notes'], long(LIMITS.longText + 1), 'the notes are too long'],
  ['conferences', ['conferences', 0, 'questionsAsked'], Array.from({ length: LIMITS.questionsAsked + 1 }, () => ({ text: 'q', at: 1 })), 'there are too many questions asked'],
  ['conferences', ['conferences', 0, 'questionsAsked', 0, 'text'], long(LIMITS.questionText + 1), 'the text of one of the questions asked is too long'],
  ['conferences', ['conferences', 0, 'comments'], Array.from({ length: LIMITS.comments + 1 }, () => ({ text: 't', quote: 'q', postedAt: 1 })), 'there are too many comments posted'],
  ['conferences', ['conferences', 0, 'comments', 0, 'text'], long(LIMITS.commentText + 1), 'the text of one of the comments posted is too long'],
  ['conferences', ['conferences', 0, 'comments', 0, 'quote'], long(LIMITS.commentText + 1), 'the quoted words of one of the comments posted is too long'],
  ['drafts', ['drafts', 0, 'content', 'research'], long(draftTextLimit(LIMITS.longText) + 1), 'the research is too long'],
  ['drafts', ['drafts', 0, 'content', 'compliment'], long(draftTextLimit(LIMITS.shortText) + 1), 'the compliment is too long'],
  ['drafts', ['drafts', 0, 'content', 'focus'], long(draftTextLimit(LIMITS.focus) + 1), 'the teaching point is too long'],
  ['drafts', ['drafts', 0, 'content', 'nextStep'], long(draftTextLimit(LIMITS.shortText) + 1), 'the next step is too long'],
  ['drafts', ['drafts', 0, 'content', 'notes'], long(draftTextLimit(LIMITS.longText) + 1), 'the notes are too long'],
  ['drafts', ['drafts', 0, 'content', 'questionsAsked', 0, 'text'], long(LIMITS.questionText + 1), 'the text of one of the questions asked is too long'],
  ['drafts', ['drafts', 0, 'content', 'comments', 0, 'quote'], long(LIMITS.commentText + 1), 'the quoted words of one of the comments posted is too long'],
  ['questions', ['questions', 0, 'id'], long(LIMITS.id + 1), 'the id is too long'],
  ['questions', ['questions', 0, 'text'], long(LIMITS.questionText + 1), 'the text is too long'],
  ['questions', ['questions', 0, 'kinds'], [...CONFERENCE_KINDS, 'content'], 'there are too many conference types'],
  ['compliments', ['compliments', 0, 'id'], long(LIMITS.id + 1), 'the id is too long'],
  ['compliments', ['compliments', 0, 'text'], long(LIMITS.commentText + 1), 'the text is too long'],
  ['settings', ['settings', 'favouriteQuestions'], ids(LIMITS.favourites + 1), 'there are too many favourite questions'],
  ['settings', ['settings', 'favouriteCompliments'], ids(LIMITS.favourites + 1), 'there are too many favourite compliments'],
  ['settings', ['settings', 'recentCompliments'], ids(LIMITS.favourites + 1), 'there are too many recent compliments'],
  ['settings', ['settings', 'favouriteQuestions', 0], long(LIMITS.id + 1), 'one of the favourite questions is too long'],
  ['settings', ['settings', 'recentCompliments', 0], long(LIMITS.id + 1), 'one of the recent compliments is too long'],
];
for (const [where, path, value, detail] of TOO_LONG) {
  add(`${where}: ${path.slice(where === 'settings' ? 1 : 2).join('.')} over its cap`, fileOf(() => edit(base(), path, value)), new RegExp(`${inRecord(where)}${escape(detail)}`));
}
add('a huge string (5 MB) as a student’s name', fileOf(() => edit(base(), ['students', 0, 'name'], long(5 * 1024 * 1024))), says('students', 'the name is too long \\(the limit is 120 characters\\)'));
add('envelope: appVersion over its cap', fileOf(() => sampleData(), { appVersion: long(41) }), HEADER);
add('envelope: exportedAt over its cap', fileOf(() => sampleData(), { exportedAt: long(10_000) }), HEADER);
add('over 25 MB of text', async () => `${await baseText()}${' '.repeat(MAX_BACKUP_BYTES)}`, /^This file is too large to be a Confer backup/);

/* ------------------------------------------------------------------------------ deep nesting */

const DEPTH = 100_000;
const DEEP_ARRAY = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const PLACEHOLDER = 'DEEP-NESTING-GOES-HERE';

/** A file with `deep` written where `path` is, checksum and counts matching. */
const deepAt =
  (path: Path, deep: string): Build =>
  async () => {
    const withPlaceholder = edit(base(), path, PLACEHOLDER);
    const counts = Object.fromEntries(COLLECTIONS.map((name) => [name, Array.isArray(withPlaceholder[name]) ? (withPlaceholder[name] as unknown[]).length : 1]));
    const dataText = JSON.stringify(withPlaceholder).replace(`"${PLACEHOLDER}"`, deep);
    return envelopeAround(dataText, counts);
  };
for (const [shape, deep] of [
  ['arrays', DEEP_ARRAY],
  ['objects', DEEP_OBJECT],
] as const) {
  add(`100,000 nested ${shape} as a student’s name`, deepAt(['students', 0, 'name'], deep), DAMAGED);
  add(`100,000 nested ${shape} as a conference’s notes`, deepAt(['conferences', 0, 'notes'], deep), DAMAGED);
  add(`100,000 nested ${shape} as a draft’s content`, deepAt(['drafts', 0, 'content'], deep), DAMAGED);
  add(`100,000 nested ${shape} as a whole record`, deepAt(['questions', 0], deep), DAMAGED);
  add(`100,000 nested ${shape} as the settings`, deepAt(['settings'], deep), DAMAGED);
  add(`100,000 nested ${shape} as the students list`, deepAt(['students'], deep), shape === 'arrays' ? DAMAGED : HEADER);
  add(`100,000 nested ${shape} as the counts`, async () => (await baseText()).replace(/"counts":\{[^}]*\}/, `"counts":${deep}`), HEADER);
  add(`100,000 nested ${shape} as the app version`, async () => (await baseText()).replace(/"appVersion":"[^"]*"/, `"appVersion":${deep}`), HEADER);
  add(`100,000 nested ${shape} as the whole file`, async () => deep, NOT_A_BACKUP);
  add(`100,000 nested ${shape} inside the format name`, async () => (await baseText()).replace(/"format":"[^"]*"/, `"format":${deep}`), NOT_A_BACKUP);
}
add('100,000 unclosed arrays', async () => '['.repeat(DEPTH), UNREADABLE);

/* ---------------------------------------------------------------------------- duplicate ids */

for (const name of COLLECTIONS) {
  add(`${name}: the first record twice`, fileOf(() => {
    const data = base();
    (data[name] as unknown[]).push(structuredClone((data[name] as unknown[])[0]));
    return data;
  }), /^(Student|Document|Conference|Unsaved conference|Question|Compliment)s 1 and \d+ in the file are the same record twice\. Nothing was imported\.$/);
}
add('students: two different records with one id', fileOf(() => {
  const data = base();
  (data.students as Node[]).push({ ...(data.students as Node[])[1]!, id: 's1-maya', name: 'Someone else' });
  return data;
}), /^Students 1 and 4 in the file are the same record twice/);
add('conferences: the same conference id twice on one document', fileOf(() => {
  const data = base();
  (data.conferences as Node[]).push({ ...(data.conferences as Node[])[1]!, docId: (data.conferences as Node[])[0]!.docId, id: 'c-1' });
  return data;
}), /^Conferences 1 and 3 in the file are the same record twice/);
add('questions: a thousand copies of one question', fileOf(() => {
  const data = base();
  data.questions = Array.from({ length: 1000 }, () => structuredClone((data.questions as unknown[])[0]));
  return data;
}), /^Questions 1 and 2 in the file are the same record twice/);

/* ------------------------------------------------------------------------- broken references */

const DANGLING: [string, Path, unknown, RegExp][] = [
  ['a document names a student who isn’t in the file', ['documents', 1, 'studentIds'], ['s1-maya', 's-ghost'], /^Document 2 in the file names a student who isn’t in the file/],
  ['a document names a student by the wrong case', ['documents', 0, 'studentIds'], ['S1-MAYA'], /^Document 1 in the file names a student who isn’t in the file/],
  ['a conference belongs to a document that isn’t in the file', ['conferences', 1, 'docId'], 'docZ_notInTheFile00000', /^Conference 2 in the file belongs to a document that isn’t in the file/],
  ['a conference names a student who isn’t in the file', ['conferences', 0, 'studentIds'], ['s-ghost'], /^Conference 1 in the file names a student who isn’t in the file/],
  ['a draft belongs to a document that isn’t in the file', ['drafts', 0, 'docId'], 'docZ_notInTheFile00000', /^Unsaved conference 1 in the file belongs to a document that isn’t in the file/],
  ['every document removed', ['documents'], [], /^Conference 1 in the file belongs to a document that isn’t in the file/],
  ['every student removed', ['students'], [], /^Document 1 in the file names a student who isn’t in the file/],
];
for (const [name, path, value, message] of DANGLING) add(name, fileOf(() => edit(base(), path, value)), message);

/* ------------------------------------------------------------------ prototype-pollution keys */

const POLLUTERS = ['__proto__', 'constructor', 'prototype'] as const;
/** Moves `field` of the object at `path` under a `hostileKey` key (as the attacker's "inherited" value). */
const hideUnder = (data: Node, path: Path, field: string, hostileKey: string): Node => {
  const node = nodeAt(data, path);
  const value = node[field];
  delete node[field];
  withOwnKey(node, hostileKey, hostileKey === 'constructor' ? { prototype: { [field]: value, polluted: true } } : { [field]: value, polluted: true });
  return data;
};
const HIDDEN: [Collection | 'settings', Path, string][] = [
  ['students', ['students', 0], 'id'],
  ['documents', ['documents', 0], 'docId'],
  ['conferences', ['conferences', 0], 'focus'],
  ['drafts', ['drafts', 0, 'content'], 'notes'],
  ['questions', ['questions', 0], 'phase'],
  ['compliments', ['compliments', 0], 'craft'],
  ['settings', ['settings'], 'persistence'],
  ['conferences', ['conferences', 0, 'comments', 0], 'quote'],
];
for (const hostileKey of POLLUTERS) {
  for (const [where, path, field] of HIDDEN) {
    add(`${where}: ${path.slice(1).concat(field).join('.')} hidden under ${hostileKey}`, fileOf(() => hideUnder(base(), path, field, hostileKey)), new RegExp(`${inRecord(where)}.*(is|are) missing`));
  }
  add(`data.students hidden under ${hostileKey}`, async () => {
    const text = await baseText();
    const file = JSON.parse(text) as Node;
    hideUnder(file, ['data'], 'students', hostileKey);
    return envelopeAround(JSON.stringify(file.data), (file.counts as Record<string, number>) ?? {});
  }, HEADER);
  add(`the whole header hidden under ${hostileKey}`, async () => JSON.stringify(withOwnKey({}, hostileKey, JSON.parse(await baseText()))), NOT_A_BACKUP);
  add(`the format name hidden under ${hostileKey}`, async () => JSON.stringify(hideUnder(JSON.parse(await baseText()) as Node, [], 'format', hostileKey)), NOT_A_BACKUP);
  add(`the checksum hidden under ${hostileKey}`, async () => JSON.stringify(hideUnder(JSON.parse(await baseText()) as Node, [], 'checksum', hostileKey)), HEADER);
  add(`the counts hidden under ${hostileKey}`, async () => JSON.stringify(hideUnder(JSON.parse(await baseText()) as Node, [], 'counts', hostileKey)), HEADER);
  add(`the data hidden under ${hostileKey}`, async () => JSON.stringify(hideUnder(JSON.parse(await baseText()) as Node, [], 'data', hostileKey)), HEADER);
  add(`a record that is only a ${hostileKey} key`, fileOf(() => {
    const data = base();
    (data.questions as unknown[])[0] = withOwnKey({}, hostileKey, (data.questions as unknown[])[0]);
    return data;
  }), new RegExp(`${inRecord('questions')}the record version is missing`));
  add(`${hostileKey} keys added after export (checksum not redone)`, async () => {
    const text = await baseText();
    return text.replace('"name":"Maya Okafor"', `"${hostileKey}":{"polluted":true,"isAdmin":true},"name":"Maya Okafor"`);
  }, CHECKSUM);
}

/* ---------------------------------------------------------------------- format and versions */

const ENVELOPE_CASES: [string, Record<string, unknown>, RegExp][] = [
  ['format missing', { format: undefined }, NOT_A_BACKUP],
  ['format of another app', { format: 'other-notebook-backup' }, NOT_A_BACKUP],
  ['format in capitals', { format: 'CONFER-NOTEBOOK-BACKUP' }, NOT_A_BACKUP],
  ['format with a space', { format: 'confer-notebook-backup ' }, NOT_A_BACKUP],
  ['format null', { format: null }, NOT_A_BACKUP],
  ['format a list', { format: ['confer-notebook-backup'] }, NOT_A_BACKUP],
  ['format version missing', { formatVersion: undefined }, FORMAT_NUMBER],
  ['format version 0', { formatVersion: 0 }, FORMAT_NUMBER],
  ['format version -1', { formatVersion: -1 }, FORMAT_NUMBER],
  ['format version as text', { formatVersion: '1' }, FORMAT_NUMBER],
  ['format version null', { formatVersion: null }, FORMAT_NUMBER],
  ['format version 0.5', { formatVersion: 0.5 }, FORMAT_NUMBER],
  ['format version 2 (newer)', { formatVersion: 2 }, NEWER],
  ['format version 1.5 (newer)', { formatVersion: 1.5 }, NEWER],
  ['format version 1000 (newer)', { formatVersion: 1000 }, NEWER],
  ['schema version missing', { schemaVersion: undefined }, FORMAT_NUMBER],
  ['schema version 1 (older)', { schemaVersion: 1 }, FORMAT_NUMBER],
  ['schema version as text', { schemaVersion: String(SCHEMA_VERSION) }, FORMAT_NUMBER],
  ['schema version newer', { schemaVersion: SCHEMA_VERSION + 1 }, NEWER],
  ['app version a number', { appVersion: 1 }, HEADER],
  ['app version missing', { appVersion: undefined }, HEADER],
  ['export time a number', { exportedAt: 1_700_000_000_000 }, HEADER],
  ['export time missing', { exportedAt: undefined }, HEADER],
];
for (const [name, overrides, message] of ENVELOPE_CASES) add(name, fileOf(() => sampleData(), overrides), message);
add('format version 1e400 (infinite)', async () => (await baseText()).replace('"formatVersion":1', '"formatVersion":1e400'), NEWER);

/* ------------------------------------------------------------------------------- checksums */

const ZEROS = `sha256:${'0'.repeat(64)}`;
add('checksum of zeros', fileOf(() => sampleData(), { checksum: ZEROS }), CHECKSUM);
add('checksum missing', fileOf(() => sampleData(), { checksum: undefined }), HEADER);
add('checksum empty', fileOf(() => sampleData(), { checksum: '' }), HEADER);
add('checksum without its algorithm', async () => {
  const file = JSON.parse(await baseText()) as Node;
  return JSON.stringify({ ...file, checksum: String(file.checksum).slice('sha256:'.length) });
}, HEADER);
add('checksum in capitals', async () => {
  const file = JSON.parse(await baseText()) as Node;
  return JSON.stringify({ ...file, checksum: String(file.checksum).toUpperCase() });
}, HEADER);
add('checksum of another algorithm', fileOf(() => sampleData(), { checksum: `md5:${'0'.repeat(32)}` }), HEADER);
add('checksum of the data with one record removed', async () => {
  const smaller = sampleData();
  smaller.questions = [];
  const file = JSON.parse(await baseText()) as Node;
  return JSON.stringify({ ...file, checksum: `sha256:${await sha256Hex(JSON.stringify(smaller))}` });
}, CHECKSUM);
add('one character of the data changed', async () => (await baseText()).replace('Period 3', 'Period 4'), CHECKSUM);
add('a number in the data changed', async () => (await baseText()).replace('"dueAfterDays":10', '"dueAfterDays":11'), CHECKSUM);
add('the data re-written in another key order', async () => {
  const file = JSON.parse(await baseText()) as Node;
  const data = file.data as Node;
  return JSON.stringify({ ...file, data: Object.fromEntries(Object.entries(data).reverse()) });
}, CHECKSUM);
add('a record removed, counts fixed, checksum not', async () => {
  const file = JSON.parse(await baseText()) as Node;
  const data = file.data as Node;
  (data.compliments as unknown[]).pop();
  return JSON.stringify({ ...file, counts: { ...(file.counts as Node), compliments: 0 } });
}, CHECKSUM);

/* ---------------------------------------------------------------------------------- counts */

for (const name of COLLECTIONS) {
  add(`counts: one ${name} too many`, async () => {
    const file = JSON.parse(await baseText()) as Node;
    const counts = file.counts as Record<string, number>;
    return JSON.stringify({ ...file, counts: { ...counts, [name]: counts[name]! + 1 } });
  }, COUNTS);
}
add('counts: one student too few', async () => {
  const file = JSON.parse(await baseText()) as Node;
  return JSON.stringify({ ...file, counts: { ...(file.counts as Node), students: 2 } });
}, COUNTS);
for (const [name, counts] of [
  ['counts: negative', { students: -1 }],
  ['counts: as text', { students: '3' }],
  ['counts: fractional', { students: 2.5 }],
  ['counts: one missing', { students: undefined }],
] as const) {
  add(name, async () => {
    const file = JSON.parse(await baseText()) as Node;
    return JSON.stringify({ ...file, counts: { ...(file.counts as Node), ...counts } });
  }, HEADER);
}
add('counts: missing', fileOf(() => sampleData(), { counts: undefined }), HEADER);
add('counts: null', fileOf(() => sampleData(), { counts: null }), HEADER);
add('counts: a list', fileOf(() => sampleData(), { counts: [3, 3, 2, 1, 1, 1] }), HEADER);

/* -------------------------------------------------------------------- not an object at the top */

for (const text of ['null', '[]', '"x"', '42', 'true', 'false', '{}', '""', '0', '-1', '[{}]', '{"format":1}', '{"data":{}}']) {
  add(`the whole file is ${text}`, async () => text, NOT_A_BACKUP);
}
add('the whole file is a list holding a backup', async () => `[${await baseText()}]`, NOT_A_BACKUP);
add('the whole file is a backup written as a string', async () => JSON.stringify(await baseText()), NOT_A_BACKUP);
for (const text of [' ', '\n', '\t\r\n ', 'undefined', 'NaN', '\ufeff', '\ufeff\ufeff{}']) {
  add(`the whole file is ${JSON.stringify(text)}`, async () => text, UNREADABLE);
}

/* --------------------------------------------------------------------- encodings and junk */

add('a byte-order mark, then a cut-off backup', async () => `\ufeff${(await baseText()).slice(0, 500)}`, UNREADABLE);
add('a byte-order mark, then a list', async () => '\ufeff[]', NOT_A_BACKUP);
add('a backup with junk after it', async () => `${await baseText()}garbage`, UNREADABLE);
add('two backups one after the other', async () => `${await baseText()}${await baseText()}`, UNREADABLE);
add('a backup with a comment', async () => `// exported\n${await baseText()}`, UNREADABLE);
add('a backup with a trailing comma', async () => (await baseText()).replace(/}$/, ',}'), UNREADABLE);
add('a backup in single quotes', async () => (await baseText()).replaceAll('"', "'"), UNREADABLE);
add('a backup saved as UTF-16', async () => {
  const text = await baseText();
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return new Blob([bytes]);
}, UNREADABLE);
add('random bytes', async () => new Blob([Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)]), UNREADABLE);
add('a zip file', async () => new Blob([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])]), UNREADABLE);
add('a spreadsheet (CSV) instead of a backup', async () => '\ufeff"Student","Class"\r\n"Maya","Period 3"\r\n', UNREADABLE);
add('an HTML page', async () => '<!doctype html><title>Confer</title>', UNREADABLE);

/* ------------------------------------------------------------------------ the data's shape */

const DATA_SHAPES: [string, unknown][] = [
  ['data missing', undefined],
  ['data null', null],
  ['data a list', []],
  ['data text', 'students'],
  ['data a number', 7],
];
const BASE_COUNTS = { students: 3, documents: 3, conferences: 2, drafts: 1, questions: 1, compliments: 1 };
for (const [name, data] of DATA_SHAPES) {
  add(name, async () => {
    const text = await envelopeAround(JSON.stringify(data ?? null), BASE_COUNTS);
    return data === undefined ? text.replace(/,"data":null}$/, '}') : text;
  }, HEADER);
}
const COLLECTION_SHAPES: [string, unknown][] = [
  ['missing', DELETE],
  ['null', null],
  ['a record', {}],
  ['text', 'many'],
  ['a number', 3],
];
for (const name of ['students', 'conferences', 'compliments'] as const) {
  for (const [shape, value] of COLLECTION_SHAPES) add(`data.${name} is ${shape}`, fileOf(() => edit(base(), [name], value)), HEADER);
}
add('data.settings missing', fileOf(() => edit(base(), ['settings'], DELETE)), HEADER);
for (const [shape, value] of [
  ['a number', 42],
  ['text', 'dark mode'],
  ['true', true],
] as const) {
  add(`data.settings is ${shape}`, fileOf(() => edit(base(), ['settings'], value)), new RegExp(`${inRecord('settings')}it isn’t in a form Confer recognises`));
}
for (const [shape, value] of [
  ['null', null],
  ['a number', 42],
  ['text', 'Maya'],
  ['true', true],
] as const) {
  add(`a student that is ${shape}`, fileOf(() => edit(base(), ['students', 2], value)), new RegExp(`${escape(NOUN.students)} 3 in the file can’t be imported: it isn’t in a form Confer recognises`));
}
// valibot reads a list where a record should be as a record with every field missing.
add('data.settings is a list', fileOf(() => edit(base(), ['settings'], [])), new RegExp(`${inRecord('settings')}the record version is missing`));
add('a student that is a list', fileOf(() => edit(base(), ['students', 2], ['Maya'])), /^Student 3 in the file can’t be imported: the record version is missing/);
add('a draft whose conference is a list', fileOf(() => edit(base(), ['drafts', 0, 'content'], ['notes'])), says('drafts', 'the conference type is missing'));

/* ------------------------------------------------------------------------------------ tests */

describe('hostile and malformed backup files', () => {
  it('the untouched file is valid, so each case is refused for what it breaks', async () => {
    const result = await validateBackup(await baseText());
    expect(result.ok).toBe(true);
    expect(await validateBackup(await deepAt(['students', 0, 'name'], '"Maya Okafor"')())).toMatchObject({ ok: true });
  });

  it('has at least 200 cases, each with its own name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
  });

  for (const { name, build, says: expected } of cases) it(`refuses: ${name}`, async () => {
    await seedNotebook();
    const before = await snapshotNotebook();
    const file = await build();

    const result = await validateBackup(file);

    expect(result.ok, 'the file was accepted').toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.trim().length).toBeGreaterThan(20);
    expect(message).not.toMatch(RAW_ERROR_TEXT);
    expect(message).toMatch(/\.$/);
    if (expected !== undefined) expect(message).toMatch(expected);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshotNotebook()).toBe(before);
  });
});
