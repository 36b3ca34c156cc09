import { describe, expect, it } from 'vitest';
import type { ImportCounts, ImportPreview } from './backup';
import { describeContents, describeImport } from './backup-words';

const none: ImportCounts = { added: 0, updated: 0, unchanged: 0, kept: 0 };
const preview = (change: Partial<Record<keyof ImportPreview, Partial<ImportCounts>>>): ImportPreview => {
  const names = ['students', 'documents', 'conferences', 'drafts', 'questions', 'compliments', 'settings'] as const;
  return Object.fromEntries(names.map((name) => [name, { ...none, ...change[name] }])) as ImportPreview;
};

describe('what a backup holds', () => {
  it('names each kind the file has, skipping the empty ones, with thousands marked', () => {
    expect(describeContents({ students: 3, documents: 1, conferences: 1240, drafts: 0, questions: 2, compliments: 0 })).toBe(
      '3 students, 1 document, 1,240 conferences and 2 questions of your own',
    );
  });

  it('says so when there is nothing in it yet', () => {
    expect(describeContents({ students: 0, documents: 0, conferences: 0, drafts: 0, questions: 0, compliments: 0 })).toBe('no conferences or students yet');
  });
});

describe('what restoring will do', () => {
  it('says what it adds, updates and keeps, before and after', () => {
    const counts = preview({
      students: { added: 2, unchanged: 1 },
      conferences: { added: 40, updated: 1, kept: 3 },
      drafts: { kept: 1 },
      settings: { updated: 1 },
    });
    expect(describeImport(counts)).toEqual({
      changesAnything: true,
      sentences: [
        'Adds 2 students and 40 conferences.',
        'Updates 1 conference and your settings with the file’s newer copies.',
        'Keeps this computer’s own version of 3 conferences and 1 unsaved conference (as new or newer than the file’s).',
        '1 record is already here, the same.',
      ],
    });
    expect(describeImport(counts, { done: true }).sentences.slice(0, 3)).toEqual([
      'Added 2 students and 40 conferences.',
      'Updated 1 conference and your settings with the file’s newer copies.',
      'Kept this computer’s own version of 3 conferences and 1 unsaved conference (as new or newer than the file’s).',
    ]);
  });

  it('uses the singular for one newer copy', () => {
    expect(describeImport(preview({ documents: { updated: 1 } })).sentences).toEqual(['Updates 1 document with the file’s newer copy.']);
  });

  it('says plainly when the file holds nothing new', () => {
    const same = preview({ conferences: { unchanged: 30 }, students: { kept: 1 } });
    expect(describeImport(same)).toEqual({
      changesAnything: false,
      sentences: [
        'Keeps this computer’s own version of 1 student (as new or newer than the file’s).',
        '30 records are already here, the same.',
        'Nothing in this file is new to this notebook: restoring it would change nothing.',
      ],
    });
    expect(describeImport(same, { done: true }).sentences.at(-1)).toBe('Nothing in the notebook changed.');
  });
});
