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
        'Leaves this computer’s copy of 3 conferences as it is: as new as the file’s, or newer.',
        'Leaves out 1 unsaved conference: this notebook has the words already, or has saved a conference on that document since.',
        '1 record is already here, the same.',
      ],
    });
    expect(describeImport(counts, { done: true }).sentences.slice(0, 4)).toEqual([
      'Added 2 students and 40 conferences.',
      'Updated 1 conference and your settings with the file’s newer copies.',
      'Left this computer’s copy of 3 conferences as it was: as new as the file’s, or newer.',
      'Left out 1 unsaved conference: this notebook has the words already, or has saved a conference on that document since.',
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
        'Leaves this computer’s copy of 1 student as it is: as new as the file’s, or newer.',
        '30 records are already here, the same.',
        'Nothing in this file is new to this notebook: restoring it would change nothing.',
      ],
    });
    expect(describeImport(same, { done: true }).sentences.at(-1)).toBe('Nothing in the notebook changed.');
  });
});
