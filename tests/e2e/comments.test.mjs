// Margin comments from the panel, in real Chromium against the Docs fixture's comment UI: the
// teacher selects words in the document and posts a compliment, a comment, or the teaching point;
// and every way Docs can fail (shortcut ignored, slow or old composer, view-only, a draft already
// open, a composer that never opens, typing ignored) ends with the right message, nothing lost,
// and never two comments from one click. Every document opened here has the canary in its private
// Notes and Research (the harness fails the run if it ever reaches the page).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOC_ID, MAYA_SECOND_DOC_ID, demoDocuments } from '../fixture/documents.mjs';
import { CANARY, panelOf, panelTitle, startSession } from './harness.mjs';

const WORDS = 'Coach Delgado put me in as a starting defender';
const DRAFT = '.docos-input-textarea';
const BODY = '.docos-replyview-body';

let session;
before(async () => {
  session = await startSession({ viewport: { width: 1280, height: 1000 } });
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://docs.google.com' });
});
after(async () => {
  await session?.close();
});

/** Opens the demo document (with fixture switches) and waits for the panel's comment controls. */
async function openDoc({ switches = '', rest = '/edit' } = {}) {
  const page = await session.context.newPage();
  await page.goto(session.docUrl(DEMO_DOC_ID, rest) + (switches ? `?fixtureComments=${switches}` : ''));
  await panelTitle(page);
  await panelOf(page).getByRole('button', { name: 'Post comment' }).waitFor();
  await panelOf(page).getByRole('textbox', { name: 'Research', exact: true }).fill(`Says the ending is rushed. ${CANARY}`);
  await panelOf(page).getByRole('textbox', { name: 'Notes', exact: true }).fill(`Had a hard week. ${CANARY}`);
  return page;
}

const fixture = (page, name) => page.evaluate((n) => JSON.parse(JSON.stringify(window.__docsFixture[n]())), name);
const select = (page, words) => page.evaluate((w) => window.__docsFixture.selectText(w), words);
const status = (page) => panelOf(page).getByRole('status', { name: 'Margin comment' });
const commentBox = (page) => panelOf(page).getByRole('textbox', { name: 'Comment', exact: true });

/** Types a comment in the panel and presses Post comment; resolves once the panel has an answer. */
async function postComment(page, text) {
  await commentBox(page).fill(text);
  await panelOf(page).getByRole('button', { name: 'Post comment' }).click();
  await status(page).getByRole('button', { name: 'Dismiss' }).waitFor({ timeout: 15_000 });
  return (await status(page).locator('p').first().textContent()).trim();
}

test('a comment typed in the panel is posted on the selected words, logged in the conference, and the box empties', async () => {
  const page = await openDoc();
  await select(page, WORDS);
  const text = 'Your first line drops me straight into the game — I can feel the nerves.';
  assert.equal(await postComment(page, text), `Comment posted on “${WORDS}”.`);
  assert.deepEqual(await fixture(page, 'threads'), [{ text, quote: WORDS }]);
  assert.equal(await commentBox(page).inputValue(), '');
  const posted = panelOf(page).locator('.posted-comments li');
  assert.equal(await posted.count(), 1);
  assert.match(await posted.textContent(), /^Your first line drops me.* on “Coach Delgado put me in as a starting defender” · \d{1,2}:\d{2}/);
  assert.equal(await fixture(page, 'drafts').then((drafts) => drafts.length), 0);
  assert.equal(await page.evaluate(() => window.__docsFixture.strayTyping), '', 'nothing typed into the document');
  // The canary check sees what does reach the page and the content script: this comment.
  assert.ok(session.seenByPage().some(({ route, text: seen }) => route === 'posted comment' && seen === text));
  assert.ok((await session.sentToTabs()).some((message) => message.includes(text)));

  // Saved with the conference, and shown in its history.
  await panelOf(page).getByRole('textbox', { name: 'Teaching point', exact: true }).fill('Show the feeling');
  await panelOf(page).getByRole('button', { name: 'Save conference' }).click();
  await panelOf(page).getByText('Conference saved').waitFor();
  await panelOf(page).locator('.history summary').first().click();
  assert.match(await panelOf(page).locator('.history .entry-details').first().textContent(), /Comments posted.*Your first line drops me straight into the game.* on “Coach Delgado put me in as a starting defender” · \d{1,2}:\d{2}/s);
  await page.close();
});

test('a compliment from the bank posts in one click, names the student, and becomes the conference’s compliment', async () => {
  const page = await openDoc();
  const panel = panelOf(page);
  await select(page, 'starting defender');
  await panel.getByText(/^All compliments/).click();
  const post = panel.getByRole('button', { name: /^Post: / }).first();
  const compliment = (await post.getAttribute('aria-label'))?.replace(/^Post: /, '') ?? (await post.textContent());
  await post.click();
  await status(page).getByText(/^Comment posted on “starting defender”/).waitFor();
  const [thread] = await fixture(page, 'threads');
  assert.equal(thread.quote, 'starting defender');
  assert.equal(await panel.getByRole('textbox', { name: 'Compliment', exact: true }).inputValue(), thread.text);
  assert.ok(thread.text.length > 20, `a specific compliment, not "${thread.text}" (${compliment})`);

  // Starred, it is one click away; its name is exactly the words it posts.
  await panel.getByRole('button', { name: `Favourite: ${thread.text}` }).first().click();
  const favourite = panel.getByRole('list', { name: 'Favourite compliments' }).getByRole('button', { name: thread.text, exact: true });
  await favourite.waitFor();
  await select(page, 'Coach Delgado');
  await favourite.click();
  await status(page).getByText('Comment posted on “Coach Delgado”.').waitFor();
  assert.equal((await fixture(page, 'threads')).length, 2);
  // The compliment field already had words: the second compliment doesn't replace them.
  assert.equal(await panel.getByRole('textbox', { name: 'Compliment', exact: true }).inputValue(), thread.text);
  await page.close();
});

test('the teaching point is posted exactly as the panel shows it, and never the research or notes', async () => {
  const page = await openDoc();
  const panel = panelOf(page);
  await panel.getByRole('textbox', { name: 'Teaching point', exact: true }).fill('Slow down the most important moment');
  await panel.getByRole('textbox', { name: 'Next step', exact: true }).fill('Stretch the goal into three sentences');
  const preview = await panel.locator('.comment-preview').textContent();
  assert.equal(preview, 'What we worked on today: Slow down the most important moment.\nYour next step: Stretch the goal into three sentences.');
  await select(page, WORDS);
  await panel.getByRole('button', { name: 'Post teaching point as comment' }).click();
  await status(page).getByText(/^Comment posted/).waitFor();
  const threads = await fixture(page, 'threads');
  assert.equal(threads.length, 1);
  assert.equal(threads[0].text, preview);
  assert.ok(!JSON.stringify(threads).includes(CANARY));
  await page.close();
});

test('with nothing selected, the teacher is asked to select words and nothing happens in the document', async () => {
  const page = await openDoc();
  // The caret just after a paragraph's full stop: between paragraphs, not in a word.
  await page.evaluate(() => {
    const at = window.__docsFixture.text().indexOf('.\n') + 1;
    window.__docsFixture.select(at, at);
  });
  const before = await page.evaluate(() => window.__docsFixture.composerRequests);
  assert.equal(await postComment(page, 'Great verbs here.'), 'Select the words you want to comment on first.');
  assert.equal(await page.evaluate(() => window.__docsFixture.composerRequests), before);
  assert.deepEqual(await fixture(page, 'threads'), []);
  assert.equal(await commentBox(page).inputValue(), 'Great verbs here.', 'the comment is still in the box');
  await page.close();
});

test('a caret inside a word comments on that word', async () => {
  const page = await openDoc();
  const { start } = await select(page, 'Delgado');
  await page.evaluate((at) => window.__docsFixture.select(at + 3, at + 3), start);
  assert.equal(await postComment(page, 'A real name makes him a real person.'), 'Comment posted on “Delgado”.');
  assert.deepEqual(await fixture(page, 'threads'), [{ text: 'A real name makes him a real person.', quote: 'Delgado' }]);
  await page.close();
});

test('a view-only document says so and changes nothing', async () => {
  const page = await openDoc({ rest: '/view' });
  await select(page, WORDS);
  assert.match(await postComment(page, 'Lovely opening.'), /^Google Docs doesn’t let you comment on this document \(you can only view it, or comments are turned off\)/);
  assert.deepEqual(await fixture(page, 'threads'), []);
  assert.equal(await page.evaluate(() => window.__docsFixture.composerRequests), 0);
  await page.close();
});

test('a comment the teacher started in the margin is left alone', async () => {
  const page = await openDoc();
  await select(page, 'starting defender');
  // The teacher's own draft, typed by hand.
  await page.locator('iframe.docs-texteventtarget-iframe').contentFrame().locator('[role=textbox]').focus();
  await page.keyboard.press('Control+Alt+KeyM');
  await page.locator(DRAFT).waitFor();
  await page.keyboard.type('half a thought');
  await select(page, WORDS);
  assert.match(await postComment(page, 'Nice detail.'), /^A comment you started is still open in the margin/);
  assert.equal(await page.locator(DRAFT).innerText(), 'half a thought');
  assert.deepEqual(await fixture(page, 'threads'), []);
  await page.close();
});

for (const [switches, why] of [
  ['shortcut-broken', 'the shortcut does nothing, so the toolbar button is used'],
  ['slow-composer', 'the comment box takes 1.5 s to open'],
  ['textarea', 'the older <textarea> comment box'],
  ['shortcut-broken,no-comment-button', 'the shortcut does nothing and the toolbar has no comment button, so Insert > Comment is used'],
]) {
  test(`posted exactly once when ${why}`, async () => {
    const page = await openDoc({ switches });
    await select(page, WORDS);
    const text = `Strong opening (${switches}).`;
    assert.equal(await postComment(page, text), `Comment posted on “${WORDS}”.`);
    assert.deepEqual(await fixture(page, 'threads'), [{ text, quote: WORDS }]);
    assert.deepEqual(await fixture(page, 'drafts'), []);
    const menu = await page.evaluate(() => window.__docsFixture.insertMenu);
    assert.equal(menu.open, false, 'no menu left open');
    assert.equal(menu.opened, switches.includes('no-comment-button') ? 1 : 0, 'the Insert menu only as a last resort');
    await page.close();
  });
}

test('when Docs never opens a comment box, the comment is copied and the teacher is told how to paste it', async () => {
  const page = await openDoc({ switches: 'never-opens' });
  await select(page, WORDS);
  const text = 'Your ending circles back to the first line. Lovely.';
  const message = await postComment(page, text);
  assert.equal(message, 'Google Docs didn’t open a comment box. Your comment is copied: click in the document, select the words, press Ctrl+Alt+M, paste (Ctrl+V) and press Comment.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  assert.equal(await commentBox(page).inputValue(), text, 'still in the panel too');
  assert.deepEqual(await fixture(page, 'threads'), []);
  assert.equal((await page.evaluate(() => window.__docsFixture.insertMenu)).open, false, 'every way was tried, and no menu left open');
  assert.equal(await page.evaluate(() => window.__docsFixture.composerRequests), 3, 'shortcut, toolbar button, Insert > Comment');
  await page.close();
});

test('when Docs ignores the typed text, the comment is left in the focused box for one real keystroke', async () => {
  const page = await openDoc({ switches: 'ignores-synthetic-input' });
  await select(page, WORDS);
  const text = 'I can hear the crowd in this sentence.';
  assert.match(await postComment(page, text), /^Your comment is in the comment box in the margin, but Google Docs hasn’t taken it yet/);
  assert.equal(await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, DRAFT), true, 'the box has the focus');
  assert.equal((await page.locator(DRAFT).innerText()).trim(), text);
  assert.deepEqual(await fixture(page, 'threads'), []);
  // What the teacher is told to do works, and posts one comment.
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await page.locator('.docos-input-buttons-post').click();
  await page.locator(BODY).waitFor();
  assert.deepEqual((await fixture(page, 'threads')).map((thread) => thread.text), [text]);
  await page.close();
});

test('a double click posts one comment', async () => {
  const page = await openDoc({ switches: 'slow-composer' });
  await select(page, WORDS);
  await commentBox(page).fill('Only once, please.');
  await panelOf(page).getByRole('button', { name: 'Post comment' }).dblclick();
  await status(page).getByText(/^Comment posted/).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(1_000);
  assert.deepEqual((await fixture(page, 'threads')).map((thread) => thread.text), ['Only once, please.']);
  await page.close();
});

test('a comment for one document is never posted on another that Docs moves to while it is posting', async () => {
  const page = await openDoc({ switches: 'slow-composer' });
  await select(page, WORDS);
  const text = 'For this writer only: your lead pulls me in.';
  await commentBox(page).fill(text);
  await panelOf(page).getByRole('button', { name: 'Post comment' }).click();
  // Docs moves to another student's document (without a page load) before its comment box opens.
  await page.evaluate((id) => window.__docsFixture.navigateTo(id), MAYA_SECOND_DOC_ID);
  await panelOf(page).getByRole('heading', { name: demoDocuments.get(MAYA_SECOND_DOC_ID).title }).waitFor();
  // Past the shortcut's grace and the slow comment box: no other way of opening one was tried
  // (the shortcut may have been pressed before the move, or Confer saw the move first).
  await page.waitForTimeout(3_000);
  assert.ok((await page.evaluate(() => window.__docsFixture.composerRequests)) <= 1, 'at most the shortcut, pressed before the move');
  assert.deepEqual(await fixture(page, 'threads'), []);
  assert.deepEqual((await fixture(page, 'drafts')).filter((draft) => draft.text !== ''), []);
  // The panel, now beside the other document, says so (the message came with it).
  assert.match(await status(page).textContent(), /Google Docs moved to another document before your comment was posted, so Confer didn’t post it anywhere/);
  // Back on the first document, the comment is still waiting in its box, and the message has done its job.
  await page.goBack();
  await panelOf(page).getByRole('heading', { name: demoDocuments.get(DEMO_DOC_ID).title }).waitFor();
  assert.equal(await commentBox(page).inputValue(), text);
  assert.equal((await status(page).textContent()).trim(), '');
  await page.close();
});

test('a comment typed but not yet posted is still there after the Docs tab reloads, and after it is closed', async () => {
  const page = await openDoc();
  await commentBox(page).fill('Half-written: your ending…');
  await page.reload();
  await panelTitle(page);
  await commentBox(page).and(panelOf(page).locator(':enabled')).waitFor();
  assert.equal(await commentBox(page).inputValue(), 'Half-written: your ending…');
  await page.close();

  const again = await openDoc();
  assert.equal(await commentBox(again).inputValue(), 'Half-written: your ending…');
  // Kept in the extension's own storage, never the Docs page's.
  assert.doesNotMatch(await again.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })), /Half-written/);
  // Posted, it is gone for good.
  await select(again, WORDS);
  assert.match(await postComment(again, 'Half-written: your ending…'), /^Comment posted/);
  await again.close();
  const third = await openDoc();
  assert.equal(await commentBox(third).inputValue(), '');
  await third.close();
});
