// The Docs fixture's comment UI and selection, driven the way a teacher would (Playwright's
// trusted keyboard and mouse), checked against /work/shared/google-docs-facts.md: this is what a
// future "insert a margin comment" adapter will be tested against, so it must behave like Docs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOC_ID } from '../fixture/documents.mjs';
import { startSession } from './harness.mjs';

const DRAFT = 'div.docos-input-textarea.docos-input-contenteditable[role=textbox][aria-label="Comment draft"]';
const TEXTAREA_DRAFT = 'textarea.docos-input-textarea[aria-label="Comment draft"]';
const ACTIVE_CARD = '.docos-anchoreddocoview.docos-docoview-active';
const POST = '.docos-input-buttons-post';
const BODY = '.docos-replyview-body.docos-anchoredreplyview-body';
const QUOTE = 'Coach Delgado put me in as a starting defender';

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** Opens the demo document with `?fixtureComments=<switches>` (and any extra query). */
async function openDoc({ switches = '', rest = '/edit', query = '', init } = {}) {
  const params = new URLSearchParams(query);
  if (switches) params.set('fixtureComments', switches);
  const search = params.toString();
  const page = await session.context.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(session.docUrl(DEMO_DOC_ID, rest) + (search ? `?${search}` : ''));
  await page.waitForFunction(() => window.__docsFixture !== undefined);
  return page;
}

const keystrokeTarget = (page) => page.locator('iframe.docs-texteventtarget-iframe').contentFrame().locator('[role=textbox]');
const select = (page, words) => page.evaluate((w) => window.__docsFixture.selectText(w), words);
const fixture = (page, name) => page.evaluate((n) => JSON.parse(JSON.stringify(window.__docsFixture[n]())), name);
const requests = (page) => page.evaluate(() => window.__docsFixture.composerRequests);

/** The teacher's Ctrl+Alt+M, with the document (its keystroke iframe) focused. */
async function pressShortcut(page) {
  await keystrokeTarget(page).focus();
  await page.keyboard.press('Control+Alt+KeyM');
}

async function postState(page) {
  return page.locator(POST).evaluate((b) => ({ ariaDisabled: b.getAttribute('aria-disabled'), disabledClass: b.classList.contains('jfk-button-disabled'), text: b.textContent }));
}

const activeIsDraft = (page, selector = DRAFT) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** Nothing opened after `ms`: no draft, no active card. */
async function assertNoComposer(page, ms = 400) {
  await page.waitForTimeout(ms);
  assert.equal(await page.locator('.docos-input-textarea').count(), 0, 'no comment draft');
  assert.equal(await page.locator(ACTIVE_CARD).count(), 0, 'no active card');
}

test('Ctrl+Alt+M in the text-event iframe opens a focused draft on the selection, with Comment disabled', async () => {
  const page = await openDoc();
  assert.deepEqual(await select(page, QUOTE), { start: (await page.evaluate(() => window.__docsFixture.text())).indexOf(QUOTE), end: (await page.evaluate(() => window.__docsFixture.text())).indexOf(QUOTE) + QUOTE.length, text: QUOTE });

  // Focus elsewhere (the title box): the shortcut is Docs' only while the document has focus.
  await page.locator('.docs-title-input').focus();
  await page.keyboard.press('Control+Alt+KeyM');
  await assertNoComposer(page);

  await pressShortcut(page);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  assert.equal(await page.locator(`${ACTIVE_CARD} ${DRAFT}`).count(), 1, 'the draft is inside the active thread card');
  assert.equal(await page.locator(`.docos-stream-view ${ACTIVE_CARD}`).count(), 1, 'the card is in the comment margin');
  assert.ok(await activeIsDraft(page), 'the draft takes focus');
  assert.equal(await page.locator(DRAFT).getAttribute('contenteditable'), 'true');
  assert.deepEqual(await postState(page), { ariaDisabled: 'true', disabledClass: true, text: 'Comment' });
  assert.equal(await page.locator('.docos-input-cancel').getAttribute('aria-label'), 'Discard comment');
  assert.deepEqual(await fixture(page, 'drafts'), [{ text: '', model: '', quote: QUOTE, focused: true }]);
  assert.equal(await page.evaluate(() => window.__docsFixture.strayTyping), '', 'the shortcut typed nothing into the document');
  await page.close();
});

test('Comment stays disabled until the draft has text; posting makes exactly one thread with the text and the quote', async () => {
  const page = await openDoc();
  await select(page, QUOTE);
  await pressShortcut(page);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });

  // Clicking the disabled button does nothing (force: Playwright will not click aria-disabled).
  await page.locator(POST).click({ force: true });
  assert.ok(await activeIsDraft(page), 'the draft keeps the focus');
  assert.deepEqual(await fixture(page, 'threads'), []);
  // Blanks are not text.
  await page.keyboard.type('   ');
  assert.equal((await postState(page)).ariaDisabled, 'true');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Strong verb here: what did he say next?  ');
  assert.deepEqual(await postState(page), { ariaDisabled: 'false', disabledClass: false, text: 'Comment' });

  await page.locator(POST).click();
  assert.equal(await page.locator('.docos-input-textarea').count(), 0, 'the draft closed');
  const expected = [{ text: 'Strong verb here: what did he say next?', quote: QUOTE }];
  assert.deepEqual(await fixture(page, 'threads'), expected, 'trailing spaces trimmed, posted once');
  assert.equal(await page.locator(BODY).count(), 1);
  assert.equal(await page.locator(BODY).textContent(), expected[0].text);
  assert.equal(await page.locator('.fx-thread-quote').textContent(), QUOTE);
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'docs-texteventtarget-iframe', 'focus is back in the document');

  // Ctrl+Enter in the draft posts too; a second thread, the first one untouched.
  await select(page, 'Riverside Hornets');
  await pressShortcut(page);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await page.keyboard.type('Capital letters: good.');
  await page.keyboard.press('Control+Enter');
  assert.deepEqual(await fixture(page, 'threads'), [...expected, { text: 'Capital letters: good.', quote: 'Riverside Hornets' }]);
  assert.equal(await page.locator(BODY).count(), 2);

  // Cancel discards without posting.
  await select(page, 'Kofi');
  await pressShortcut(page);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await page.keyboard.type('never mind');
  await page.locator('.docos-input-cancel').click();
  assert.equal(await page.locator('.docos-input-textarea').count(), 0);
  assert.equal((await fixture(page, 'threads')).length, 2);
  await page.close();
});

test('the toolbar button opens the composer on its mouse sequence; a bare click() does not', async () => {
  const page = await openDoc();
  await select(page, 'Riverside Hornets');
  // A bare click() (only a click event) is not enough for a goog button.
  await page.evaluate(() => document.querySelector('#insertCommentButton').click());
  await assertNoComposer(page);
  // Nor are mouse events that do not bubble.
  await page.evaluate(() => {
    const button = document.querySelector('#insertCommentButton');
    for (const type of ['mousedown', 'mouseup', 'click']) button.dispatchEvent(new MouseEvent(type, { bubbles: false, button: 0 }));
  });
  await assertNoComposer(page, 100);
  // The extension's way: bubbling mousedown, mouseup, click.
  await page.evaluate(() => {
    const button = document.querySelector('#insertCommentButton');
    for (const type of ['mousedown', 'mouseup', 'click']) button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, view: window }));
  });
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await page.locator('.docos-input-cancel').click();

  // The teacher's way: a real click on the button.
  await page.locator('#insertCommentButton').click();
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  assert.ok(await activeIsDraft(page));
  assert.equal((await fixture(page, 'drafts'))[0].quote, 'Riverside Hornets');
  await page.close();
});

test('a page-world Ctrl+Alt+M works only with keyCode 77, and a keypress types a stray "m"', async () => {
  const page = await openDoc();
  await select(page, 'Riverside Hornets');
  const dispatch = (keyCode) =>
    page.evaluate((code) => {
      const box = document.querySelector('iframe.docs-texteventtarget-iframe').contentDocument.querySelector('[role=textbox]');
      for (const type of ['keydown', 'keyup']) box.dispatchEvent(new KeyboardEvent(type, { key: 'm', code: 'KeyM', keyCode: code, which: code, ctrlKey: true, altKey: true, bubbles: true, cancelable: true }));
    }, keyCode);
  await dispatch(0);
  await assertNoComposer(page);
  await dispatch(77);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await page.evaluate(() => {
    const box = document.querySelector('iframe.docs-texteventtarget-iframe').contentDocument.querySelector('[role=textbox]');
    box.dispatchEvent(new KeyboardEvent('keypress', { key: 'm', charCode: 109, keyCode: 109, bubbles: true }));
  });
  assert.equal(await page.evaluate(() => window.__docsFixture.strayTyping), 'm');
  await page.close();
});

test('a draft with text stays open when another is opened; an empty one is discarded', async () => {
  const page = await openDoc();
  await select(page, 'Riverside Hornets');
  await pressShortcut(page);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await select(page, 'Kofi');
  await pressShortcut(page);
  await page.waitForFunction(() => window.__docsFixture.drafts()[0]?.quote === 'Kofi');
  assert.equal(await page.locator(DRAFT).count(), 1, 'the empty draft was discarded');
  await page.keyboard.type('Who is Kofi?');
  await select(page, 'Ines');
  await pressShortcut(page);
  await page.waitForFunction(() => window.__docsFixture.drafts().length === 2);
  assert.deepEqual((await fixture(page, 'drafts')).map((d) => [d.quote, d.text, d.focused]), [['Kofi', 'Who is Kofi?', false], ['Ines', '', true]]);
  assert.equal(await page.locator(ACTIVE_CARD).count(), 1, 'only the newest draft is active');
  await page.close();
});

test('selection: a click on the page collapses it; with a caret, the comment takes the caret\'s word', async () => {
  const page = await openDoc();
  await select(page, QUOTE);
  const box = await page.locator('.kix-page-paginated').first().boundingBox();
  // A point inside the first line's text (page margin is 96 px at 100%, scaled).
  const scale = await page.evaluate(() => window.__docsFixture.scale);
  await page.mouse.click(box.x + (96 + 48 + 12) * scale, box.y + (96 + 8) * scale);
  const caret = await fixture(page, 'selection');
  assert.equal(caret.start, caret.end, 'the click collapsed the selection');
  assert.equal(caret.text, '');
  // The caret is in the first word "The": Ctrl+Alt+M comments on that word.
  await page.keyboard.press('Control+Alt+KeyM');
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  assert.equal((await fixture(page, 'drafts'))[0].quote, 'The');
  await page.locator('.docos-input-cancel').click();

  // Double-click selects a word; dragging selects a range.
  await page.mouse.dblclick(box.x + (96 + 48 + 12) * scale, box.y + (96 + 8) * scale);
  assert.equal((await fixture(page, 'selection')).text, 'The');
  await page.mouse.move(box.x + (96 + 48 + 2) * scale, box.y + (96 + 8) * scale);
  await page.mouse.down();
  await page.mouse.move(box.x + (96 + 200) * scale, box.y + (96 + 8) * scale, { steps: 4 });
  await page.mouse.up();
  const dragged = (await fixture(page, 'selection')).text;
  assert.ok(dragged.startsWith('The whistle') && dragged.length > 15, `dragged over "${dragged}"`);
  await page.close();
});

test('copy contract: a copy event in the keystroke iframe gets exactly the selected text', async () => {
  const page = await openDoc();
  const syntheticCopy = () =>
    page.evaluate(() => {
      const box = document.querySelector('iframe.docs-texteventtarget-iframe').contentDocument.querySelector('[role=textbox]');
      box.textContent = '';
      const data = new DataTransfer();
      const event = new ClipboardEvent('copy', { clipboardData: data, cancelable: true });
      box.dispatchEvent(event);
      return { plain: data.getData('text/plain'), html: data.getData('text/html'), prevented: event.defaultPrevented };
    });
  assert.equal((await syntheticCopy()).plain, '', 'a caret copies nothing');
  await select(page, 'did our handshake in the parking lot, its the one');
  const copied = await syntheticCopy();
  assert.equal(copied.plain, 'did our handshake in the parking lot, its the one');
  assert.match(copied.html, /docs-internal-guid/);
  assert.equal(copied.prevented, true);

  // A selection across paragraphs copies the line break too.
  await select(page, 'whole first half.\nBefore the game');
  assert.equal((await syntheticCopy()).plain, 'whole first half.\nBefore the game');

  // The teacher's Ctrl+C fires the same handler (trusted event, real clipboard).
  await page.evaluate(() => {
    const box = document.querySelector('iframe.docs-texteventtarget-iframe').contentDocument.querySelector('[role=textbox]');
    box.addEventListener('copy', (event) => {
      window.__copied = event.clipboardData.getData('text/plain');
    });
  });
  await select(page, 'Riverside Hornets');
  await keystrokeTarget(page).focus();
  await page.keyboard.press('Control+KeyC');
  await page.waitForFunction(() => window.__copied !== undefined);
  assert.equal(await page.evaluate(() => window.__copied), 'Riverside Hornets');
  await page.close();
});

test('page-world annotate API: only when _docs_annotate_canvas_by_ext is set at document_start', async () => {
  // Confer's page-world script asks for it, before Docs starts, with the extension's own id.
  const plain = await openDoc();
  assert.deepEqual(await plain.evaluate(() => [window._docs_annotate_canvas_by_ext, typeof window._docs_annotate_getAnnotatedText]), [session.extensionId, 'function']);
  await plain.close();

  const page = await openDoc({ init: () => (window._docs_annotate_canvas_by_ext = 'confer-test-id') });
  await select(page, 'Riverside Hornets');
  const result = await page.evaluate(async () => {
    const annotated = await window._docs_annotate_getAnnotatedText('confer-test-id');
    const text = annotated.getText();
    const [selection] = annotated.getSelection();
    const at = text.indexOf('Coach Delgado');
    annotated.setSelection(at, at + 'Coach Delgado'.length);
    let wrongId = null;
    await window._docs_annotate_getAnnotatedText('someone-else').catch((e) => (wrongId = e.message));
    return { first: text.charCodeAt(0), quoted: text.slice(selection.start, selection.end), wrongId };
  });
  assert.equal(result.first, 3, 'the text starts with \\u0003');
  assert.equal(result.quoted, 'Riverside Hornets');
  assert.ok(result.wrongId, 'another id is refused');
  assert.equal((await fixture(page, 'selection')).text, 'Coach Delgado', 'setSelection moved the selection');
  await page.close();
});

test('shortcut-broken: Ctrl+Alt+M does nothing, the toolbar button still works', async () => {
  const page = await openDoc({ switches: 'shortcut-broken' });
  assert.deepEqual(await page.evaluate(() => window.__docsFixture.commentSwitches), ['shortcut-broken']);
  await select(page, QUOTE);
  await pressShortcut(page);
  await assertNoComposer(page, 600);
  assert.equal(await requests(page), 0);
  await page.locator('#insertCommentButton').click();
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await page.close();
});

test('slow-composer: the draft appears (and takes focus) 1.5 s after Ctrl+Alt+M', async () => {
  const page = await openDoc({ switches: 'slow-composer' });
  await select(page, QUOTE);
  const started = Date.now();
  await pressShortcut(page);
  await page.waitForTimeout(1_000);
  assert.equal(await page.locator(DRAFT).count(), 0, 'not yet after 1 s');
  await page.locator(DRAFT).waitFor({ timeout: 2_000 });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 1_400 && elapsed < 3_000, `opened after ${elapsed} ms`);
  assert.ok(await activeIsDraft(page));
  await page.keyboard.type('Late but fine');
  await page.locator(POST).click();
  assert.deepEqual(await fixture(page, 'threads'), [{ text: 'Late but fine', quote: QUOTE }]);
  await page.close();
});

test('textarea: the older <textarea> draft, same disabled-until-text button and posting', async () => {
  const page = await openDoc({ switches: 'textarea' });
  await select(page, QUOTE);
  await pressShortcut(page);
  await page.locator(TEXTAREA_DRAFT).waitFor({ timeout: 1_000 });
  assert.equal(await page.locator('[contenteditable].docos-input-textarea').count(), 0);
  assert.ok(await activeIsDraft(page, TEXTAREA_DRAFT));
  assert.equal((await postState(page)).ariaDisabled, 'true');
  await page.keyboard.type('Old style');
  assert.equal((await postState(page)).ariaDisabled, 'false');
  await page.locator(POST).click();
  assert.deepEqual(await fixture(page, 'threads'), [{ text: 'Old style', quote: QUOTE }]);
  await page.close();
});

test('never-opens: the shortcut and the button are taken, but no composer ever appears', async () => {
  const page = await openDoc({ switches: 'never-opens' });
  await select(page, QUOTE);
  await pressShortcut(page);
  await page.locator('#insertCommentButton').click();
  assert.equal(await requests(page), 2, 'Docs saw both requests');
  await assertNoComposer(page, 2_000);
  await page.close();
});

test('ignores-synthetic-input: scripted text shows in the draft but Docs does not take it; real typing does', async () => {
  // Without the switch, the extension's way (execCommand insertText) enables Comment.
  const normal = await openDoc();
  await select(normal, QUOTE);
  await pressShortcut(normal);
  await normal.locator(DRAFT).waitFor({ timeout: 1_000 });
  await normal.evaluate(() => document.execCommand('insertText', false, 'Scripted note'));
  assert.equal((await postState(normal)).ariaDisabled, 'false');
  await normal.close();

  const page = await openDoc({ switches: 'ignores-synthetic-input' });
  await select(page, QUOTE);
  await pressShortcut(page);
  await page.locator(DRAFT).waitFor({ timeout: 1_000 });
  await page.evaluate(() => document.execCommand('insertText', false, 'Scripted note'));
  assert.equal(await page.locator(DRAFT).innerText(), 'Scripted note', 'the text shows');
  assert.equal((await postState(page)).ariaDisabled, 'true', 'but Docs did not take it');
  await page.evaluate(() => {
    const draft = document.querySelector('.docos-input-textarea');
    draft.innerText = 'Set directly';
    draft.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'Set directly' }));
  });
  assert.equal((await postState(page)).ariaDisabled, 'true');
  await page.keyboard.press('Control+Enter');
  await page.evaluate(() => {
    const post = document.querySelector('.docos-input-buttons-post');
    for (const type of ['mouseover', 'mousedown', 'mouseup', 'click']) post.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0 }));
  });
  assert.deepEqual(await fixture(page, 'threads'), [], 'nothing posted');
  assert.equal((await fixture(page, 'drafts'))[0].text, 'Set directly', 'the text is still in the draft');

  // The teacher types one real key: Docs reads the whole draft.
  await page.locator(DRAFT).focus();
  await page.keyboard.press('End');
  await page.keyboard.type('!');
  assert.equal((await postState(page)).ariaDisabled, 'false');
  await page.locator(POST).click();
  assert.deepEqual(await fixture(page, 'threads'), [{ text: 'Set directly!', quote: QUOTE }]);
  await page.close();
});

test('switches combine: shortcut-broken,textarea', async () => {
  const page = await openDoc({ switches: 'shortcut-broken,textarea' });
  assert.deepEqual(await page.evaluate(() => window.__docsFixture.commentSwitches), ['shortcut-broken', 'textarea']);
  await select(page, QUOTE);
  await pressShortcut(page);
  await assertNoComposer(page);
  await page.locator('#insertCommentButton').click();
  await page.locator(TEXTAREA_DRAFT).waitFor({ timeout: 1_000 });
  await page.close();
});

test('view-only documents have no working composer', async () => {
  for (const options of [{ rest: '/view' }, { query: 'fixtureReadOnly=1' }]) {
    const page = await openDoc(options);
    const label = JSON.stringify(options);
    assert.equal(await page.evaluate(() => window.__docsFixture.readOnly), true, label);
    assert.equal(await page.locator('#insertCommentButton').getAttribute('aria-disabled'), 'true', label);
    await select(page, QUOTE);
    await pressShortcut(page);
    // Playwright refuses to click an aria-disabled button; the teacher's mouse does not.
    await page.locator('#insertCommentButton').click({ force: true });
    await page.evaluate(() => {
      const button = document.querySelector('#insertCommentButton');
      for (const type of ['mousedown', 'mouseup', 'click']) button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0 }));
    });
    await assertNoComposer(page);
    assert.equal(await requests(page), 0, label);
    assert.deepEqual(await fixture(page, 'threads'), [], label);
    // Selection and copy still work in view mode.
    assert.equal((await fixture(page, 'selection')).text, QUOTE, label);
    await page.close();
  }
});

test('no-comment-button: the toolbar has no comment button; Insert > Comment (found by its shortcut hint) opens the composer', async () => {
  const page = await openDoc({ switches: 'no-comment-button' });
  assert.equal(await page.locator('#insertCommentButton').count(), 0);
  await select(page, QUOTE);
  await page.locator('#docs-insert-menu').click();
  const item = page.getByRole('menuitem').filter({ hasText: 'Ctrl+Alt+M' });
  assert.equal(await item.locator('.goog-menuitem-label').textContent(), 'Comment');
  await item.click();
  await page.locator(DRAFT).waitFor();
  assert.equal(await requests(page), 1);
  assert.deepEqual(await page.evaluate(() => window.__docsFixture.insertMenu), { opened: 1, open: false });
  // In a view-only document the item is there but disabled.
  const viewOnly = await openDoc({ rest: '/view' });
  await viewOnly.locator('#docs-insert-menu').click();
  assert.equal(await viewOnly.getByRole('menuitem').filter({ hasText: 'Ctrl+Alt+M' }).getAttribute('aria-disabled'), 'true');
  await page.close();
  await viewOnly.close();
});
