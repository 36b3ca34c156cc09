// The toolbar button and Alt+Shift+C open and close the panel.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOC_ID, MAYA_SECOND_DOC_ID, demoDocuments } from '../fixture/documents.mjs';
import { dockState, downloadDocument, panelOf, panelTitle, startSession } from './harness.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

async function backgroundWorker() {
  return session.context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${session.extensionId}/`)) ?? session.context.waitForEvent('serviceworker');
}

/** Waits until the panel's frame is shown (`open`) or hidden. */
const waitForPanel = (page, open) =>
  page.waitForFunction((shown) => document.querySelector('confer-dock')?.shadowRoot.querySelector('iframe').hidden === !shown, open);

/** Whether the panel is open, as the teacher sees it. */
const panelOpen = (page) => dockState(page).then((state) => state.toggleName === 'Close Confer' && state.frameVisible);

/** What the panel says when Alt+Shift+C typed in the document can't reach Confer (lib/messages.ts). */
const SHORTCUT_WARNING = 'Alt+Shift+C can’t open or close Confer while you type in this document';

test('Alt+Shift+C closes and opens the panel while typing in the document, and from inside the panel', async () => {
  const page = await session.context.newPage();
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  // Typing in the document: Docs has focus in its hidden keystroke frame.
  await page.locator('iframe.docs-texteventtarget-iframe').contentFrame().locator('[contenteditable]').focus();
  await page.keyboard.type('ab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'docs-texteventtarget-iframe');

  await page.keyboard.press('Alt+Shift+C');
  await waitForPanel(page, false);
  assert.equal(await panelOpen(page), false);
  // Docs did not get the key (it would have typed or run a command).
  assert.equal(await page.locator('iframe.docs-texteventtarget-iframe').contentFrame().locator('[contenteditable]').textContent(), 'ab');

  await page.keyboard.press('Alt+Shift+C');
  await waitForPanel(page, true);
  // Opened from the keyboard, focus goes into the panel: the teacher can type there at once.
  await page.keyboard.press('Tab');
  await page.keyboard.type('Maya O.');
  assert.equal(await panelOf(page).getByLabel('Student').inputValue(), 'Maya O.');

  // From inside the panel, the same key closes it, and focus lands on the handle that reopens it.
  await page.keyboard.press('Alt+Shift+C');
  await waitForPanel(page, false);
  assert.equal(await page.evaluate(() => document.querySelector('confer-dock').shadowRoot.activeElement?.getAttribute('aria-label')), 'Open Confer');
  await page.keyboard.press('Enter');
  await waitForPanel(page, true);
  assert.equal(await panelOpen(page), true);
  // Docs' keystroke frame was found: the panel has no warning about the shortcut.
  assert.equal(await panelOf(page).getByText(SHORTCUT_WARNING).count(), 0);
  await page.close();
});

test('where Confer can’t find Docs’ keystroke frame, the panel says Alt+Shift+C won’t work while typing in the document, and the console names the selector', async () => {
  const page = await session.context.newPage();
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  // As if Docs had renamed its keystroke frame: the fixture's frame gets another class as it is made.
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof HTMLIFrameElement && node.classList.contains('docs-texteventtarget-iframe')) node.className = 'renamed-keystroke-frame';
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  await panelOf(page).getByText(SHORTCUT_WARNING).waitFor();
  assert.ok(warnings.some((text) => text.includes('"textEventFrame" (iframe.docs-texteventtarget-iframe) not found')), warnings.join('\n'));
  // The rest of the panel works as ever.
  assert.equal(await panelOpen(page), true);
  await page.close();
});

test('the toolbar button / shortcut closes the panel, and opens it again with focus inside it', async () => {
  const page = await session.context.newPage();
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  const worker = await backgroundWorker();
  // A test cannot click Chromium's toolbar or press a browser-level shortcut. Both go to the
  // background, which sends the tab this message (lib/background.test.ts covers that part);
  // here the same message travels through the real browser to the real content script.
  const toggle = () =>
    worker.evaluate(async () => {
      // (Confer may not read tabs' URLs, so: the one tab whose content script answers.)
      const answers = await Promise.all(
        (await chrome.tabs.query({})).map((tab) => chrome.tabs.sendMessage(tab.id, { type: 'confer:toggle-panel' }).catch(() => null)),
      );
      return answers.filter((answer) => answer !== null);
    });
  assert.deepEqual(await toggle(), [true], 'one content script answered: it has a panel');
  await waitForPanel(page, false);
  assert.equal((await dockState(page)).toggleName, 'Open Confer');

  await toggle();
  await waitForPanel(page, true);
  assert.equal((await dockState(page)).toggleName, 'Close Confer');
  // Opened from the keyboard: the teacher can start typing in the panel straight away.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'CONFER-DOCK');
  await panelOf(page).getByLabel('Student').waitFor();
  await page.close();
});

/**
 * The toolbar button as the teacher sees it in the active tab (the one just opened), asked of the
 * background running now; `restarted`: that background started after the test marked the old one.
 */
const activeTabButton = async () =>
  (await backgroundWorker()).evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return {
      enabled: await chrome.action.isEnabled(tab.id),
      title: await chrome.action.getTitle({ tabId: tab.id }),
      restarted: globalThis.__conferTestMarker === undefined,
    };
  });
/** Waits (up to 2 s) until the button is usable (`enabled`) or greyed, and returns it. */
async function buttonBecomes(enabled) {
  for (const deadline = Date.now() + 2_000; Date.now() < deadline; await new Promise((wait) => setTimeout(wait, 50))) {
    const state = await activeTabButton();
    if (state.enabled === enabled) return state;
  }
  assert.fail(`the toolbar button never became ${enabled ? 'usable' : 'greyed'}`);
}

test('the toolbar button is greyed where there is no panel, and its tooltip says where Confer works', async () => {
  const page = await session.open('https://docs.google.com/document/u/0/');
  const home = await buttonBecomes(false);
  assert.match(home.title, /^Confer opens beside a Google Docs document\./);

  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  assert.equal((await buttonBecomes(true)).title, 'Open or close Confer (Alt+Shift+C)');
  // Moving to another document inside Docs keeps it usable, and the Docs home greys it again.
  await page.evaluate((id) => window.__docsFixture.navigateTo(id), MAYA_SECOND_DOC_ID);
  await panelOf(page).getByRole('heading', { name: demoDocuments.get(MAYA_SECOND_DOC_ID).title }).waitFor();
  await page.waitForTimeout(300);
  assert.equal((await activeTabButton()).enabled, true);
  // So does File > Download, a navigation that never leaves the page.
  await downloadDocument(page, MAYA_SECOND_DOC_ID);
  await page.waitForTimeout(500);
  assert.equal((await activeTabButton()).enabled, true);
  await page.goto('https://docs.google.com/document/u/0/');
  await buttonBecomes(false);
  await page.close();
});

test('the toolbar button stays usable beside a document when Chrome restarts the background', async () => {
  const page = await session.open(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  await buttonBecomes(true);
  await (await backgroundWorker()).evaluate(() => {
    globalThis.__conferTestMarker = 'the worker before the restart';
  });
  // Chrome stops an idle background after 30 s. Starting again, it greys the button everywhere
  // (lib/background.ts), which must leave this tab's own state as it was.
  const browserSession = await session.context.browser().newBrowserCDPSession();
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${session.extensionId}/`));
  await browserSession.send('Target.closeTarget', { targetId: worker.targetId });
  await browserSession.detach();
  // The panel asking for its document starts it again; nothing about this page is re-reported.
  const panelFrame = page.frames().find((frame) => frame.url().startsWith(`chrome-extension://${session.extensionId}/`));
  await panelFrame.evaluate(() => chrome.runtime.sendMessage({ type: 'confer:get-context' }));
  assert.deepEqual(await activeTabButton(), { enabled: true, title: 'Open or close Confer (Alt+Shift+C)', restarted: true });
  await page.close();
});
