// The Firefox build in real Firefox (ESR or newer), against the same Docs fixture: it docks beside
// the document, keeps a conference and shares it with another tab and with Confer's own pages,
// follows Docs to another document, opens and closes with Alt+Shift+C (remembered across a
// reload), posts a margin comment on the selected words, and when it is removed Docs gets its page
// back, though Firefox runs none of a removed extension's code (lib/docs/layout.css says how).
// Needs an installed Firefox (FIREFOX_PATH, firefox-esr or firefox); without one the tests are
// skipped with a note, except in CI, where .ci/run installs it and a missing Firefox fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { findFirefox, launchFirefoxWithExtension } from '../../scripts/firefox.mjs';
import { DEMO_DOC_ID, MAYA_SECOND_DOC_ID, demoDocuments } from '../fixture/documents.mjs';
import { startDocsFixture } from '../fixture/server.mjs';
import { PANEL_TITLE } from './harness.mjs';
import { notebookRecordsAsJson } from './in-page.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const WIDTH = 1280;
const DOC_URL = `https://docs.google.com/document/d/${DEMO_DOC_ID}/edit`;
const executablePath = findFirefox();
if (executablePath === null && process.env.CI) throw new Error('No Firefox found; .ci/run installs firefox-esr.');
const skip = executablePath === null && 'no Firefox found (apt-get install firefox-esr, or set FIREFOX_PATH)';

/** Where Firefox saves what Confer's pages download (a backup), without asking. */
const downloadDir = mkdtempSync(join(tmpdir(), 'confer-firefox-downloads-'));
let fixture;
let firefox;
let addonId;
before(async () => {
  if (skip) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'pipe' });
  fixture = await startDocsFixture();
  firefox = await launchFirefoxWithExtension({ executablePath, docsPort: fixture.port, viewport: { width: WIDTH, height: 800 }, downloadDir });
  addonId = await firefox.install();
});
after(async () => {
  await firefox?.close();
  await fixture?.close();
  rmSync(downloadDir, { recursive: true, force: true });
});

/** Where the dock and Docs' parts are (Firefox's dock has a closed shadow root: measured from outside). */
const layoutOf = (page) =>
  page.evaluate(() => {
    const right = (selector) => document.querySelector(selector).getBoundingClientRect().right;
    const docks = [...document.querySelectorAll('confer-dock')];
    const shown = docks.filter((dock) => getComputedStyle(dock).display !== 'none');
    return {
      docks: docks.length,
      shownDocks: shown.map((dock) => ({ left: dock.getBoundingClientRect().left, width: dock.getBoundingClientRect().width })),
      chromeRight: right('#docs-chrome'),
      editorRight: right('#docs-editor'),
      pageLeft: document.querySelector('.kix-page-paginated').getBoundingClientRect().left,
      pageRight: right('.kix-page-paginated'),
    };
  });

/**
 * Asks `read` every 50 ms until it answers something (not undefined, null or false) or `timeout`
 * ms have passed, and returns its last answer. A read that throws (a frame going away as it is
 * asked) answers nothing. (Puppeteer's own waiting fails in a background tab in Firefox, and can't
 * look across frames.)
 */
async function poll(read, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const answer = await Promise.resolve()
      .then(read)
      .catch(() => undefined);
    if ((answer !== undefined && answer !== null && answer !== false) || Date.now() >= deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The panel's frame (its address is moz-extension://; Puppeteer lists such frames as about:blank). */
async function panelFrame(page) {
  const isPanel = (frame) => frame.evaluate((title) => location.protocol === 'moz-extension:' && document.querySelector(title) !== null, PANEL_TITLE).catch(() => false);
  const frame = await poll(async () => {
    for (const candidate of page.frames()) if (await isPanel(candidate)) return candidate;
    return undefined;
  });
  if (frame === undefined) throw new Error('The Confer panel did not load in Firefox.');
  return frame;
}

/**
 * Puts the keyboard focus in the panel's field labelled `label`, for typing as a teacher would.
 * (Puppeteer's element clicks need a BiDi locator that Firefox ESR 140 lacks; the keyboard works.)
 */
async function focusField(frame, label) {
  // The form is usable once the notebook has answered (until then its fields are disabled).
  const focused = await poll(() =>
    frame.evaluate((text) => {
      const field = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent.trim() === text)?.control;
      if (field === undefined || field === null || field.disabled) return false;
      field.focus();
      return document.activeElement === field;
    }, label),
  );
  assert.ok(focused, `no usable field labelled ${label}`);
}

/** The panel's title once it reads `expected`, or as it is after `timeout` ms. */
async function panelTitleBecomes(frame, expected, timeout) {
  const title = () => frame.$eval(PANEL_TITLE, (heading) => heading.textContent);
  return (await poll(async () => ((await title()) === expected ? expected : undefined), timeout)) ?? title();
}

/** The dock's width once it is `width` px (open 360, closed 24), or as it is after 3 s. */
async function dockWidthBecomes(page, width) {
  await page.waitForFunction((expected) => document.querySelector('confer-dock').getBoundingClientRect().width === expected, { timeout: 3_000 }, width).catch(() => undefined);
  return page.evaluate(() => document.querySelector('confer-dock').getBoundingClientRect().width);
}

/** Puts the keyboard in the document text, as clicking in the page would (Docs' keystroke frame). */
const focusDocumentText = (page) => page.evaluate(() => document.querySelector('iframe.docs-texteventtarget-iframe').contentDocument.querySelector('[contenteditable]').focus());

async function pressAltShiftC(page) {
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyC');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
}

/** Presses the button named `name` in `frame` (a page, or the panel) with `page`'s keyboard (see focusField). */
async function pressButton(frame, name, page = frame) {
  const focused = await poll(() =>
    frame.evaluate((text) => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent.trim() === text);
      button?.focus();
      return button !== undefined && document.activeElement === button;
    }, name),
  );
  assert.ok(focused, `no button named ${name}`);
  await page.keyboard.press('Enter');
}

/** Ctrl+Enter: the panel's keyboard way to press "Save conference". */
async function pressCtrlEnter(page) {
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
}

async function openDoc() {
  const page = await firefox.browser.newPage();
  await page.goto(DOC_URL);
  return { page, panel: await panelFrame(page) };
}

test('in Firefox the panel docks beside the document, with the document’s title, and covers none of Docs', { skip }, async () => {
  const { page, panel } = await openDoc();
  assert.equal(await panel.$eval(PANEL_TITLE, (title) => title.textContent), 'Maya Okafor - Personal Narrative: The Big Match');
  await page.waitForFunction(() => document.querySelector('#docs-editor').getBoundingClientRect().right <= innerWidth - 360);
  const layout = await layoutOf(page);
  assert.deepEqual(layout.shownDocks, [{ left: WIDTH - 360, width: 360 }]);
  for (const part of ['chromeRight', 'editorRight', 'pageRight']) assert.ok(layout[part] <= WIDTH - 360, `${part} ${layout[part]} reaches under the panel`);
  await page.close();
});

test('in Firefox a saved conference shows in another tab on the document within 1 s, and is still there after a reload', { skip }, async () => {
  const other = await openDoc();
  const { page, panel } = await openDoc();
  await page.bringToFront();
  await focusField(panel, 'Teaching point');
  await page.keyboard.type('Start with the moment the whistle blew');
  await pressCtrlEnter(page);
  await panel.waitForSelector('::-p-text(Conference saved)');
  const saved = Date.now();
  await other.panel.waitForSelector('.history .entry-focus', { timeout: 1_000 });
  assert.ok(Date.now() - saved <= 1_000);
  assert.equal(await other.panel.$eval('.history .entry-focus', (entry) => entry.textContent), 'Start with the moment the whistle blew');
  await other.page.close();
  await page.reload();
  const reloaded = await panelFrame(page);
  await reloaded.waitForSelector('.history .entry-focus');
  assert.deepEqual(await reloaded.$$eval('.history .entry-focus', (entries) => entries.map((entry) => entry.textContent)), ['Start with the moment the whistle blew']);
  // Opened, the entry shows the rest of the conference (drawn only once it is first opened).
  await reloaded.click('.history-entry summary');
  const rest = await reloaded.waitForSelector('.history-entry .entry-body', { timeout: 1_000 });
  assert.match(await rest.evaluate((body) => body.textContent), /^Nothing else was written down\.EditDelete$/);
  await page.close();
});

test('in Firefox an unsaved conference comes back whole after the tab is closed straight after the last keystroke', { skip }, async () => {
  const { page, panel } = await openDoc();
  await page.bringToFront();
  await focusField(panel, 'Next step');
  await page.keyboard.type('Read it aloud to a partner');
  await page.close();
  const again = await openDoc();
  const nextStep = () => again.panel.evaluate(() => [...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'Next step')?.control?.value);
  assert.equal(await poll(async () => ((await nextStep()) === 'Read it aloud to a partner' ? 'Read it aloud to a partner' : undefined), 3_000), 'Read it aloud to a partner');
  await again.page.close();
});

test('in Firefox a Confer page of its own (the class view’s place) opens the panel’s notebook and hears its changes at once', { skip }, async () => {
  // Firefox keeps a frame's storage and channels apart per top-level site; the panel, an extension
  // frame inside Docs, must share them with Confer's own pages or the class view would be empty.
  const { page, panel } = await openDoc();
  const confersPage = await firefox.browser.newPage();
  // Firefox 153's WebDriver BiDi refuses to navigate a tab to a moz-extension: address ("not
  // allowed in this context"), so a Docs page goes there itself: the panel page is one Docs may
  // open. (Puppeteer never hears that a moz-extension page has loaded: the page is watched instead.)
  const address = `${await panel.evaluate(() => location.origin)}/panel.html`;
  await confersPage.goto('https://docs.google.com/document/u/0/');
  await confersPage.evaluate((url) => location.assign(url), address);
  assert.ok(await poll(async () => (await confersPage.evaluate(() => document.readyState !== 'loading' && location.href)) === address), 'Confer’s own page did not open');
  await confersPage.evaluate(() => {
    window.heard = [];
    new BroadcastChannel('confer-notebook').onmessage = (event) => window.heard.push({ change: event.data, at: Date.now() });
  });
  await page.bringToFront();
  const focus = `Name the feeling, then show it (${Date.now()})`;
  await focusField(panel, 'Teaching point');
  await page.keyboard.type(focus);
  await pressCtrlEnter(page);
  await panel.waitForSelector('::-p-text(Conference saved)');
  const saved = Date.now();
  const heardAt = await poll(() => confersPage.evaluate((docId) => window.heard.find(({ change }) => change.documents?.includes(docId))?.at, DEMO_DOC_ID));
  assert.ok(heardAt !== undefined, 'Confer’s own page heard nothing of the save');
  assert.ok(heardAt - saved <= 1_000, `heard ${heardAt - saved} ms after the save`);
  const stored = await confersPage.evaluate(notebookRecordsAsJson);
  assert.ok(stored.includes(focus), 'Confer’s own page does not see the conference saved in the panel');
  await confersPage.close();
  await page.close();
});

test('in Firefox the panel opens the notebook page, which backs up, deletes and restores the panel’s notebook', { skip }, async () => {
  const { page, panel } = await openDoc();
  const before = new Set(await firefox.browser.pages());
  await pressButton(panel, 'Back up or restore your notes', page);
  const notebookPage = await poll(async () => {
    for (const candidate of await firefox.browser.pages()) {
      if (before.has(candidate)) continue;
      if (await candidate.evaluate(() => location.pathname === '/notebook.html' && document.querySelector('h1')?.textContent === 'Your notebook').catch(() => false)) return candidate;
    }
    return undefined;
  });
  if (notebookPage === undefined) {
    const open = await Promise.all((await firefox.browser.pages()).map((candidate) => candidate.evaluate(() => location.href).catch(() => '(unreadable)')));
    assert.fail(`the notebook page did not open; the tabs show ${open.join(', ')}`);
  }
  assert.equal(await notebookPage.evaluate(() => location.protocol), 'moz-extension:');
  // It reads the panel's notebook, where the panel noted the document as it opened.
  const stored = await notebookPage.evaluate(notebookRecordsAsJson);
  assert.ok(stored.includes(`"docId":"${DEMO_DOC_ID}"`), 'the notebook page does not see the panel’s notebook');

  // A backup downloads in Firefox too, and the same file restores (nothing new in it).
  await pressButton(notebookPage, 'Download a backup');
  const backup = await poll(() => readdirSync(downloadDir).find((name) => /^confer-backup-\d{4}-\d{2}-\d{2}\.json$/.test(name)), 10_000);
  assert.ok(backup !== undefined, `no backup was downloaded (the folder has ${readdirSync(downloadDir).join(', ') || 'nothing'})`);
  const file = join(downloadDir, backup);
  assert.ok(await poll(() => JSON.parse(readFileSync(file, 'utf8')).data.documents.some((document) => document.docId === DEMO_DOC_ID)), 'the backup lacks the document');
  const input = await notebookPage.$('#restore-file');
  await input.uploadFile(file);
  const restoreSays = () => poll(() => notebookPage.evaluate(() => document.querySelector('.restore-words')?.textContent));
  assert.match((await restoreSays()) ?? '', /Nothing in this file is new to this notebook/);

  // Every note deleted, then the backup restored: the document is back in the notebook.
  await focusField(notebookPage, 'Type “delete everything” to confirm');
  // Enter in the box, as a teacher finishing the phrase would.
  await notebookPage.keyboard.type('delete everything');
  await notebookPage.keyboard.press('Enter');
  assert.ok(
    await poll(() => notebookPage.evaluate(() => document.body.textContent.includes('Every note is deleted'))),
    'the notes were not deleted',
  );
  assert.ok(!(await notebookPage.evaluate(notebookRecordsAsJson)).includes(DEMO_DOC_ID));
  await input.uploadFile(file);
  assert.match((await poll(async () => ((await restoreSays()) ?? '').includes('Adds') && restoreSays())) ?? '', /^Adds (.+, )?1 document\b/);
  // The keyboard goes to what the file would change first (RestoreSection), then on to Restore.
  assert.ok(await poll(() => notebookPage.evaluate(() => document.activeElement?.id === 'restore-preview-title')), 'the keyboard did not go to the summary');
  // Pressed from the page's script: once WebDriver BiDi has set a file input's files, headless
  // Firefox ESR 153 clicks no button for Enter or Space (keydown, keypress and keyup arrive, no click
  // follows: on this button, and on Download a backup, which Enter clicked before; Enter in a form's
  // box still submits it, as above). A teacher picks the file in Firefox's own dialog instead; the
  // Chromium test clicks Restore with the mouse.
  await notebookPage.evaluate(() => [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Restore').click());
  assert.ok(
    await poll(() => notebookPage.evaluate((name) => document.body.textContent.includes(`Restored from ${name}`), backup)),
    'the backup was not restored',
  );
  assert.ok((await notebookPage.evaluate(notebookRecordsAsJson)).includes(`"docId":"${DEMO_DOC_ID}"`));
  await notebookPage.close();
  await page.close();
});

test('in Firefox, moving to another document inside Docs brings that document into the same panel', { skip }, async () => {
  const { page, panel } = await openDoc();
  await page.evaluate((id) => window.__docsFixture.navigateTo(id), MAYA_SECOND_DOC_ID);
  // By the Navigation API's navigate event (Firefox 147+, the oldest Confer installs on): here the
  // panel had the new title 80-250 ms after Docs changed the address. (3 s allows for a slow machine.)
  assert.equal(await panelTitleBecomes(panel, demoDocuments.get(MAYA_SECOND_DOC_ID).title, 3_000), demoDocuments.get(MAYA_SECOND_DOC_ID).title);
  assert.equal((await layoutOf(page)).docks, 1);
  await page.close();
});

test('in Firefox Alt+Shift+C closes and opens the panel while typing in the document, and Docs never gets the key', { skip }, async () => {
  const { page, panel } = await openDoc();
  const documentText = () => page.evaluate(() => document.querySelector('iframe.docs-texteventtarget-iframe').contentDocument.querySelector('[contenteditable]').textContent);
  await focusDocumentText(page);
  await page.keyboard.type('ab');
  assert.equal(await documentText(), 'ab');
  await pressAltShiftC(page);
  assert.equal(await dockWidthBecomes(page, 24), 24);
  await pressAltShiftC(page);
  assert.equal(await dockWidthBecomes(page, 360), 360);
  assert.equal(await documentText(), 'ab');
  // Opened from the keyboard, the focus is in the panel: the teacher can type there at once.
  await page.keyboard.press('Tab');
  await page.keyboard.type('Maya O.');
  assert.equal(await panel.evaluate(() => document.activeElement.value), 'Maya O.');
  await page.close();
});

test('in Firefox a closed panel stays closed across a reload, and opens again', { skip }, async () => {
  const { page } = await openDoc();
  await page.waitForFunction(() => document.querySelector('#docs-editor').getBoundingClientRect().right <= innerWidth - 360);
  await focusDocumentText(page);
  await pressAltShiftC(page);
  assert.equal(await dockWidthBecomes(page, 24), 24);
  await page.reload();
  await panelFrame(page);
  assert.equal(await dockWidthBecomes(page, 24), 24);
  // Docs has the room back, all but the slim handle.
  await page.waitForFunction(() => document.querySelector('#docs-editor').getBoundingClientRect().right === innerWidth - 24);
  await focusDocumentText(page);
  await pressAltShiftC(page);
  assert.equal(await dockWidthBecomes(page, 360), 360);
  await page.close();
});

test('in Firefox a comment typed in the panel is posted on the selected words, and the box empties', { skip }, async () => {
  const { page, panel } = await openDoc();
  const words = 'Coach Delgado put me in as a starting defender';
  await page.evaluate((text) => window.__docsFixture.selectText(text), words);
  await focusField(panel, 'Comment');
  const comment = 'Your first line drops me straight into the game.';
  await page.keyboard.type(comment);
  await panel.evaluate(() => [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Post comment').focus());
  await page.keyboard.press('Enter');
  await panel.waitForSelector(`::-p-text(Comment posted on “${words}”.)`, { timeout: 10_000 });
  assert.deepEqual(await page.evaluate(() => window.__docsFixture.threads()), [{ text: comment, quote: words }]);
  assert.equal(await panel.evaluate(() => [...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'Comment').control.value), '');
  await page.close();
});

test('removing Confer in Firefox takes the panel away and gives Docs its width back; adding it again docks one panel', { skip }, async () => {
  const { page } = await openDoc();
  const docked = await layoutOf(page);
  await firefox.uninstall(addonId);
  // Firefox runs nothing of a removed extension: what it takes away itself is the manifest's style sheet.
  // (Polled: as the panel's frame goes away, Firefox can refuse a script for a moment, "no such frame".)
  assert.ok(await poll(() => page.evaluate(() => document.querySelector('#docs-editor').getBoundingClientRect().width === innerWidth)), 'Docs did not get its width back');
  const removed = await layoutOf(page);
  assert.deepEqual(removed.shownDocks, []);
  assert.equal(removed.chromeRight, WIDTH);
  assert.equal(removed.editorRight, WIDTH);
  // …and Docs has re-centred its page in the room it has back (asked by Confer's page-world helper,
  // lib/docs/relayout-after-removal.ts): a re-layout of Docs' own then moves nothing.
  await page.waitForFunction((left) => document.querySelector('.kix-page-paginated').getBoundingClientRect().left > left, { timeout: 2_000 }, docked.pageLeft);
  const centred = (await layoutOf(page)).pageLeft;
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  assert.equal((await layoutOf(page)).pageLeft, centred);

  // Firefox puts the new Confer into the tabs already open; the old, dead dock is replaced.
  addonId = await firefox.install();
  assert.ok(await poll(() => page.evaluate(() => document.querySelector('#docs-editor').getBoundingClientRect().right <= innerWidth - 360)), 'Docs did not make room again');
  const again = await layoutOf(page);
  assert.equal(again.docks, 1);
  assert.deepEqual(again.shownDocks, [{ left: WIDTH - 360, width: 360 }]);
  // The old panel's frame may still be listed for a moment as the new dock replaces it: asked again
  // until the panel that answers is the new one.
  const title = await poll(async () => (await panelFrame(page)).$eval(PANEL_TITLE, (heading) => heading.textContent));
  assert.equal(title, 'Maya Okafor - Personal Narrative: The Big Match');
  await page.close();
});
