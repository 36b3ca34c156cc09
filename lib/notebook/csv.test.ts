import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { BackupData } from './backup';
import { conferencesToCsv, csvFileName, exportConferencesCsv, neutraliseFormula } from './csv';
import type { Conference } from './model';
import { DOC_A, DOC_B, DOC_C, T0, sampleData, seedNotebook, useFreshNotebook } from './test-helpers';

const HEADER = [
  'Student',
  'Class',
  'Document',
  'Document link',
  'Date',
  'Started',
  'Minutes',
  'Conference type',
  'Group',
  'Peer',
  'Research',
  'Compliment',
  'Teaching point',
  'Next step',
  'Notes',
  'Questions asked',
  'Comments posted',
];
const column = (name: string): number => HEADER.indexOf(name);

/** Reads the CSV back as a spreadsheet would, insisting on CRLF between records. */
function readCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: '\r\n', relax_column_count: false }) as string[][];
}

const pad = (n: number): string => String(n).padStart(2, '0');
const localDate = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const localTime = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** No lone surrogate halves: the text survives UTF-8 unchanged. */
const wellFormed = (text: string): boolean => new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(text)) === text;

/** The sample notebook with one more conference, the newest, changed by `change`. */
function withConference(change: Partial<Conference>): BackupData {
  const data = sampleData();
  data.conferences.push({ ...data.conferences[0]!, id: 'c-extra', startedAt: T0 + 10 * 3_600_000, endedAt: null, ...change });
  return data;
}

describe('conferencesToCsv', () => {
  it('starts with a byte-order mark, ends every record with CRLF, and has a header row', () => {
    const text = conferencesToCsv(sampleData());
    expect(text.startsWith('\ufeff"Student","Class","Document"')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // Every line break outside a quoted cell is CRLF: csv-parse, told records end in CRLF, finds them all.
    const rows = readCsv(text);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(HEADER.length);
  });

  it('writes one row per conference, oldest first, with the student, class, document and link', () => {
    const rows = readCsv(conferencesToCsv(sampleData()));
    const [first, second] = [rows[1]!, rows[2]!];
    const conference = sampleData().conferences[0]!;
    expect(first.slice(0, 10)).toEqual([
      'Maya Okafor',
      'Period 3',
      'Maya – Narrative 🌊',
      `https://docs.google.com/document/u/1/d/${DOC_A}/edit`,
      localDate(conference.startedAt),
      localTime(conference.startedAt),
      '7',
      'content',
      '',
      '',
    ]);
    expect(first[column('Questions asked')]).toBe('What are you working on?');
    expect(first[column('Comments posted')]).toBe('Try stretching this moment. (on “the wave hit”)');
    expect(second[column('Student')]).toBe('Maya Okafor; Jamal “JJ” Rahimi');
    expect(second[column('Class')]).toBe('Period 3');
    expect(second[column('Document link')]).toBe(`https://docs.google.com/document/d/${DOC_B}/edit`);
    expect(second[column('Minutes')]).toBe('');
    expect(second[column('Group')]).toBe('yes');
  });

  it('sorts by start time whatever order the conferences come in', () => {
    const data = sampleData();
    data.conferences.reverse();
    expect(readCsv(conferencesToCsv(data)).map((row) => row[column('Teaching point')])).toEqual(['Teaching point', 'Slow down the exciting part', 'Paragraphs']);
  });

  it('keeps line breaks inside cells and doubles quotes', () => {
    const notes = 'Line one\nLine two\r\nLine three\rand four';
    const focus = 'She said "stop" and ""really"" meant it';
    const text = conferencesToCsv(withConference({ notes, focus, questionsAsked: [{ text: 'First?', at: 1 }, { text: 'Second "quoted"?', at: 2 }] }));
    expect(text).toContain('"She said ""stop"" and """"really"""" meant it"');
    const row = readCsv(text).at(-1)!;
    expect(row[column('Notes')]).toBe(notes);
    expect(row[column('Teaching point')]).toBe(focus);
    expect(row[column('Questions asked')]).toBe('First?\nSecond "quoted"?');
  });

  it('keeps emoji, accents and right-to-left text exactly', () => {
    const notes = '👩🏽‍🏫 نور كتبت 🎉 שלום Zoë ñ 漢字 \u200f';
    const text = conferencesToCsv(withConference({ notes, studentIds: ['s3-noor'] }));
    const row = readCsv(text).at(-1)!;
    expect(row[column('Notes')]).toBe(notes);
    expect(row[column('Student')]).toBe('نور الهدى');
    expect(row[column('Class')]).toBe('Period 5');
    expect(wellFormed(text)).toBe(true);
  });

  it('makes every cell a spreadsheet would run as a formula plain text, and leaves the rest alone', () => {
    const data = sampleData();
    data.students[0] = { ...data.students[0]!, name: '=HYPERLINK("http://evil.example","Click")', classGroup: '+cmd|/C calc!A0' };
    data.documents[0] = { ...data.documents[0]!, title: '@SUM(1+1)*cmd' };
    data.conferences[0] = {
      ...data.conferences[0]!,
      research: '-2+3',
      compliment: '\t=1+1',
      focus: ' =1+1',
      nextStep: '\r=1+1',
      notes: '\n@x',
      questionsAsked: [{ text: '=Q1', at: 1 }],
      comments: [{ text: '+C', quote: '', postedAt: 1 }],
    };
    const rows = readCsv(conferencesToCsv(data));
    const row = rows[1]!;
    expect(row[column('Student')]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(row[column('Class')]).toBe(`'+cmd|/C calc!A0`);
    expect(row[column('Document')]).toBe(`'@SUM(1+1)*cmd`);
    expect(row[column('Research')]).toBe(`'-2+3`);
    expect(row[column('Compliment')]).toBe(`'\t=1+1`);
    expect(row[column('Teaching point')]).toBe(`' =1+1`);
    expect(row[column('Next step')]).toBe(`'\r=1+1`);
    expect(row[column('Notes')]).toBe(`'\n@x`);
    expect(row[column('Questions asked')]).toBe(`'=Q1`);
    expect(row[column('Comments posted')]).toBe(`'+C`);
    // No cell anywhere in the file starts with a formula character.
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(/^\s*[=+\-@]|^[\t\r]/);
    // The second conference's ordinary cells are untouched.
    expect(rows[2]![column('Teaching point')]).toBe('Paragraphs');
  });

  it('filters to one student, group conferences included', () => {
    const maya = readCsv(conferencesToCsv(sampleData(), { studentId: 's1-maya' }));
    expect(maya.slice(1).map((row) => row[column('Teaching point')])).toEqual(['Slow down the exciting part', 'Paragraphs']);
    const jamal = readCsv(conferencesToCsv(sampleData(), { studentId: 's2-jamal' }));
    expect(jamal.slice(1).map((row) => row[column('Teaching point')])).toEqual(['Paragraphs']);
    const noor = readCsv(conferencesToCsv(sampleData(), { studentId: 's3-noor' }));
    expect(noor).toEqual([HEADER]);
    expect(readCsv(conferencesToCsv(sampleData(), { studentId: 'nobody' }))).toEqual([HEADER]);
  });

  it('counts a conference saved before its document was linked to the student as theirs, as History does', () => {
    const data = sampleData();
    // Saved on Noor's document before anyone was named on it.
    data.conferences.push({ ...data.conferences[1]!, id: 'c-3', docId: DOC_C, studentIds: [], group: false, focus: 'Capital letters' });
    const noor = readCsv(conferencesToCsv(data, { studentId: 's3-noor' }));
    expect(noor.slice(1).map((row) => [row[column('Student')], row[column('Teaching point')]])).toEqual([['نور الهدى', 'Capital letters']]);
    // Everyone's CSV names her too; Maya's and Jamal's don't have it.
    expect(readCsv(conferencesToCsv(data)).find((row) => row[column('Teaching point')] === 'Capital letters')?.[column('Student')]).toBe('نور الهدى');
    expect(readCsv(conferencesToCsv(data, { studentId: 's1-maya' })).map((row) => row[column('Teaching point')])).not.toContain('Capital letters');
  });

  it('leaves out of a student’s file a conference on their document that names another student', () => {
    const data = sampleData();
    // Saved on Noor's document while it was linked to Maya by mistake, then corrected to Noor.
    data.conferences.push({ ...data.conferences[0]!, id: 'c-3', docId: DOC_C, studentIds: ['s1-maya'], focus: 'Capital letters' });
    expect(readCsv(conferencesToCsv(data, { studentId: 's3-noor' }))).toEqual([HEADER]);
    expect(readCsv(conferencesToCsv(data, { studentId: 's1-maya' })).map((row) => row[column('Teaching point')])).toContain('Capital letters');
  });

  it('writes only the header for a notebook with no conferences', () => {
    const text = conferencesToCsv({ students: [], documents: [], conferences: [] });
    expect(readCsv(text)).toEqual([HEADER]);
  });

  it('does not break on a conference whose document or students are missing', () => {
    const data = sampleData();
    data.documents = [];
    data.students = [];
    const rows = readCsv(conferencesToCsv(data));
    expect(rows).toHaveLength(3);
    expect(rows[1]![column('Document')]).toBe('');
    expect(rows[1]![column('Document link')]).toBe(`https://docs.google.com/document/d/${DOC_A}/edit`);
  });
});

describe('neutraliseFormula', () => {
  const neutralised = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\tplain', '\rplain', ' =1', '   +1', '\n=1', '\u00a0=1', '=', '-', '@'];
  it.each(neutralised)('prefixes %j with an apostrophe', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });
  const untouched = ['', 'Good work', '2+2=4', 'a=b', 'email@example.com', 'well-done', "'already", ' plain', '(=1)', '１+1', '👍 =1', 'نور'];
  it.each(untouched)('leaves %j as it is', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('csvFileName', () => {
  const today = new Date(2025, 2, 4, 12, 0);
  const SAFE = /^confer-[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*-\d{4}-\d{2}-\d{2}\.csv$/u;

  it('names the whole class and one student with the local date', () => {
    expect(csvFileName(null, today)).toBe('confer-all-students-2025-03-04.csv');
    expect(csvFileName('Maya Okafor', today)).toBe('confer-Maya-Okafor-2025-03-04.csv');
    expect(csvFileName('  Jamal  “JJ”  Rahimi ', today)).toBe('confer-Jamal-JJ-Rahimi-2025-03-04.csv');
  });

  it('keeps accented letters and other scripts whole', () => {
    expect(csvFileName('Renée Zoë', today)).toBe('confer-Renée-Zoë-2025-03-04.csv');
    expect(csvFileName('نور الهدى', today)).toBe('confer-نور-الهدى-2025-03-04.csv');
    expect(csvFileName('हिन्दी', today)).toBe('confer-हिन्दी-2025-03-04.csv');
  });

  const hostile = [
    '../../etc/passwd',
    '..\\..\\Windows\\System32',
    'a/b\\c:d*e?f"g<h>i|j',
    '\u202Eevil\u202Ctxt.exe',
    'CON',
    'NUL.txt',
    '=cmd|" /C calc"!A0',
    'name\u0000with\nnul\rand\tcontrols',
    '.hidden',
    '-rf',
    'x'.repeat(500),
    `${'y'.repeat(59)} z`,
    `a${'𠀀'.repeat(80)}`,
    '\u0301\u0301only marks',
  ];
  it.each(hostile)('makes %j safe', (name) => {
    const file = csvFileName(name, today);
    expect(file).toMatch(SAFE);
    const who = file.slice('confer-'.length, -'-2025-03-04.csv'.length);
    expect([...who].length).toBeLessThanOrEqual(60);
    expect(who).not.toMatch(/--|^-|-$|[./\\:*?"<>|]|[\p{C}]/u);
    expect(wellFormed(who)).toBe(true);
  });

  it.each(['', '   ', '🎉🎉', '!!!', '\u202E', '\u0301'])('falls back to "student" for %j', (name) => {
    expect(csvFileName(name, today)).toBe('confer-student-2025-03-04.csv');
  });
});

describe('exportConferencesCsv', () => {
  useFreshNotebook();

  it('exports one student’s conferences from the notebook, under their name', async () => {
    await seedNotebook();
    const { fileName, text } = await exportConferencesCsv('s1-maya', new Date(2026, 10, 25));
    expect(fileName).toBe('confer-Maya-Okafor-2026-11-25.csv');
    const rows = parse(text, { bom: true }) as string[][];
    const expected = sampleData().conferences.filter((conference) => conference.studentIds.includes('s1-maya')).length;
    expect(rows.length - 1).toBe(expected);
    expect(rows.slice(1).every((row) => row[0]?.includes('Maya Okafor'))).toBe(true);
  });

  it('says so when the student is gone', async () => {
    await expect(exportConferencesCsv('nobody')).rejects.toThrow('no longer in the notebook');
  });
});
