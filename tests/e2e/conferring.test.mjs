// Conferring in the panel, in real Chromium against the Docs fixture: the history at a glance, a
// whole conference written and saved, follow-up, the question bank, keyboard-only use, and an
// accessibility scan.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { DEMO_DOC_ID, LONG_TITLE_DOC_ID, MAYA_SECOND_DOC_ID, RTL_DOC_ID, THEO_DOC_ID } from '../fixture/documents.mjs';
import { CANARY, panelOf, panelTitle, startSession } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let session;
before(async () => {
  session = await startSession({ viewport: { width: 1280, height: 1000 } });
});
after(async () => {
  await session?.close();
});

async function openDoc(docId) {
  const page = await session.open(session.docUrl(docId));
  await panelTitle(page);
  await panelOf(page).getByLabel('Teaching point').and(panelOf(page).locator(':enabled')).waitFor();
  return page;
}

const textbox = (page, name) => panelOf(page).getByRole('textbox', { name, exact: true });
const historyFocuses = (page) => panelOf(page).locator('.history .entry-focus').allTextContents();

async function saveConference(page, fields) {
  for (const [name, value] of Object.entries(fields)) await textbox(page, name).fill(value);
  await panelOf(page).getByRole('button', { name: 'Save conference' }).click();
  await panelOf(page).getByText('Conference saved').waitFor();
}

test('History shows the last conference at a glance, and the same student’s other document shows it once the teacher confirms whose it is', async () => {
  const page = await openDoc(DEMO_DOC_ID);
  await panelOf(page).getByRole('radio', { name: 'Content' }).check();
  await saveConference(page, { Compliment: 'Your lead drops us into the match.', 'Teaching point': 'Adding details about setting', 'Next step': 'Add two details to the match scene' });
  const panel = panelOf(page);
  assert.match(await panel.locator('.summary').textContent(), /Last conference: today · 1 this month/);
  assert.match(await panel.locator('.last-time').textContent(), /Last time: Adding details about setting\s*→\s*,\s*next: Add two details to the match scene/);
  await page.close();

  // Maya's essay: its title names her, but her conferences elsewhere show only once the teacher
  // confirms it is hers (anyone who can edit a document can retitle it).
  const essay = await openDoc(MAYA_SECOND_DOC_ID);
  const confirm = panelOf(essay).getByRole('button', { name: 'Confirm: Maya Okafor' });
  await confirm.waitFor();
  assert.deepEqual(await historyFocuses(essay), []);
  await confirm.click();
  // Then her narrative's conference is part of her history, marked with where it was.
  await panelOf(essay).locator('.history .entry-focus').first().waitFor();
  assert.deepEqual(await historyFocuses(essay), ['Adding details about setting']);
  assert.equal(await panelOf(essay).locator('.entry-doc').first().textContent(), 'on Maya Okafor - Personal Narrative: The Big Match');
  await essay.close();
});

test('while Docs is still loading its scripts, the panel has the history and the form ready, and the title once Docs has it', async () => {
  const page = await session.context.newPage();
  // Docs' scripts take 3 s (as a heavy document's can): its page is not parsed meanwhile.
  const loading = page.goto(session.docUrl(DEMO_DOC_ID, '/edit?fixtureSlowScript=3000'));
  const panel = panelOf(page);
  await panel.locator('.history .entry-focus').first().waitFor({ state: 'attached', timeout: 2_500 });
  await panel.getByRole('textbox', { name: 'Teaching point', exact: true }).and(panel.locator(':enabled')).waitFor({ state: 'attached', timeout: 500 });
  assert.equal(await page.evaluate(() => document.readyState), 'loading', 'ready only once Docs was parsed');
  assert.deepEqual(await historyFocuses(page), ['Adding details about setting']);
  assert.equal(await panel.locator('h1').textContent(), 'Reading the title…');
  await loading;
  assert.equal(await panelTitle(page), 'Maya Okafor - Personal Narrative: The Big Match');
  await page.close();
});

test('Follow up starts a conference seeded from the last one, with a follow-up question', async () => {
  const page = await openDoc(MAYA_SECOND_DOC_ID);
  const panel = panelOf(page);
  await panel.getByRole('button', { name: 'Follow up' }).click();
  assert.equal(await textbox(page, 'Research').inputValue(), 'Last time: Adding details about setting. Next step was: Add two details to the match scene.\n');
  assert.ok(await panel.getByRole('radio', { name: 'Content' }).isChecked());
  assert.equal(await panel.locator(':focus').getAttribute('id'), 'conference-research');
  const followUp = 'Last time we worked on adding details about setting. Show me where you tried it.';
  await panel.getByRole('button', { name: `Asked: ${followUp}` }).click();
  await saveConference(page, { 'Teaching point': 'Sensory details' });
  await panel.locator('.history summary').first().click();
  assert.match(await panel.locator('.history .entry-details').first().textContent(), /Questions asked.*Show me where you tried it/s);

  // A quick check-in that teaches nothing keeps what was last taught in view, with its date, and
  // Follow up still starts from that.
  await saveConference(page, { Research: 'Says the middle drags' });
  const taughtOn = await panel.locator('.history .entry-date').nth(1).textContent();
  assert.equal((await panel.locator('.last-time p').textContent()).replace(/\s+/g, ' '), `On ${taughtOn}: Sensory details`);
  await panel.getByRole('button', { name: 'Follow up' }).click();
  assert.equal(await textbox(page, 'Research').inputValue(), 'Last time: Sensory details.\n');
  await panel.getByRole('button', { name: 'Asked: Last time we worked on sensory details. Show me where you tried it.' }).waitFor();
  // Saved with only what the writer said after that line, History shows what they said today.
  await textbox(page, 'Research').press('Control+End');
  await page.keyboard.type('Found two places for smells');
  await panel.getByRole('button', { name: 'Save conference' }).click();
  await panel.locator('.history .entry-focus').first().filter({ hasText: 'Found two places for smells' }).waitFor();
  assert.equal(await panel.locator('.history .entry-focus').first().textContent(), 'Research: Found two places for smells');
  await page.close();
});

test('Questions follow the part of the conference being written, and search looks through all of them', async () => {
  const page = await openDoc(THEO_DOC_ID);
  const panel = panelOf(page);
  const phase = panel.getByRole('combobox', { name: 'Conference phase' });
  await textbox(page, 'Teaching point').focus();
  assert.equal(await phase.inputValue(), 'teaching');
  await textbox(page, 'Next step').focus();
  assert.equal(await phase.inputValue(), 'next-step');
  const search = panel.getByRole('searchbox', { name: 'Search questions' });
  await search.pressSequentially('reader', { delay: 20 });
  const found = await panel.locator('.questions .question-text').allTextContents();
  assert.ok(found.length > 0 && found.every((text) => /reader/i.test(text)), found.join(' | '));
  await search.fill('zzzz no such words');
  await panel.getByText('No question has those words.').waitFor();
  await page.close();
});

test('the teacher’s own questions and favourites are kept in the notebook', async () => {
  let page = await openDoc(THEO_DOC_ID);
  let panel = panelOf(page);
  await panel.getByRole('textbox', { name: 'New question' }).fill('What would your hero never say?');
  await panel.getByRole('button', { name: 'Add question' }).click();
  await panel.getByRole('button', { name: 'Favourite: What would your hero never say?' }).click();
  await panel.getByRole('button', { name: 'Favourite: What would your hero never say?', pressed: true }).waitFor();
  await page.reload();
  await panelTitle(page);
  panel = panelOf(page);
  // A favourite comes first.
  await panel.locator('.questions .question-text').first().filter({ hasText: 'What would your hero never say?' }).waitFor();
  await panel.getByRole('button', { name: 'Edit question: What would your hero never say?' }).click();
  // The keyboard goes into the edit box, and Enter saves; then it is back on Edit.
  const editBox = panel.getByRole('textbox', { name: 'Edit question' });
  await editBox.and(panel.locator(':focus')).waitFor();
  await editBox.fill('What would your hero never, ever say?');
  await page.keyboard.press('Enter');
  await panel.getByText('What would your hero never, ever say?').waitFor();
  await panel.getByRole('button', { name: 'Edit question: What would your hero never, ever say?' }).and(panel.locator(':focus')).waitFor();
  await page.close();
  page = await openDoc(DEMO_DOC_ID);
  panel = panelOf(page);
  await panel.getByRole('button', { name: 'Delete question: What would your hero never, ever say?' }).click();
  await panel.getByText('What would your hero never, ever say?').waitFor({ state: 'detached' });
  // A slip is undone from the keyboard: it is on Undo.
  await panel.getByRole('button', { name: 'Undo: put back the question “What would your hero never, ever say?”' }).and(panel.locator(':focus')).waitFor();
  await page.keyboard.press('Enter');
  await panel.getByText('What would your hero never, ever say?').waitFor();
  await page.close();
});

test('a past conference can be edited, and deleted with undo', async () => {
  const page = await openDoc(THEO_DOC_ID);
  const panel = panelOf(page);
  await saveConference(page, { 'Teaching point': 'Stretch the moment on the ferry' });
  await panel.locator('.history summary').first().click();
  const date = await panel.locator('.history .entry-date').first().textContent();
  await panel.getByRole('button', { name: `Edit conference from ${date}` }).first().click();
  // The keyboard is in the edit form, and comes back to Edit when it closes.
  await panel.getByRole('combobox', { name: 'Conference type' }).and(panel.locator(':focus')).waitFor();
  await panel.getByRole('form', { name: 'Edit conference' }).getByRole('textbox', { name: 'Teaching point' }).fill('Slow down the scary moment');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await panel.locator('.history .entry-focus', { hasText: 'Slow down the scary moment' }).waitFor();
  await panel.getByRole('button', { name: `Edit conference from ${date}` }).first().and(panel.locator(':focus')).waitFor();

  await panel.getByRole('button', { name: `Delete conference from ${date}` }).first().click();
  await panel.getByText(`Conference from ${date} deleted.`).waitFor();
  assert.ok(!(await historyFocuses(page)).includes('Slow down the scary moment'));
  // Focus is on Undo (named for what it puts back), so Enter brings it back; the keyboard then
  // goes to History rather than to the page's start.
  await panel.getByRole('button', { name: `Undo: put back the conference from ${date}` }).and(panel.locator(':focus')).waitFor();
  await page.keyboard.press('Enter');
  await panel.locator('.history .entry-focus', { hasText: 'Slow down the scary moment' }).waitFor();
  await panel.getByRole('heading', { name: 'History' }).and(panel.locator(':focus')).waitFor();
  await page.close();
});

test('an edit open in the oldest conference History lists stays open when a new conference is saved', async () => {
  let page = await openDoc(LONG_TITLE_DOC_ID);
  for (let n = 1; n <= 21; n++) await saveConference(page, { 'Teaching point': `Lesson ${n}` });
  await page.close();
  // Opened again, History lists the newest 20: the oldest listed is the second conference.
  page = await openDoc(LONG_TITLE_DOC_ID);
  const panel = panelOf(page);
  await panel.getByRole('button', { name: 'Show 1 older conference' }).waitFor();
  assert.equal((await historyFocuses(page)).length, 20);
  const oldestListed = panel.locator('.history-entry').last();
  assert.equal(await oldestListed.locator('.entry-focus').textContent(), 'Lesson 2');
  await oldestListed.locator('summary').click();
  await oldestListed.getByRole('button', { name: /^Edit conference from/ }).click();
  const editing = panel.getByRole('form', { name: 'Edit conference' }).getByRole('textbox', { name: 'Teaching point' });
  await editing.fill('Lesson 2, said better');

  // Today's conference, saved while that edit is open, goes on top; nothing is pushed off.
  await panel.locator('form.conference-form').getByRole('textbox', { name: 'Teaching point', exact: true }).fill('Lesson 22');
  await panel.getByRole('button', { name: 'Save conference' }).click();
  await panel.getByText('Conference saved').waitFor();
  await panel.locator('.history .entry-focus', { hasText: 'Lesson 22' }).waitFor();
  assert.equal((await historyFocuses(page)).length, 21);
  assert.equal(await editing.inputValue(), 'Lesson 2, said better');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await panel.locator('.history .entry-focus', { hasText: 'Lesson 2, said better' }).waitFor();
  await page.close();
});

test('a conference that taught nothing shows what it left in History, in two lines at most, and all of it when opened', async () => {
  // A document of its own (the fixture serves any id as an untitled one), so its history is just this.
  const page = await openDoc('1cHeCkInL1neTestXq8Wz3Xe6Rc9Vt2By5Nu7Mi0Ko4Z');
  const panel = panelOf(page);
  const research = `Says the middle drags: ${'the ferry part goes on and on, '.repeat(8)}and wants to cut it.`;
  await saveConference(page, { Research: research });
  const line = panel.locator('.history .entry-focus').first();
  assert.equal(await line.textContent(), `Research: ${research}`);
  const { bottom, lineTops } = await line.evaluate((element) => {
    const words = document.createRange();
    words.selectNodeContents(element);
    return { bottom: element.getBoundingClientRect().bottom, lineTops: [...new Set([...words.getClientRects()].map((rect) => Math.round(rect.top)))].sort((a, b) => a - b) };
  });
  assert.ok(lineTops.length > 2, `the research should need more than two lines at this width (${lineTops.length})`);
  assert.ok(bottom <= lineTops[2] + 1, 'the third line and after are not shown in the timeline');
  await line.click();
  await panel.locator('.history .entry-details dd', { hasText: 'and wants to cut it.' }).waitFor();
  await page.close();
});

test('a whole conference can be held with the keyboard alone', async () => {
  const page = await openDoc(RTL_DOC_ID);
  const panel = panelOf(page);
  // Alt+Shift+C closes the panel, and again opens it with the keyboard in it.
  await page.keyboard.press('Alt+Shift+C');
  await page.keyboard.press('Alt+Shift+C');
  const focusedLabel = () =>
    panel.locator(':focus').evaluate((element) => element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent);
  const tabTo = async (label) => {
    for (let i = 0; i < 40; i += 1) {
      if ((await focusedLabel().catch(() => null)) === label) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached "${label}"`);
  };
  // The radio group is one Tab stop, on the chosen kind; arrow keys choose another.
  await tabTo('Content');
  await page.keyboard.press('ArrowLeft');
  await tabTo('Research');
  await page.keyboard.type('Wants to start with the storm');
  await tabTo('Teaching point');
  await page.keyboard.type('Start in the middle of the action');
  await tabTo('Next step');
  await page.keyboard.type('Try two new first lines');
  await page.keyboard.press('Control+Enter');
  await panel.getByText('Conference saved').waitFor();
  assert.deepEqual((await historyFocuses(page)).slice(0, 1), ['Start in the middle of the action']);
  assert.match(await panel.locator('.history .entry-kind').first().textContent(), /Expectation/);
  await page.close();
});

test('at the narrowest panel width nothing is cut off or needs sideways scrolling', async () => {
  const page = await openDoc(DEMO_DOC_ID);
  await page.getByRole('separator', { name: 'Resize Confer' }).focus();
  await page.keyboard.press('Home'); // narrowest: 240 px
  const frame = page.frames().find((candidate) => candidate.url().startsWith('chrome-extension://'));
  await frame.waitForFunction(() => innerWidth < 240);
  const overflow = await frame.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = [...document.querySelectorAll('main *')].filter((element) => element.getBoundingClientRect().right > width + 0.5);
    return { scrollWidth: document.documentElement.scrollWidth, width, sticking: sticking.slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.className}`) };
  });
  assert.ok(overflow.scrollWidth <= overflow.width, JSON.stringify(overflow));
  assert.deepEqual(overflow.sticking, []);
  await page.keyboard.press('End');
  await page.close();
});

test('at 200% browser zoom a conference can still be written and saved', async () => {
  // 200% zoom on a 1280×800 window leaves 640×400 CSS pixels (the same layout as this viewport).
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(session.docUrl(THEO_DOC_ID));
  await panelTitle(page);
  const panel = panelOf(page);
  await panel.getByLabel('Teaching point').and(panel.locator(':enabled')).waitFor();
  await textbox(page, 'Teaching point').fill('Zoomed in: one thing at a time');
  const save = panel.getByRole('button', { name: 'Save conference' });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  await panel.getByText('Conference saved').waitFor();
  const frame = page.frames().find((candidate) => candidate.url().startsWith('chrome-extension://'));
  assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`an accessibility scan of the panel finds nothing serious (${scheme})`, async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(session.docUrl(DEMO_DOC_ID));
    await panelTitle(page);
    await panelOf(page).getByLabel('Teaching point').and(panelOf(page).locator(':enabled')).waitFor();
    // Scan it with something in every part: a past conference opened, a follow-up offered, a
    // draft, and the whole compliment bank (drawn only once it is opened).
    await saveConference(page, { 'Teaching point': `Scan ${scheme}`, 'Next step': 'Keep going' });
    await panelOf(page).locator('.history summary').first().click();
    await panelOf(page).getByText(/^All compliments/).click();
    await panelOf(page).getByRole('list', { name: 'All compliments' }).waitFor();
    await panelOf(page).getByText('Add your own compliment').click();
    await textbox(page, 'Notes').fill(`A draft in progress ${CANARY}`);
    const frame = page.frames().find((candidate) => candidate.url().startsWith('chrome-extension://'));
    await frame.evaluate(axeSource);
    const violations = await frame.evaluate(async () => {
      const results = await globalThis.axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map(({ id, impact, nodes }) => ({ id, impact, targets: nodes.map((node) => node.target.join(' ')).slice(0, 3) }));
    });
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    assert.deepEqual(serious, [], JSON.stringify(violations, null, 1));
    await page.close();
  });
}
