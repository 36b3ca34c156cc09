// The panel with a long history (issue 4's bench): a student with PAST_CONFERENCES conferences,
// on this document and another of theirs. Two figures:
//  - interactive: from the panel frame's load event (the "after its frame loads"; and, for
//    scale, from the start of its navigation) until its History accounts for every conference and
//    the conference form takes typing (the draft has been read). The frame loads while Docs does,
//    on the same 2 cores;
//  - input handlers while typing a teaching point: for every key event and input event, the time
//    from the first listener (window, capturing) to the last (window, bubbling), which takes in
//    Confer's own handlers and the re-render they cause (Preact renders in a microtask, before the
//    bubbling listener runs). Work the typing schedules for later (the draft written 250 ms after
//    the last keystroke) is not part of any handler.
// The conferences are put in as an earlier Confer (schema 2) left them, the one format this Confer
// must always read, so the bench does not depend on how the notebook is laid out today; the first
// opening upgrades them, and the timed openings come after it.

export const PAST_CONFERENCES = 200;
const TYPED = 'Show the feeling with an action, not a label';

/** Runs in the panel frame: replaces the notebook with `count` conferences of one student. */
async function seedPastConferences({ docId, otherDocId, count }) {
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open('confer-notebook');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const records = database.transaction('records', 'readwrite').objectStore('records');
  records.clear();
  const day = Date.UTC(2026, 0, 5);
  const student = 'bench-maya';
  records.put({ schemaVersion: 2, rev: 1, id: student, name: 'Maya Okafor', classGroup: null, goals: [], createdAt: day, updatedAt: day, lastConferenceAt: day + count * 3_600_000 }, `student:${student}`);
  for (const [id, title] of [[docId, 'Maya Okafor - Personal Narrative: The Big Match'], [otherDocId, 'Maya Okafor - Argument Essay']]) {
    records.put({ schemaVersion: 2, rev: 1, docId: id, title, accountSlot: null, studentIds: [student], lastOpened: day, updatedAt: day }, `document:${id}`);
  }
  for (let index = 0; index < count; index++) {
    const on = index % 4 === 3 ? otherDocId : docId;
    const id = `bench-${String(index).padStart(4, '0')}`;
    const at = day + index * 3_600_000;
    records.put(
      {
        schemaVersion: 2,
        rev: 1,
        id,
        docId: on,
        studentIds: [student],
        startedAt: at,
        endedAt: at + 420_000,
        updatedAt: at + 420_000,
        kind: ['content', 'convention', 'rehearsal', 'compliment', 'expectation'][index % 5],
        group: false,
        peer: index % 9 === 0,
        research: `Conference ${index + 1}: she is working on the part where the match turns, and wants the reader to feel the pressure.`,
        compliment: 'Your dialogue sounds like real people talking on the sideline.',
        focus: `Teaching point ${index + 1}: slow down the moment that matters with one detail of sight and one of sound`,
        nextStep: 'Add two details to the penalty-kick scene before Friday.',
        notes: 'Reads it aloud to her sister. Confident with dialogue; paragraphs run long when she is excited.',
        questionsAsked: [{ text: 'What are you working on as a writer today?', at }],
        comments: [],
      },
      `conference:${on}:${id}`,
    );
  }
  records.put({ schemaVersion: 2, migratedAt: day }, 'meta');
  await new Promise((resolve, reject) => {
    records.transaction.oncomplete = resolve;
    records.transaction.onerror = () => reject(records.transaction.error);
  });
  database.close();
}

/**
 * An init script for every frame. In Confer's panel it counts the conferences History accounts
 * for (those it lists, and those its "Show N older conferences" button would add), and notes when
 * History has all `count` of them and the conference form takes typing.
 */
function watchForInteractive(count) {
  if (location.protocol !== 'chrome-extension:') return;
  window.__conferencesInHistory = () => {
    const listed = document.querySelectorAll('.history .entry-focus').length;
    const older = /Show (\d+) older/.exec(document.querySelector('.history-more')?.textContent ?? '');
    return listed + (older === null ? 0 : Number(older[1]));
  };
  window.__conferInteractive = new Promise((done) => {
    const observer = new MutationObserver(() => {
      const focus = document.getElementById('conference-focus');
      if (focus === null || focus.disabled || window.__conferencesInHistory() < count) return;
      observer.disconnect();
      done(performance.now());
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** In the panel frame: times every key and input event's handlers, from first listener to last. */
function timeInputHandlers() {
  window.__conferHandlerTimes = [];
  const started = new WeakMap();
  for (const type of ['keydown', 'keypress', 'beforeinput', 'input', 'keyup']) {
    window.addEventListener(type, (event) => started.set(event, performance.now()), { capture: true });
    window.addEventListener(type, (event) => window.__conferHandlerTimes.push({ type, ms: performance.now() - started.get(event) }));
  }
}

/**
 * `browser`: launchWithExtension's; `openDemo(page)` opens the demo document and returns the
 * panel frame. Returns { interactive: { fromStart, fromLoad, … }[] (ms), handlers: { type, ms }[] (every
 * key and input event of the typing runs) }.
 */
export async function measurePanelWithHistory(browser, { openDemo, docId, otherDocId, runs }) {
  await browser.context.addInitScript(watchForInteractive, PAST_CONFERENCES);
  const seeding = await browser.context.newPage();
  const frame = await openDemo(seeding);
  await frame.evaluate(seedPastConferences, { docId, otherDocId, count: PAST_CONFERENCES });
  // The first opening upgrades the seeded notebook (untimed), and shows that it all arrived.
  await seeding.reload();
  const panel = seeding.frameLocator('iframe[title="Confer"]');
  await panel.locator('.history .entry-focus').first().waitFor({ timeout: 60_000 });
  const found = await seeding.frames().find((candidate) => candidate.url().startsWith('chrome-extension://')).evaluate(() => window.__conferencesInHistory());
  if (found !== PAST_CONFERENCES) throw new Error(`History shows ${found} of the ${PAST_CONFERENCES} conferences put in; the bench needs updating.`);
  await seeding.close();

  const interactive = [];
  const handlers = [];
  for (let run = 0; run < runs; run++) {
    const page = await browser.context.newPage();
    const panelFrame = await openDemo(page);
    interactive.push(
      await panelFrame.evaluate(async () => {
        const at = await window.__conferInteractive;
        const [navigation] = performance.getEntriesByType('navigation');
        return { fromStart: at, fromLoad: at - navigation.loadEventEnd, domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd };
      }),
    );
    if (run < 3) {
      // Typing: three of the runs, a teaching point of TYPED.length keystrokes each.
      await panelFrame.evaluate(timeInputHandlers);
      const box = page.frameLocator('iframe[title="Confer"]').getByRole('textbox', { name: 'Teaching point' });
      await box.click();
      await box.pressSequentially(TYPED, { delay: 40 });
      handlers.push(...(await panelFrame.evaluate(() => window.__conferHandlerTimes)));
      // Leave the notebook as it was: no draft, so the next opening is like the first.
      await box.fill('');
      await page.waitForTimeout(400);
    }
    await page.close();
  }
  return { interactive, handlers };
}
