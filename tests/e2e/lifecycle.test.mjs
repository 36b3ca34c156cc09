// When Confer is reloaded, updated or turned off, Docs is left exactly as it was without it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOC_ID } from '../fixture/documents.mjs';
import { dockState, layoutRects, onExtensionsPage, panelTitle, settle, startSession } from './harness.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** What Docs looks like: its own inline widths and where its parts are. */
const docsLayout = (page) =>
  page.evaluate(() => ({
    chromeInlineWidth: document.querySelector('#docs-chrome').style.width,
    editorInlineWidth: document.querySelector('#docs-editor').style.width,
    editorWidth: document.querySelector('#docs-editor').getBoundingClientRect().width,
    pageLeft: Math.round(document.querySelector('.kix-page-paginated').getBoundingClientRect().left),
    adoptedSheets: document.adoptedStyleSheets.length,
    // What switches Confer's manifest style sheet on (lib/docs/layout.css).
    roomOnHtml: document.documentElement.hasAttribute('data-confer-room') || document.documentElement.style.length > 0,
    dock: document.querySelector('confer-dock') !== null,
  }));

/**
 * Reloading or turning off an extension silences its content scripts without telling them; Confer
 * notices the next time the teacher comes back to the tab and uses it. A click on the page is that.
 */
async function teacherReturnsTo(page) {
  await page.bringToFront();
  await page.mouse.click(200, 400);
  await settle(page);
}

test('reloading the extension gives Docs back its own layout', async () => {
  const page = await session.context.newPage();
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  await settle(page);
  const docked = await docsLayout(page);
  assert.equal(docked.dock, true);
  assert.equal(docked.roomOnHtml, true);
  assert.equal(docked.editorWidth, 1280 - 360);

  // Only developer mode offers "Reload" (and Chromium disables an unpacked extension reloaded without it).
  await onExtensionsPage(session, () => new Promise((done) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, done)));
  const result = await onExtensionsPage(session, (id) => new Promise((done) => chrome.developerPrivate.reload(id, { failQuietly: true }, () => done(chrome.runtime.lastError?.message ?? 'reloaded'))));
  assert.equal(result, 'reloaded');
  await teacherReturnsTo(page);

  const restored = await docsLayout(page);
  assert.deepEqual(restored, {
    chromeInlineWidth: '1280px',
    editorInlineWidth: '1280px',
    editorWidth: 1280,
    pageLeft: restored.pageLeft,
    adoptedSheets: 0,
    roomOnHtml: false,
    dock: false,
  });
  assert.ok(restored.pageLeft > docked.pageLeft, 'the page moved back towards the middle');
  // Nothing of Confer's is left to pull Docs' next re-layout anywhere else.
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await settle(page);
  assert.deepEqual(await docsLayout(page), restored);

  // The reloaded Confer docks again when the teacher reloads the tab.
  await page.reload();
  assert.equal(await panelTitle(page), 'Maya Okafor - Personal Narrative: The Big Match');
  assert.equal((await docsLayout(page)).editorWidth, 1280 - 360);
  await page.close();
});

test('turning the extension off removes the panel and gives the room back; turning it on docks it again', async () => {
  const page = await session.context.newPage();
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);

  const off = await onExtensionsPage(session, (id) => new Promise((done) => chrome.management.setEnabled(id, false, () => done(chrome.runtime.lastError?.message ?? 'off'))));
  assert.equal(off, 'off');
  await teacherReturnsTo(page);
  const layout = await docsLayout(page);
  assert.equal(layout.dock, false);
  assert.equal(layout.editorWidth, 1280);
  assert.equal((await layoutRects(page)).docs.page.right <= 1280, true);
  // Alt+Shift+C typed in the document is Docs' own again (Confer's page-world script stays until
  // the tab reloads, but with nobody to take the key it lets it through).
  const textbox = page.locator('iframe.docs-texteventtarget-iframe').contentFrame().locator('[contenteditable]');
  await textbox.focus();
  await textbox.evaluate((box) => {
    window.__altShiftC = 0;
    box.addEventListener('keydown', (event) => {
      if (event.code === 'KeyC' && event.altKey && event.shiftKey && !event.defaultPrevented) window.__altShiftC += 1;
    });
  });
  await page.keyboard.press('Alt+Shift+C');
  assert.equal(await textbox.evaluate(() => window.__altShiftC), 1, 'Docs got Alt+Shift+C');

  const on = await onExtensionsPage(session, (id) => new Promise((done) => chrome.management.setEnabled(id, true, () => done(chrome.runtime.lastError?.message ?? 'on'))));
  assert.equal(on, 'on');
  await page.reload();
  await panelTitle(page);
  assert.equal((await dockState(page)).toggleName, 'Close Confer');
  await page.close();
});
