// The dock sits NEXT to the document: Docs is narrowed so nothing of it is under the panel, at
// common window widths, after resizing, and as the teacher resizes, closes and reopens the panel.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOC_ID } from '../fixture/documents.mjs';
import { dockState, layoutRects, overlapping, panelTitle, settle, startSession } from './harness.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** Opens the demo document at `width`×`height` and waits for the panel and Docs' re-layout. */
async function openAt(width, height = 900) {
  const page = await session.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(session.docUrl(DEMO_DOC_ID));
  await panelTitle(page);
  await settle(page);
  return page;
}

function assertClear(rects, when) {
  assert.ok(rects.dock !== null, `${when}: the dock is missing`);
  assert.deepEqual(overlapping(rects), [], `${when}: Docs reaches under the panel`);
  // …and Docs still uses the room it has: the page is there and readable.
  assert.ok(rects.docs.page.width >= 400, `${when}: the page shrank to ${rects.docs.page.width}px`);
  assert.ok(rects.docs.editor.right >= rects.dock.left - 1, `${when}: Docs left a gap before the panel`);
  // Moving the rail aside made Docs lay out again: comments are not under the rail either.
  const { commentMargin, companionRail } = rects.docs;
  if (commentMargin !== null && companionRail !== null && companionRail.width > 0) {
    assert.ok(commentMargin.right <= companionRail.left + 0.5, `${when}: the comment margin (right ${commentMargin.right}) runs under the rail (left ${companionRail.left})`);
  }
}

for (const [width, height] of [
  [1280, 800],
  [1920, 1080],
]) {
  test(`at ${width}px nothing of Docs is under the panel`, async () => {
    const page = await openAt(width, height);
    const rects = await layoutRects(page);
    assert.equal(Math.round(rects.dock.width), 360, 'default width: 360px, rail included');
    assertClear(rects, `${width}px`);
    await page.close();
  });
}

test('while Docs is still loading, the panel is never shown over it, and Docs is already painted beside it (no jump when it appears)', async () => {
  const page = await session.context.newPage();
  // Every frame the browser paints from the very start: is the dock showing, and over what?
  await page.addInitScript(() => {
    const seen = (window.__dockFrames = { beforeParsed: 0, shownOver: [], paintedBeforeParsed: 0, acrossPanel: [] });
    const watch = () => {
      const host = document.querySelector('confer-dock');
      if (host !== null && document.readyState === 'loading') {
        seen.beforeParsed += 1;
        // Docs' title bar, toolbar and apps rail, painted before Docs' scripts ran: already clear of
        // the panel's place, or painted across it, to jump aside when the panel appears?
        const free = innerWidth - host.getBoundingClientRect().width + 0.5;
        const toolbar = document.querySelector('#docs-chrome')?.getBoundingClientRect();
        const rail = document.querySelector('.docs-companion-app-switcher-container')?.getBoundingClientRect();
        if (toolbar !== undefined && toolbar.width > 0 && rail !== undefined && rail.width > 0) {
          seen.paintedBeforeParsed += 1;
          if (toolbar.right > free) seen.acrossPanel.push('#docs-chrome');
          if (rail.right > free) seen.acrossPanel.push('rail');
        }
      }
      if (host !== null && getComputedStyle(host).visibility !== 'hidden') {
        const left = host.getBoundingClientRect().left;
        for (const selector of ['#docs-chrome', '#docs-editor', '.docs-companion-app-switcher-container']) {
          const rect = document.querySelector(selector)?.getBoundingClientRect();
          if (rect !== undefined && rect.width > 0 && rect.right > left + 0.5) seen.shownOver.push(`${selector} (${document.readyState})`);
        }
      }
      if (performance.now() < 6_000) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  // Docs' scripts take a while, as on a real first load: the page is painted long before it is parsed.
  await page.goto(session.docUrl(DEMO_DOC_ID, '/edit?fixtureSlowScript=800'));
  await panelTitle(page);
  await settle(page);
  const seen = await page.evaluate(() => window.__dockFrames);
  assert.ok(seen.beforeParsed > 0, 'the dock (and its panel) was already in the page while Docs loaded');
  assert.deepEqual(seen.shownOver, [], 'frames where the shown panel covered part of Docs');
  assert.ok(seen.paintedBeforeParsed > 0, 'Docs’ toolbar and rail were painted while its scripts loaded');
  assert.deepEqual([...new Set(seen.acrossPanel)], [], 'painted across the panel’s place while Docs loaded, to jump aside later');
  assertClear(await layoutRects(page), 'once loaded');
  await page.close();
});

test('after the window is resized, Docs is laid out beside the panel again', async () => {
  const page = await openAt(1920, 1080);
  const layoutsBefore = await page.evaluate(() => window.__docsFixture.layoutCount);
  await page.setViewportSize({ width: 1366, height: 768 });
  await settle(page);
  assert.ok((await page.evaluate(() => window.__docsFixture.layoutCount)) > layoutsBefore, 'Docs re-laid itself out');
  assertClear(await layoutRects(page), 'after resizing to 1366px');
  await page.setViewportSize({ width: 1600, height: 900 });
  await settle(page);
  assertClear(await layoutRects(page), 'after resizing to 1600px');
  await page.close();
});

test('in a window narrower than the panel (split screen, or zoomed in a long way), its rail stays on screen to close it', async () => {
  const page = await openAt(1280);
  const grip = page.getByRole('separator', { name: 'Resize Confer' });
  await grip.focus();
  await page.keyboard.press('End'); // the widest panel, 560px
  // 1366px at 300% zoom leaves 455 CSS pixels.
  await page.setViewportSize({ width: 455, height: 700 });
  await settle(page);
  const toggle = page.getByRole('button', { name: 'Close Confer' });
  const box = await toggle.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 455, `the Close Confer button is on screen (x ${box.x})`);
  await toggle.click();
  assert.equal((await dockState(page)).expanded, 'false');
  // Reopened in a wide window, the panel still has the width the teacher chose.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Open Confer' }).click();
  await settle(page);
  assert.equal(Math.round((await dockState(page)).width), 560);
  await grip.focus();
  await page.keyboard.press('Home');
  await page.close();
});

test('dragging the panel wider or narrower re-lays Docs out, within 240–560px', async () => {
  const page = await openAt(1600);
  const grip = page.getByRole('separator', { name: 'Resize Confer' });
  const box = await grip.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(1600 - 500, y, { steps: 5 });
  await page.mouse.up();
  await settle(page);
  let rects = await layoutRects(page);
  assert.ok(Math.abs(rects.dock.left - 1100) <= 2, `the panel's left edge follows the pointer (${rects.dock.left})`);
  assertClear(rects, 'after widening');

  // Far beyond the limit: the panel stops at its narrowest.
  await page.mouse.move(box.x + box.width / 2, y);
  const start = await grip.boundingBox();
  await page.mouse.move(start.x + start.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(1590, y, { steps: 5 });
  await page.mouse.up();
  await settle(page);
  rects = await layoutRects(page);
  assert.equal(Math.round(rects.dock.width), 240);
  assertClear(rects, 'after narrowing');

  // The keyboard does the same: left arrow widens.
  await grip.focus();
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  assert.equal((await dockState(page)).width, 240 + 16);
  await page.close();
});

test('closing leaves a slim handle and gives Docs the room; both states and the width survive a reload', async () => {
  const page = await openAt(1280);
  const grip = page.getByRole('separator', { name: 'Resize Confer' });
  await grip.focus();
  await page.keyboard.press('Home'); // narrowest: 240
  await page.keyboard.press('ArrowLeft'); // 256
  await settle(page);
  assert.equal((await dockState(page)).width, 256);

  await page.getByRole('button', { name: 'Close Confer' }).click();
  await settle(page);
  let state = await dockState(page);
  assert.deepEqual({ ...state, width: Math.round(state.width) }, { width: 24, toggleName: 'Open Confer', expanded: 'false', frameVisible: false });
  assertClear(await layoutRects(page), 'closed');
  const closedEditor = (await layoutRects(page)).docs.editor.width;
  assert.equal(closedEditor, 1280 - 24, 'Docs gets all but the handle');

  await page.reload();
  await page.locator('confer-dock').waitFor();
  await settle(page);
  state = await dockState(page);
  assert.equal(state.toggleName, 'Open Confer', 'still closed after a reload');
  assert.equal(Math.round(state.width), 24);

  await page.getByRole('button', { name: 'Open Confer' }).click();
  await panelTitle(page);
  await settle(page);
  state = await dockState(page);
  assert.equal(state.toggleName, 'Close Confer');
  assert.equal(state.expanded, 'true');
  assert.equal(Math.round(state.width), 256, 'the width chosen before was kept');
  assertClear(await layoutRects(page), 'reopened');

  await page.reload();
  await panelTitle(page);
  assert.equal(Math.round((await dockState(page)).width), 256, 'still that width after a reload');
  await page.close();
});
