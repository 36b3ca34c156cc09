// A notebook written by an earlier Confer, opened by this one, in real Chromium: the schema-2
// records (one per conference) are gathered onto pages in the panel's own IndexedDB, and the
// teacher sees every conference and the unsaved one as they left them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOC_ID } from '../fixture/documents.mjs';
import { panelOf, panelTitle, useProfileSession } from './harness.mjs';

const shared = useProfileSession('upgrade');

const FOCUSES = ['Leads', 'Dialogue', 'Paragraphs', 'Commas', 'Stamina', 'Titles', 'Endings'];

async function openDoc() {
  const page = await shared.session.open(shared.session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  await panelOf(page).getByLabel('Teaching point').and(panelOf(page).locator(':enabled')).waitFor({ timeout: 20_000 });
  return page;
}

/** Runs `work` in the panel's own page (the extension's origin, where the notebook is). */
async function inPanel(page, work, arg) {
  const frame = page.frames().find((candidate) => candidate.url().startsWith('chrome-extension://'));
  assert.ok(frame, 'the panel frame');
  return frame.evaluate(work, arg);
}

test('a schema-2 notebook comes through the upgrade whole: every conference, the unsaved one, and saving on', async () => {
  const page = await openDoc();
  // Put back exactly what the previous Confer (schema 2) left: one record per conference.
  await inPanel(
    page,
    async ({ docId, focuses }) => {
      const database = await new Promise((resolve, reject) => {
        const request = indexedDB.open('confer-notebook');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const records = database.transaction('records', 'readwrite').objectStore('records');
      records.clear();
      const content = { kind: 'content', group: false, peer: false, research: '', compliment: '', nextStep: '', notes: '', questionsAsked: [], comments: [] };
      const day = Date.UTC(2026, 9, 1);
      records.put({ schemaVersion: 2, rev: 1, id: 'maya', name: 'Maya Okafor', classGroup: null, goals: [], createdAt: day, updatedAt: day, lastConferenceAt: day + 6 }, 'student:maya');
      records.put({ schemaVersion: 2, rev: 2, docId, title: 'Maya Okafor - Personal Narrative', accountSlot: null, studentIds: ['maya'], lastOpened: day, updatedAt: day }, `document:${docId}`);
      focuses.forEach((focus, index) => {
        const id = `c-${index + 1}`;
        const at = day + index;
        records.put({ schemaVersion: 2, rev: 1, id, docId, studentIds: ['maya'], startedAt: at, endedAt: at, updatedAt: at, ...content, focus }, `conference:${docId}:${id}`);
      });
      records.put({ schemaVersion: 2, rev: 3, docId, startedAt: day + 9, updatedAt: day + 9, content: { ...content, focus: 'Typed before the update' } }, `draft:${docId}`);
      records.put({ schemaVersion: 2, migratedAt: day }, 'meta');
      await new Promise((resolve, reject) => {
        records.transaction.oncomplete = resolve;
        records.transaction.onerror = () => reject(records.transaction.error);
      });
      database.close();
    },
    { docId: DEMO_DOC_ID, focuses: FOCUSES },
  );

  await page.reload();
  await panelTitle(page);
  const panel = panelOf(page);
  await panel.locator('.history .entry-focus').nth(FOCUSES.length - 1).waitFor();
  assert.deepEqual(await panel.locator('.history .entry-focus').allTextContents(), [...FOCUSES].reverse());
  assert.equal(await panel.getByLabel('Teaching point').inputValue(), 'Typed before the update');
  assert.equal(await panel.getByLabel('Student').inputValue(), 'Maya Okafor');

  const stored = await inPanel(
    page,
    async () => {
      const database = await new Promise((resolve) => (indexedDB.open('confer-notebook').onsuccess = (event) => resolve(event.target.result)));
      const keys = await new Promise((resolve) => (database.transaction('records').objectStore('records').getAllKeys().onsuccess = (event) => resolve(event.target.result)));
      database.close();
      return keys;
    },
  );
  assert.deepEqual(stored.filter((key) => key.startsWith('conference')), [`conferences:${DEMO_DOC_ID}:000000`, `conferences:${DEMO_DOC_ID}:000001`]);

  // Saving goes on as before: the unsaved conference becomes the eighth.
  await panel.getByRole('button', { name: 'Save conference' }).click();
  await panel.getByText('Conference saved').waitFor();
  assert.deepEqual(await panel.locator('.history .entry-focus').allTextContents(), ['Typed before the update', ...[...FOCUSES].reverse()]);
  await page.close();
});
