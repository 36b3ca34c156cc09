// The panel on a Google Docs page (the local fixture), in real Chromium with the built extension.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DEMO_DOC_ID,
  HOSTILE_DOC_ID,
  LONG_TITLE_DOC_ID,
  MAYA_SECOND_DOC_ID,
  THEO_DOC_ID,
  UNTITLED_DOC_ID,
  demoDocuments,
} from '../fixture/documents.mjs';
import { PANEL_FRAME, downloadDocument, layoutRects, overlapping, panelOf, panelTitle, startSession } from './harness.mjs';

const titleOf = (id) => demoDocuments.get(id).title;

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

test('the panel is visible beside a document within 2 seconds of loading it', async () => {
  const page = await session.context.newPage();
  const started = Date.now();
  await page.goto(session.docUrl(DEMO_DOC_ID));
  assert.equal(await panelTitle(page, 2_000), titleOf(DEMO_DOC_ID));
  assert.ok(Date.now() - started < 2_000 + 1_000, 'the page load itself should not take long either');
  await page.locator(PANEL_FRAME).waitFor({ state: 'visible', timeout: 100 });
  // The student is guessed from the Classroom-style title, and can be corrected.
  assert.equal(await panelOf(page).getByLabel('Student').inputValue(), 'Maya Okafor');
  // Readable at a glance: Chrome's smaller default for extension pages does not apply.
  assert.equal(await panelOf(page).getByLabel('Student').evaluate((input) => getComputedStyle(input).fontSize), '14px');
  await page.close();
});

test('every URL form of a document shows the panel: second account, tab, heading, view mode', async () => {
  const urls = [
    `https://docs.google.com/document/u/1/d/${THEO_DOC_ID}/edit?tab=t.0#heading=h.x1`,
    `https://docs.google.com/document/d/${THEO_DOC_ID}/view`,
    `https://docs.google.com/document/d/${THEO_DOC_ID}/edit?authuser=2`,
  ];
  for (const url of urls) {
    const page = await session.open(url);
    assert.equal(await panelTitle(page), titleOf(THEO_DOC_ID), url);
    await page.close();
  }
});

test('there is no panel on the Docs home, on "create" or on "make a copy"', async () => {
  for (const url of [
    'https://docs.google.com/document/u/0/',
    'https://docs.google.com/document/create',
    `https://docs.google.com/document/d/${DEMO_DOC_ID}/copy`,
  ]) {
    const page = await session.open(url);
    // Give the content script (where it runs at all) every chance to mount.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('confer-dock').count(), 0, url);
    await page.close();
  }
});

test('moving to another document inside Docs updates the panel, and coming back too', async () => {
  const page = await session.open(session.docUrl(DEMO_DOC_ID));
  assert.equal(await panelTitle(page), titleOf(DEMO_DOC_ID));
  const frameUrl = await page.locator(PANEL_FRAME).getAttribute('src');

  await page.evaluate((id) => window.__docsFixture.navigateTo(id), MAYA_SECOND_DOC_ID);
  await panelOf(page).getByRole('heading', { name: titleOf(MAYA_SECOND_DOC_ID) }).waitFor({ timeout: 2_000 });

  // Switching document tabs is the same document: the panel stays as it is.
  await page.evaluate(() => window.__docsFixture.selectTab('t.abc'));
  await page.waitForTimeout(200);
  assert.equal(await panelTitle(page), titleOf(MAYA_SECOND_DOC_ID));

  await page.goBack();
  await panelOf(page).getByRole('heading', { name: titleOf(DEMO_DOC_ID) }).waitFor({ timeout: 2_000 });
  // The same panel frame followed along; it was not reloaded into a new one.
  assert.equal(await page.locator(PANEL_FRAME).getAttribute('src'), frameUrl);
  assert.equal(await page.locator('confer-dock').count(), 1);
  await page.close();
});

test('moving to a document that takes a moment to load: its title is shown as still to come, never the last document’s', async () => {
  const page = await session.open(session.docUrl(DEMO_DOC_ID));
  assert.equal(await panelTitle(page), titleOf(DEMO_DOC_ID));
  // Docs changes the address at once, and the title once the document has loaded (here 1.5 s on).
  const moved = page.evaluate((id) => window.__docsFixture.navigateTo(id, { delayMs: 1_500 }), MAYA_SECOND_DOC_ID);
  await panelOf(page).getByRole('heading', { name: 'Reading the title…' }).waitFor({ timeout: 1_000 });
  await moved;
  await panelOf(page).getByRole('heading', { name: titleOf(MAYA_SECOND_DOC_ID) }).waitFor({ timeout: 2_000 });
  await page.close();
});

test('downloading the document (File > Download) leaves the panel where it is', async () => {
  const page = await session.open(session.docUrl(THEO_DOC_ID));
  await panelTitle(page);
  const download = await downloadDocument(page, THEO_DOC_ID);
  assert.equal(download.suggestedFilename(), 'document.txt');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('confer-dock').count(), 1, 'the dock is still in the page');
  assert.equal(await panelTitle(page), titleOf(THEO_DOC_ID));
  assert.equal(overlapping(await layoutRects(page)).length, 0, 'Docs is still laid out beside the panel');
  await page.close();
});

test('renaming the document in Docs updates the title in the panel', async () => {
  const page = await session.open(session.docUrl(THEO_DOC_ID));
  await panelTitle(page);
  await page.evaluate(() => window.__docsFixture.rename('Theo Lindqvist - Narrative, second draft'));
  await panelOf(page).getByRole('heading', { name: 'Theo Lindqvist - Narrative, second draft' }).waitFor({ timeout: 2_000 });
  await page.close();
});

test('a hostile document title is shown literally and runs nothing', async () => {
  const page = await session.open(session.docUrl(HOSTILE_DOC_ID));
  const title = titleOf(HOSTILE_DOC_ID);
  assert.match(title, /<img src=x onerror=/);
  assert.match(title, /"><script>/);
  assert.equal(await panelTitle(page), title);
  assert.equal(await panelOf(page).locator('img, script:not([src])').count(), 0, 'no element was made from the title');
  // Markup is not a name: nothing is suggested, and the teacher is asked to type it.
  assert.equal(await panelOf(page).getByLabel('Student').inputValue(), '');
  await panelOf(page).getByText('Type the student’s name').waitFor();
  const pwned = await Promise.all([
    page.evaluate(() => window.__confer_pwned),
    page.frame({ url: /^chrome-extension:/ }).evaluate(() => window.__confer_pwned),
  ]);
  assert.deepEqual(pwned, [undefined, undefined]);
  await page.close();
});

test('a very long title fits the panel without pushing it wider', async () => {
  const page = await session.open(session.docUrl(LONG_TITLE_DOC_ID));
  const title = await panelTitle(page);
  assert.equal(title, titleOf(LONG_TITLE_DOC_ID));
  const widths = await panelOf(page).locator('body').evaluate((body) => [body.scrollWidth, body.clientWidth]);
  assert.ok(widths[0] <= widths[1], `the panel scrolls sideways: ${widths}`);
  await page.close();
});

test('the host page cannot read the panel or what the teacher types in it', async () => {
  const page = await session.open(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  await panelOf(page).getByLabel('Student').fill('Maya O.');
  const probe = await page.evaluate(() => window.__docsFixture.probePanel());
  assert.equal(probe.found, true, 'the fixture should at least find the frame element');
  assert.equal(probe.readable, false, `the page read the panel: ${probe.text}`);
  assert.ok(probe.errors.length > 0);
  // Nothing the panel holds was posted to the page either.
  const messages = await page.evaluate(() => JSON.stringify(window.__docsFixture.messages));
  assert.doesNotMatch(messages, /Maya O\./);
  await page.close();
});

test('Confer posts nothing to the Docs page, not even that it has started', async () => {
  const page = await session.context.newPage();
  // Listening from before any script of the page or of Confer runs (the fixture's own listener
  // starts later, with docs.js).
  await page.addInitScript(() => {
    window.__messagesFromTheStart = [];
    window.addEventListener('message', (event) => window.__messagesFromTheStart.push(JSON.stringify(event.data)));
  });
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  // (The test before named this document's student 'Maya O.'; this one leaves it so again.)
  for (const name of ['Maya Okafor', 'Maya O.']) {
    await panelOf(page).getByLabel('Student').fill(name);
    await panelOf(page).getByText('Saved for this document.').waitFor();
  }
  // WXT's content scripts post a note to the page as they start, for scripts built by old WXT
  // versions; Confer's build leaves it out (wxt.config.ts, startQuietly).
  assert.deepEqual(await page.evaluate(() => window.__messagesFromTheStart), []);
  await page.close();
});

test('the student name a teacher types is kept for the document', async () => {
  const page = await session.open(session.docUrl(THEO_DOC_ID));
  await panelTitle(page);
  const field = panelOf(page).getByLabel('Student');
  await field.fill('Theo L.');
  await panelOf(page).getByText('Saved for this document.').waitFor({ timeout: 2_000 });
  await page.close();

  const again = await session.open(`https://docs.google.com/document/u/2/d/${THEO_DOC_ID}/view`);
  await panelTitle(again);
  await panelOf(again).getByLabel('Student').and(panelOf(again).locator(':enabled')).waitFor();
  assert.equal(await panelOf(again).getByLabel('Student').inputValue(), 'Theo L.');
  await again.close();
});

test('a student name typed just before the tab is closed is kept', async () => {
  // The name's save is a read-then-write transaction, which a closing page cannot finish; the
  // name is kept for the next panel instead (lib/notebook/unsaved-words.ts). Without that, it was
  // lost in one run of three.
  const page = await session.open(session.docUrl(UNTITLED_DOC_ID));
  await panelTitle(page);
  const field = panelOf(page).getByLabel('Student');
  await field.and(panelOf(page).locator(':enabled')).waitFor();
  await field.pressSequentially('Dev Ramirez', { delay: 10 });
  await page.close();

  const again = await session.open(session.docUrl(UNTITLED_DOC_ID));
  await panelTitle(again);
  await panelOf(again).getByLabel('Student').and(panelOf(again).locator(':enabled')).waitFor();
  assert.equal(await panelOf(again).getByLabel('Student').inputValue(), 'Dev Ramirez');
  assert.doesNotMatch(await again.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })), /Dev Ramirez/);
  await again.close();

  // Once in the notebook, this document's name is gone from where it waited (the extension's own
  // storage), by the next panel at the latest: the closing page can still be putting it there as
  // this one opens. Only this document's: an earlier test's name for another document rightly
  // waits there for a panel on that one (it failed CI once by counting that).
  const third = await session.open(session.docUrl(UNTITLED_DOC_ID));
  await panelTitle(third);
  await panelOf(third).getByLabel('Student').and(panelOf(third).locator(':enabled')).waitFor();
  assert.equal(await panelOf(third).getByLabel('Student').inputValue(), 'Dev Ramirez');
  const panel = third.frame({ url: /^chrome-extension:/ });
  await panel.waitForFunction(
    (prefix) => Object.keys(localStorage).every((key) => !key.startsWith(prefix)),
    `confer.unsaved-name.${UNTITLED_DOC_ID}.`,
    { timeout: 5_000 },
  );
  await third.close();
});
