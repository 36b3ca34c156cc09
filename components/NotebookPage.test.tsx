import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as backup from '../lib/notebook/backup';
import * as notebook from '../lib/notebook/notebook';
import { DOC_A, RAW_ERROR_TEXT, backupText, freshNotebook, sampleData, seedNotebook, snapshotNotebook, useFreshNotebook } from '../lib/notebook/test-helpers';
import { NotebookPage } from './NotebookPage';
import { until, useRenderRoot } from './test-helpers';

useFreshNotebook();
const root = useRenderRoot();

/** What the page handed to the browser's downloads: each file's name and contents. */
let saved: { name: string; file: Blob }[] = [];
beforeEach(() => {
  saved = [];
  const files = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((file) => {
    const url = `blob:test/${files.size}`;
    files.set(url, file as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, file: files.get(this.href)! });
  });
});
afterEach(() => vi.restoreAllMocks());

const button = (name: string): HTMLButtonElement | undefined => [...root.querySelectorAll('button')].find((element) => element.textContent?.trim() === name);
const click = async (name: string): Promise<void> => {
  const element = button(name);
  expect(element, `a button named “${name}”`).toBeDefined();
  await act(() => element!.click());
};
const sectionText = (heading: string): string => root.querySelector(`section[aria-labelledby="${heading}"]`)?.textContent ?? '';

/** The teacher picks `text`, saved as `name`, in Restore's file box. */
async function chooseFile(text: string, name = 'confer-backup-2026-11-20.json'): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('#restore-file')!;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

/** Every record but the notebook's own bookkeeping (`meta` says when this database was set up). */
const records = async (): Promise<unknown> => (JSON.parse(await snapshotNotebook()) as [string, unknown][]).filter(([key]) => key !== 'meta');

async function show(): Promise<void> {
  await act(() => render(<NotebookPage appVersion="1.2.3" />, root));
}

/** Sets a box or list on the page as the teacher would, and lets the page hear it. */
async function setValue(selector: string, value: string, event: 'input' | 'change'): Promise<void> {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event(event, { bubbles: true }));
  });
}
const typePhrase = (text: string): Promise<void> => setValue('#delete-phrase', text, 'input');
const chooseStudent = (id: string): Promise<void> => setValue('#csv-student', id, 'change');

/** The notebook seeded, the page shown, and the notebook's own backup chosen: nothing in it is new. */
async function chooseBackupOfThisNotebook(): Promise<void> {
  const data = sampleData();
  await seedNotebook(data);
  await show();
  await chooseFile(await backupText(data));
  await until(() => sectionText('restore-heading').includes('Nothing in this file is new'));
}

describe('the notebook page', () => {
  it('downloads a backup of the whole notebook, which restores into an empty notebook as it was', async () => {
    await seedNotebook();
    const before = await records();
    await show();
    await click('Download a backup');
    await until(() => saved.length === 1);
    expect(saved[0]!.name).toMatch(/^confer-backup-\d{4}-\d{2}-\d{2}\.json$/);
    await until(() => sectionText('backup-heading').includes('Backup ready'));
    expect(sectionText('backup-heading')).toContain(`Backup ready: ${saved[0]!.name}`);
    expect(sectionText('backup-heading')).toContain(
      'It holds 3 students, 3 documents, 2 conferences, 1 unsaved conference, 1 question of your own and 1 compliment of your own.',
    );

    expect((await backup.validateBackup(saved[0]!.file)).ok).toBe(true);
    // Emptied (a new computer), then the file restored through the page.
    freshNotebook();
    await act(() => render(null, root));
    await show();
    await chooseFile(await saved[0]!.file.text(), saved[0]!.name);
    await until(() => button('Restore') !== undefined);
    expect(sectionText('restore-heading')).toContain('Adds 3 students, 3 documents, 2 conferences, 1 unsaved conference');
    await click('Restore');
    await until(() => sectionText('restore-heading').includes(`Restored from ${saved[0]!.name}`));
    expect(sectionText('restore-heading')).toContain('Added 3 students, 3 documents, 2 conferences, 1 unsaved conference');
    expect(await records()).toEqual(before);
  });

  it('shows what a file would change and changes nothing until Restore is pressed; Cancel leaves the notebook alone', async () => {
    const data = sampleData();
    await show();
    // (Opening the notebook writes its own bookkeeping, `meta`: not a record of the teacher's.)
    const empty = await records();
    await chooseFile(await backupText(data));
    await until(() => button('Restore') !== undefined);
    expect(sectionText('restore-heading')).toMatch(/confer-backup-2026-11-20\.json, a backup made on \w+/);
    // The keyboard is on what the file would change, read before Restore.
    expect(document.activeElement).toBe(root.querySelector('#restore-preview-title'));
    expect(await records()).toEqual(empty);
    await click('Cancel');
    expect(button('Restore')).toBeUndefined();
    // The keyboard goes back to the file box, not to the top of the page.
    expect(document.activeElement).toBe(root.querySelector('#restore-file'));
    expect(await records()).toEqual(empty);
  });

  it('names a file whose date was edited into nonsense without showing “Invalid Date”', async () => {
    await show();
    await chooseFile(await backupText(sampleData(), { exportedAt: 'last Tuesday' }), 'edited.json');
    await until(() => button('Restore') !== undefined);
    expect(root.querySelector('#restore-preview-title')!.textContent).toBe('edited.json, a Confer backup');
  });

  it('says a file it has already restored holds nothing new, and offers no Restore', async () => {
    await chooseBackupOfThisNotebook();
    expect(button('Restore')).toBeUndefined();
    expect(button('Close')).toBeDefined();
  });

  it('works out again what a file would change when the notebook changes meanwhile', async () => {
    await chooseBackupOfThisNotebook();
    // Every note deleted (here, or in another tab) while the summary is open.
    await act(() => notebook.deleteEverything('delete everything'));
    await until(() => button('Restore') !== undefined);
    expect(sectionText('restore-heading')).toContain('Adds 3 students, 3 documents, 2 conferences');
  });

  it('refuses a damaged file in plain words and changes nothing', async () => {
    await seedNotebook();
    const before = await snapshotNotebook();
    const text = await backupText(sampleData());
    await show();
    // A file cut short, as a download that stopped halfway leaves it.
    await chooseFile(text.slice(0, Math.floor(text.length / 2)), 'half.json');
    await until(() => root.querySelector('[role="alert"]') !== null);
    const alert = root.querySelector('[role="alert"]')!.textContent!;
    expect(alert).toContain('half.json can’t be restored');
    expect(alert).not.toMatch(RAW_ERROR_TEXT);
    expect(button('Restore')).toBeUndefined();
    expect(await snapshotNotebook()).toBe(before);
  });

  it('when the browser can’t write, says nothing was restored and the notebook is as it was', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await show();
    await chooseFile(await backupText(sampleData()));
    await until(() => button('Restore') !== undefined);
    vi.spyOn(backup, 'applyImport').mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    await click('Restore');
    await until(() => root.querySelector('[role="alert"]') !== null);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(
      'Nothing was restoredYour computer is out of space for Confer’s notes. Free some disk space. Try again. Your notebook is as it was.',
    );
  });

  it('when the notebook can’t be read, says no backup was made', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(backup, 'exportNotebook').mockRejectedValue(new DOMException('closing', 'InvalidStateError'));
    await show();
    await click('Download a backup');
    await until(() => root.querySelector('[role="alert"]') !== null);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('No backup was madeThe browser closed Confer’s notebook for a moment. Try again.');
    expect(saved).toEqual([]);
  });

  it('when the browser can’t delete, says delete every note didn’t finish and to try again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(notebook, 'deleteEverything').mockRejectedValue(new DOMException('closing', 'InvalidStateError'));
    await show();
    await typePhrase('delete everything');
    await click('Delete every note');
    await until(() => root.querySelector('[role="alert"]') !== null);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Delete every note didn’t finishThe browser closed Confer’s notebook for a moment. Try again.');
  });

  it('downloads every conference as a CSV that spreadsheets open', async () => {
    await seedNotebook();
    await show();
    await click('Download conferences (CSV)');
    await until(() => saved.length === 1);
    expect(saved[0]!.name).toMatch(/^confer-all-students-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(saved[0]!.file.type).toBe('text/csv;charset=utf-8');
    const text = await saved[0]!.file.text();
    const focus = sampleData().conferences[0]!.focus;
    // With the byte-order mark Excel needs to read accents.
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFF"Student","Class","Document"/);
    expect(text).toContain(focus);
    await until(() => sectionText('csv-heading').includes(`Your browser is saving ${saved[0]!.name}`));
  });

  it('downloads one student’s conferences as a CSV named for them', async () => {
    await seedNotebook();
    await show();
    const select = root.querySelector<HTMLSelectElement>('#csv-student')!;
    await until(() => select.options.length === 4);
    expect([...select.options].map((option) => option.textContent)).toEqual(['Every student', 'Jamal “JJ” Rahimi', 'Maya Okafor', 'نور الهدى']);
    await chooseStudent('s2-jamal');
    await click('Download conferences (CSV)');
    await until(() => saved.length === 1);
    expect(saved[0]!.name).toMatch(/^confer-Jamal-JJ-Rahimi-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await saved[0]!.file.text();
    // Jamal was in the group conference on paragraphs, not in Maya's own conference.
    expect(text).toContain('Paragraphs');
    expect(text).not.toContain('Slow down the exciting part');
  });

  it('lists a student named on a document while the page is open', async () => {
    await show();
    const select = root.querySelector<HTMLSelectElement>('#csv-student')!;
    await notebook.setDocumentStudent({ docId: DOC_A }, 'Maya Okafor');
    await until(() => [...select.options].some((option) => option.textContent === 'Maya Okafor'));
  });

  it('says so when the student chosen for the CSV leaves the notebook, and goes back to every student', async () => {
    await seedNotebook();
    await show();
    const select = root.querySelector<HTMLSelectElement>('#csv-student')!;
    await until(() => select.options.length === 4);
    await chooseStudent('s2-jamal');
    await act(() => notebook.deleteEverything('delete everything'));
    await until(() => sectionText('csv-heading').includes('The student you chose is no longer in the notebook'));
    expect(select.value).toBe('');
    expect([...select.options].map((option) => option.textContent)).toEqual(['Every student']);
  });

  it('deletes every note only when the phrase is typed, and says so', async () => {
    await seedNotebook();
    const before = await records();
    await show();
    await typePhrase('delete');
    await click('Delete every note');
    await until(() => root.querySelector('[role="alert"]') !== null);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Nothing was deleted. To delete every note, type “delete everything”.');
    expect(await records()).toEqual(before);

    await typePhrase('Delete everything ');
    await click('Delete every note');
    await until(() => sectionText('delete-heading').includes('Every note is deleted from this browser profile.'));
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(root.querySelector<HTMLInputElement>('#delete-phrase')!.value).toBe('');
    expect(await records()).toEqual([]);
  });
});
