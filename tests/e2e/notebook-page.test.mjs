// The notebook page in real Chromium: the panel opens it, a backup downloaded there holds the notes,
// and restoring it into another browser profile (a new computer) brings them back beside the
// document. The CSV downloads too, and every note can be deleted.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEMO_DOC_ID } from '../fixture/documents.mjs';
import { panelOf, panelTitle, startSession } from './harness.mjs';

const FOCUS = 'Slow down the moment the wave hits';
const NEXT_STEP = 'Stretch the wave into three sentences';
const folder = mkdtempSync(join(tmpdir(), 'confer-notebook-page-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Clicks `name` on `page` and saves what the browser downloads; returns its name and text. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

test('the panel opens the notebook page; a backup made there brings the notes back in another browser profile', async () => {
  const first = await startSession();
  let backup;
  try {
    const page = await first.open(first.docUrl(DEMO_DOC_ID));
    await panelTitle(page);
    const panel = panelOf(page);
    await panel.getByLabel('Teaching point').and(panel.locator(':enabled')).fill(FOCUS);
    await panel.getByLabel('Next step').fill(NEXT_STEP);
    await panel.getByRole('button', { name: 'Save conference' }).click();
    await panel.getByText('Conference saved').waitFor();

    const [notebookPage] = await Promise.all([
      first.context.waitForEvent('page'),
      panel.getByRole('button', { name: 'Back up or restore your notes' }).click(),
    ]);
    await notebookPage.waitForLoadState();
    assert.equal(notebookPage.url(), `chrome-extension://${first.extensionId}/notebook.html`);
    assert.equal(await notebookPage.getByRole('heading', { level: 1 }).textContent(), 'Your notebook');

    backup = await download(notebookPage, 'Download a backup');
    assert.match(backup.name, /^confer-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(backup.text);
    assert.equal(file.format, 'confer-notebook-backup');
    assert.deepEqual(file.data.conferences.map((conference) => conference.focus), [FOCUS]);
    await notebookPage.getByText(`Backup ready: ${backup.name}`).waitFor();
    await notebookPage.getByText('It holds 1 student, 1 document and 1 conference.').waitFor();

    const csv = await download(notebookPage, 'Download conferences (CSV)');
    assert.match(csv.name, /^confer-all-students-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, row] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(header, /^"Student","Class","Document"/);
    assert.match(row, new RegExp(`^"Maya Okafor",.*"${FOCUS}","${NEXT_STEP}"`));
  } finally {
    await first.close();
  }

  // A new computer: an empty profile. The document shows nothing until the backup is restored.
  const second = await startSession();
  try {
    const notebookPage = await second.open(`chrome-extension://${second.extensionId}/notebook.html`);
    await notebookPage.locator('#restore-file').setInputFiles(backup.path);
    await notebookPage.locator('.restore-words').waitFor();
    assert.deepEqual(await notebookPage.locator('.restore-words li').allTextContents(), ['Adds 1 student, 1 document, 1 conference and your settings.']);
    await notebookPage.getByRole('button', { name: 'Restore', exact: true }).click();
    await notebookPage.getByText(`Restored from ${backup.name}`).waitFor();

    const page = await second.open(second.docUrl(DEMO_DOC_ID));
    await panelTitle(page);
    await panelOf(page).locator('.history .entry-focus', { hasText: FOCUS }).waitFor();
    assert.equal(await panelOf(page).getByLabel('Student').inputValue(), 'Maya Okafor');

    // The same file again adds nothing.
    await notebookPage.locator('#restore-file').setInputFiles(backup.path);
    await notebookPage.getByText('Nothing in this file is new to this notebook: restoring it would change nothing.').waitFor();
    assert.equal(await notebookPage.getByRole('button', { name: 'Restore', exact: true }).count(), 0);

    // Leaving the computer: every note deleted, and the open panel shows none at once.
    await notebookPage.getByLabel('Type “delete everything” to confirm').fill('delete everything');
    await notebookPage.getByRole('button', { name: 'Delete every note' }).click();
    await notebookPage.getByText('Every note is deleted from this browser profile.').waitFor();
    await panelOf(page).getByText('No conferences yet. Start one below.').waitFor();
  } finally {
    await second.close();
  }
});
