import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyConferenceContent, type ConferenceContent, type Draft } from '../lib/notebook/model';
import { DRAFT_SAVE_DELAY_MS } from '../lib/notebook/draft-saver';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { ConferenceForm } from './ConferenceForm';
import { until, useRenderRoot } from './test-helpers';
import { useConferenceDraft, type ConferenceDraft } from './use-conference-draft';

/** The form as the panel uses it: with the document's draft. */
function Harness({ docId }: { docId: string }) {
  return <ConferenceForm draft={useConferenceDraft(docId)} onPhase={() => undefined} />;
}

const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
useFreshNotebook();
const root = useRenderRoot();
afterEach(() => {
  vi.useRealTimers();
});

const field = (label: string): HTMLTextAreaElement => {
  const labelElement = [...root.querySelectorAll('label')].find((element) => element.textContent === label);
  return root.querySelector<HTMLTextAreaElement>(`#${labelElement!.htmlFor}`)!;
};
const type = (element: HTMLTextAreaElement, value: string): void => {
  element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
};
/** Presses Save (the form's submit: the button, or Ctrl+Enter). */
const submit = (): Promise<void> =>
  act(() => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
/** The line under Save (in whichever of its places it is). */
const statusText = (): string => [...root.querySelectorAll('.save-line .hint')].map((line) => line.textContent).join('');

describe('the conference form', () => {
  it('keeps what was typed as a draft and brings it back', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    type(field('Teaching point'), 'Show, don’t tell, in the goal scene');
    await until(() => statusText() === 'Draft kept on this computer.');
    render(null, root);
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => field('Teaching point').value === 'Show, don’t tell, in the goal scene');
  });

  it('says plainly when the draft can’t be written, keeps the words, and saves them once it can', async () => {
    const real = notebook.saveDraft;
    let failing = true;
    const spy = vi.spyOn(notebook, 'saveDraft').mockImplementation(async (...args) => {
      if (failing) throw new DOMException('quota', 'QuotaExceededError');
      return real(...args);
    });
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Notes').disabled);
    type(field('Notes'), 'Private: reads below grade level, loves football');
    await until(() => statusText().includes('out of space'));
    expect(statusText()).toContain('Your words are still here.');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('out of space');
    expect(field('Notes').value).toBe('Private: reads below grade level, loves football');
    failing = false;
    await until(() => statusText() === 'Draft kept on this computer.');
    expect((await notebook.getDraft(DOC))?.content.notes).toBe('Private: reads below grade level, loves football');
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('saves the conference, empties the form and clears the draft', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    type(field('Teaching point'), 'Dialogue tags');
    await submit();
    await until(() => statusText().startsWith('Conference saved'));
    expect(field('Teaching point').value).toBe('');
    expect(await notebook.getDraft(DOC)).toBeNull();
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
  });

  it('while saving, Save says it is busy without letting go of the keyboard, and a second press saves nothing more', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    type(field('Teaching point'), 'Dialogue tags');
    let finish!: () => void;
    const original = notebook.saveConference;
    const spy = vi.spyOn(notebook, 'saveConference').mockImplementation(async (...args) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return original(...args);
    });
    const save = [...root.querySelectorAll('button')].find((button) => button.textContent === 'Save conference')!;
    save.focus();
    await submit();
    await until(() => save.getAttribute('aria-disabled') === 'true');
    // A disabled button would drop the focus to the top of the panel.
    expect(save.disabled).toBe(false);
    expect(document.activeElement).toBe(save);
    await until(() => spy.mock.calls.length === 1);
    await submit();
    await act(() => finish());
    await until(() => statusText().startsWith('Conference saved'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await notebook.getDocumentHistory(DOC)).conferences).toHaveLength(1);
  });

  it('says when a box is full, as the browser cuts a long paste at the limit without a word', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    expect(root.querySelector('#conference-focus-over')).toBeNull();
    // What the browser leaves of a paste past the box's maxLength: exactly the limit.
    type(field('Teaching point'), 'x'.repeat(field('Teaching point').maxLength));
    await until(() => root.querySelector('#conference-focus-over') !== null);
    expect(root.querySelector('#conference-focus-over')!.textContent).toBe('Teaching point is full at 1,000 characters: anything past that wasn’t added.');
    expect(field('Teaching point').getAttribute('aria-describedby')).toContain('conference-focus-over');
    // One character fewer, and the box says nothing more.
    type(field('Teaching point'), 'x'.repeat(999));
    await until(() => root.querySelector('#conference-focus-over') === null);
    // (Written before the next test's notebook.)
    await until(() => statusText() === 'Draft kept on this computer.');
  });

  it('picks up a draft left a week ago as today’s conference: no week-long timer, and dated from today’s words', async () => {
    const monday = new Date('2026-03-02T09:00:00Z').getTime();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(monday);
    await notebook.saveDraft(DOC, { ...emptyConferenceContent(), research: 'Wants a surprise ending' }, monday);
    const nextMonday = monday + 7 * 86_400_000;
    clock.mockReturnValue(nextMonday);
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => field('Research').value === 'Wants a surprise ending');
    expect(root.querySelector('.elapsed')).toBeNull();
    type(field('Teaching point'), 'Dialogue tags');
    await until(() => root.querySelector('.elapsed') !== null);
    expect(root.querySelector('.elapsed')?.textContent).not.toContain('wrap up');
    await submit();
    await until(() => statusText().startsWith('Conference saved'));
    expect((await notebook.getDocumentHistory(DOC)).conferences[0]).toMatchObject({ focus: 'Dialogue tags', research: 'Wants a surprise ending', startedAt: nextMonday });
  });

  it('hides the timer of a conference left open past the pause, and starts it again with the next words', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    type(field('Teaching point'), 'Dialogue tags');
    await until(() => root.querySelector('.elapsed')?.textContent === 'under a minute');
    // The tab is left open overnight; the timer's next look finds the conference paused.
    vi.setSystemTime(Date.now() + 16 * 3_600_000);
    await act(() => {
      vi.advanceTimersByTime(15_000);
    });
    expect(root.querySelector('.elapsed')).toBeNull();
    type(field('Next step'), 'Read it aloud');
    await until(() => root.querySelector('.elapsed')?.textContent === 'under a minute');
    await until(() => statusText() === 'Draft kept on this computer.');
  });

  it('doesn’t save a conference twice when another tab saved it before this one heard', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    type(field('Teaching point'), 'Dialogue tags');
    await until(() => statusText() === 'Draft kept on this computer.');
    const stored = (await notebook.getDraft(DOC))!;
    // The other tab saves it; this panel doesn't hear in time (its read of the draft is slow).
    vi.spyOn(notebook, 'getDraft').mockImplementation(() => new Promise(() => undefined));
    await notebook.saveConference(DOC, stored.content, { startedAt: stored.startedAt, draftBase: stored.content });
    await submit();
    await until(() => statusText().includes('already saved'));
    expect(statusText()).toBe('This conference was already saved in another tab. It’s in History.');
    expect(field('Teaching point').value).toBe('');
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
  });

  it('dates a conference from its own first words, not from words typed and erased before it', async () => {
    const monday = new Date('2026-03-02T09:00:00Z').getTime();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(monday);
    const draftWrites = vi.spyOn(notebook, 'saveDraft');
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Notes').disabled);
    type(field('Notes'), 'oops, wrong student');
    await until(() => statusText() === 'Draft kept on this computer.');
    type(field('Notes'), '');
    // The blank form is written as the draft too.
    await until(() => draftWrites.mock.settledResults.filter((result) => result.type === 'fulfilled').length === 2);
    expect((await notebook.getDraft(DOC))?.content.notes).toBe('');
    // The conference itself, a week later, with the panel open all the while.
    const nextMonday = monday + 7 * 86_400_000;
    clock.mockReturnValue(nextMonday);
    type(field('Teaching point'), 'Dialogue tags');
    await submit();
    await until(() => statusText().startsWith('Conference saved'));
    expect((await notebook.getDocumentHistory(DOC)).conferences[0]).toMatchObject({ focus: 'Dialogue tags', startedAt: nextMonday });
  });

  it('tells a screen reader of a save and of failures, not of every draft kept while typing', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    const live = (role: string): string => root.querySelector(`form [role="${role}"]`)?.textContent ?? '';
    type(field('Teaching point'), 'Dialogue');
    await until(() => statusText() === 'Draft kept on this computer.');
    expect(live('status')).toBe('');
    expect(live('alert')).toBe('');
    await submit();
    await until(() => live('status') === 'Conference saved. It’s at the top of History.');
  });

  it('takes a failed save’s message away once the teacher types on, so the draft’s own status shows', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Teaching point').disabled);
    type(field('Teaching point'), 'Dialogue tags');
    const spy = vi.spyOn(notebook, 'saveConference').mockRejectedValueOnce(new DOMException('The database connection is closing.', 'InvalidStateError'));
    await submit();
    await until(() => statusText().startsWith('The conference isn’t saved yet.'));
    expect(root.querySelector('form [role="alert"]')?.textContent).toContain('The conference isn’t saved yet.');
    spy.mockRestore();
    type(field('Teaching point'), 'Dialogue tags that show feeling');
    await until(() => statusText() === 'Draft kept on this computer.');
    expect(root.querySelector('form [role="alert"]')?.textContent).toBe('');
  });

  describe('open in two tabs on the same document', () => {
    /** The second tab's panel. */
    const other = useRenderRoot();
    const fieldIn = (container: HTMLElement, label: string): HTMLTextAreaElement => {
      const labelElement = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
      return container.querySelector<HTMLTextAreaElement>(`#${CSS.escape(labelElement!.htmlFor)}`)!;
    };

    it('keeps what was typed in each tab, and each tab shows the other’s words', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await act(() => render(<Harness docId={DOC} />, other));
      await until(() => !fieldIn(root, 'Research').disabled && !fieldIn(other, 'Research').disabled);
      // Both typed before either draft was written: neither tab has seen the other's words yet.
      type(fieldIn(root, 'Research'), 'Wants the ending to surprise');
      type(fieldIn(other, 'Teaching point'), 'Plant a clue early');
      await until(() => fieldIn(root, 'Teaching point').value === 'Plant a clue early' && fieldIn(other, 'Research').value === 'Wants the ending to surprise');
      expect(fieldIn(root, 'Research').value).toBe('Wants the ending to surprise');
      expect(fieldIn(other, 'Teaching point').value).toBe('Plant a clue early');
      expect((await notebook.getDraft(DOC))?.content).toMatchObject({ research: 'Wants the ending to surprise', focus: 'Plant a clue early' });
    });

    it('empties the other tab’s form once one tab saves the conference, keeping nothing twice', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await act(() => render(<Harness docId={DOC} />, other));
      await until(() => !fieldIn(root, 'Teaching point').disabled && !fieldIn(other, 'Teaching point').disabled);
      type(fieldIn(root, 'Teaching point'), 'Dialogue tags');
      await until(() => fieldIn(other, 'Teaching point').value === 'Dialogue tags');
      await submit();
      await until(() => fieldIn(other, 'Teaching point').value === '');
      // The teacher at the other tab is told why the words went.
      expect(other.querySelector('.save-line [role="status"]')?.textContent).toBe('This conference was saved or cleared in another tab.');
      expect(statusText()).toBe('Conference saved. It’s at the top of History.');
      expect(await notebook.getDraft(DOC)).toBeNull();
      expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
    });

    it('keeps both tabs’ long teaching points, says the box is too long, and saves once it is shortened', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await act(() => render(<Harness docId={DOC} />, other));
      await until(() => !fieldIn(root, 'Teaching point').disabled && !fieldIn(other, 'Teaching point').disabled);
      // Both tabs write 700 characters into the same box before either has seen the other's.
      const here = `Here ${'a'.repeat(700)}`;
      const there = `There ${'b'.repeat(700)}`;
      type(fieldIn(root, 'Teaching point'), here);
      type(fieldIn(other, 'Teaching point'), there);
      await until(() => fieldIn(root, 'Teaching point').value.length > 1_000 && fieldIn(other, 'Teaching point').value.length > 1_000);
      expect(fieldIn(root, 'Teaching point').value).toContain(here);
      expect(fieldIn(root, 'Teaching point').value).toContain(there);
      expect(statusText()).toBe('Draft kept on this computer.');
      const over = root.querySelector('#conference-focus-over')!;
      expect(over.textContent).toBe(
        'Teaching point has 1,413 characters, joined from two tabs; a conference keeps 1,000. Shorten it before saving.',
      );
      expect(fieldIn(root, 'Teaching point').getAttribute('aria-describedby')).toContain('conference-focus-over');

      await submit();
      await until(() => statusText().includes('too long'));
      expect(statusText()).toBe(
        'The conference isn’t saved yet. The teaching point is too long to save (the limit is 1,000 characters). Shorten it and try again. Your words are still here.',
      );
      type(fieldIn(root, 'Teaching point'), here);
      await until(() => root.querySelector('#conference-focus-over') === null);
      await submit();
      await until(() => statusText().startsWith('Conference saved'));
      expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual([here]);
    });

    // "The other tab" here is a direct notebook call, made while this form has a change waiting
    // (so this form doesn't read the draft itself): the moment two tabs really do overlap.
    it('saves what the other tab wrote while this one had a change waiting, even when Save comes at once', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => !field('Teaching point').disabled);
      type(field('Teaching point'), 'Plant a clue early');
      await notebook.saveDraft(DOC, { ...emptyConferenceContent(), notes: 'Reads aloud well' }, 5, emptyConferenceContent());
      await submit();
      await until(() => statusText().startsWith('Conference saved'));
      expect((await notebook.getDocumentHistory(DOC)).conferences).toMatchObject([{ focus: 'Plant a clue early', notes: 'Reads aloud well' }]);
      expect(field('Notes').value).toBe('');
      expect(await notebook.getDraft(DOC)).toBeNull();
    });

    it('says so when the other tab saved the conference while this one had a change waiting, and keeps only the words added since', async () => {
      const typed = { ...emptyConferenceContent(), focus: 'Dialogue tags', notes: 'Reads aloud well.' };
      await notebook.saveDraft(DOC, typed, 5);
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => field('Notes').value === 'Reads aloud well.');
      type(field('Notes'), 'Reads aloud well. Check back Friday.');
      // The other tab saves the conference as it knew it, while this tab's change waits to be written.
      await notebook.saveConference(DOC, typed, { startedAt: 5, draftBase: typed });
      await until(() => statusText().includes('saved or cleared in another tab'));
      expect(statusText()).toBe('This conference was saved or cleared in another tab. What you typed here since is kept as a new draft.');
      expect(field('Teaching point').value).toBe('');
      // Not the saved words again: saving next would repeat them.
      expect(field('Notes').value).toBe('Check back Friday.');
      expect((await notebook.getDraft(DOC))?.content).toMatchObject({ focus: '', notes: 'Check back Friday.' });
      await submit();
      await until(() => statusText().startsWith('Conference saved'));
      expect((await notebook.getDocumentHistory(DOC)).conferences.map((conference) => conference.notes).sort()).toEqual(['Check back Friday.', 'Reads aloud well.']);
    });
  });

  it('keeps only the words typed during its own save, for the next conference', async () => {
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Notes').disabled);
    type(field('Notes'), 'Reads aloud well.');
    // Saving takes a moment (a busy disk): the teacher types on once it has begun.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const original = notebook.saveConference;
    const spy = vi.spyOn(notebook, 'saveConference').mockImplementation(async (...args) => {
      await held;
      return original(...args);
    });
    await submit();
    await until(() => spy.mock.calls.length === 1);
    type(field('Notes'), 'Reads aloud well. Check back Friday.');
    // The typing pause ends while the save is still on its way.
    await new Promise((resolve) => setTimeout(resolve, 2 * DRAFT_SAVE_DELAY_MS));
    release();
    await until(() => statusText().startsWith('Conference saved'));
    spy.mockRestore();
    expect(field('Notes').value).toBe('Check back Friday.');
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((conference) => conference.notes)).toEqual(['Reads aloud well.']);
    // The draft written meanwhile must not bring the saved words back as the next conference's.
    await new Promise((resolve) => setTimeout(resolve, 2 * DRAFT_SAVE_DELAY_MS));
    expect((await notebook.getDraft(DOC))?.content.notes).toBe('Check back Friday.');
    render(null, root);
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Notes').disabled);
    expect(field('Notes').value).toBe('Check back Friday.');
  });

  it('keeps trying to write what was typed after the panel moved to another document', async () => {
    const real = notebook.saveDraft;
    let failing = true;
    vi.spyOn(notebook, 'saveDraft').mockImplementation(async (...args) => {
      if (failing) {
        failing = false;
        throw new DOMException('closing', 'InvalidStateError');
      }
      return real(...args);
    });
    await act(() => render(<Harness docId={DOC} />, root));
    await until(() => !field('Notes').disabled);
    type(field('Notes'), 'Typed just before switching documents');
    await act(() => render(null, root));
    await until(() => !failing);
    await vi.waitFor(async () => expect((await notebook.getDraft(DOC))?.content.notes).toBe('Typed just before switching documents'), { timeout: 3000 });
  });

  describe('when the tab is closed moments after the last keystroke', () => {
    /** The words kept for the next panel (unsaved-words.ts). */
    const keptWords = (): string[] => Object.keys(localStorage).filter((key) => key.startsWith('confer.unsaved-words.'));

    it('brings back words the closing page could not write, and writes them', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => !field('Teaching point').disabled);
      type(field('Teaching point'), 'Show, don’t tell');
      await until(() => statusText() === 'Draft kept on this computer.');
      // A closing page's IndexedDB write never comes back (the browser aborts it with the page).
      const spy = vi.spyOn(notebook, 'saveDraft').mockImplementation(() => new Promise(() => undefined));
      type(field('Teaching point'), 'Show, don’t tell, in the goal scene');
      window.dispatchEvent(new Event('pagehide'));
      render(null, root);
      spy.mockRestore();
      expect((await notebook.getDraft(DOC))?.content.focus).toBe('Show, don’t tell');
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => field('Teaching point').value === 'Show, don’t tell, in the goal scene');
      await until(() => statusText() === 'Draft kept on this computer.');
      expect((await notebook.getDraft(DOC))?.content.focus).toBe('Show, don’t tell, in the goal scene');
      expect(keptWords()).toEqual([]);
    });

    it('keeps nothing once a hidden tab’s words are written (switching tabs and back)', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => !field('Notes').disabled);
      type(field('Notes'), 'Reads the lead aloud twice');
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(keptWords()).toHaveLength(1);
      await until(() => statusText() === 'Draft kept on this computer.');
      expect(keptWords()).toEqual([]);
    });

    it('merges a closed tab’s words with what was written after it closed, losing neither', async () => {
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => !field('Research').disabled);
      vi.spyOn(notebook, 'saveDraft').mockImplementation(() => new Promise(() => undefined));
      type(field('Research'), 'Wants the ending to surprise');
      window.dispatchEvent(new Event('pagehide'));
      render(null, root);
      vi.restoreAllMocks();
      // Another tab wrote the draft after this one closed.
      await notebook.saveDraft(DOC, { ...emptyConferenceContent(), focus: 'Plant a clue early' }, 5);
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => field('Research').value === 'Wants the ending to surprise' && field('Teaching point').value === 'Plant a clue early');
      await until(() => keptWords().length === 0);
      expect((await notebook.getDraft(DOC))?.content).toMatchObject({ research: 'Wants the ending to surprise', focus: 'Plant a clue early' });
    });

    /**
     * Types 'Reads aloud well.', saves, types on while the save is on its way, and closes the page
     * (whose own draft writes never come back). `saveGoesThrough`: whether the save is then in
     * the notebook, or was lost with the page.
     */
    async function closeDuringSave(saveGoesThrough: boolean): Promise<void> {
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => !field('Notes').disabled);
      type(field('Notes'), 'Reads aloud well.');
      await until(() => statusText() === 'Draft kept on this computer.');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const realSave = notebook.saveConference;
      const saves = vi.spyOn(notebook, 'saveConference').mockImplementation(async (...args) => {
        await held;
        if (!saveGoesThrough) return new Promise(() => undefined);
        return realSave(...args);
      });
      await submit();
      await until(() => saves.mock.calls.length === 1);
      vi.spyOn(notebook, 'saveDraft').mockImplementation(() => new Promise(() => undefined));
      type(field('Notes'), 'Reads aloud well. Check back Friday.');
      window.dispatchEvent(new Event('pagehide'));
      render(null, root);
      release();
      if (saveGoesThrough) await vi.waitFor(async () => expect((await notebook.getDocumentHistory(DOC)).conferences).toHaveLength(1));
      vi.restoreAllMocks();
    }

    it('keep only the words typed during a save that went through as the page closed', async () => {
      await closeDuringSave(true);
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => field('Notes').value === 'Check back Friday.');
      await until(() => keptWords().length === 0);
      expect((await notebook.getDraft(DOC))?.content.notes).toBe('Check back Friday.');
      expect((await notebook.getDocumentHistory(DOC)).conferences.map(({ notes }) => notes)).toEqual(['Reads aloud well.']);
    });

    it('keep every word when the save was lost with the page', async () => {
      await closeDuringSave(false);
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => field('Notes').value === 'Reads aloud well. Check back Friday.');
      await until(() => keptWords().length === 0);
      expect((await notebook.getDocumentHistory(DOC)).conferences).toEqual([]);
    });

    it('are forgotten when the conference they went into is saved', async () => {
      localStorage.setItem(
        `confer.unsaved-words.${DOC}.closed-panel`,
        JSON.stringify({ format: 1, docId: DOC, content: { ...emptyConferenceContent(), focus: 'Cut the first paragraph' }, base: emptyConferenceContent(), startedAt: 5, at: 6 }),
      );
      vi.spyOn(notebook, 'saveDraft').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
      await act(() => render(<Harness docId={DOC} />, root));
      await until(() => field('Teaching point').value === 'Cut the first paragraph');
      await until(() => statusText().includes('out of space'));
      expect(keptWords()).toHaveLength(1);
      await submit();
      await until(() => field('Teaching point').value === '');
      expect(keptWords()).toEqual([]);
      expect((await notebook.getDocumentHistory(DOC)).conferences.map(({ focus }) => focus)).toEqual(['Cut the first paragraph']);
    });
  });

  describe('with the draft the background read ahead', () => {
    const draftOf = (change: Partial<ConferenceContent>, startedAt = 5): Draft => ({ schemaVersion: 3, rev: 1, docId: DOC, startedAt, updatedAt: 6, content: { ...emptyConferenceContent(), ...change } });

    it('is usable at once with it, and takes in what the draft holds now like another tab’s words', async () => {
      // Another tab added a teaching point after the background's read.
      await notebook.saveDraft(DOC, { ...emptyConferenceContent(), research: 'Working on the ending', focus: 'Plant a clue early' }, 5);
      let reading!: () => void;
      const real = notebook.getDraft;
      const spy = vi.spyOn(notebook, 'getDraft').mockImplementation(async (docId) => {
        await new Promise<void>((resolve) => (reading = resolve));
        return real(docId);
      });
      let draft: ConferenceDraft | null = null;
      function Probe() {
        draft = useConferenceDraft(DOC, undefined, draftOf({ research: 'Working on the ending' }));
        return null;
      }
      await act(() => render(<Probe />, root));
      expect(draft!.loaded).toBe(true);
      expect(draft!.content.research).toBe('Working on the ending');
      // The teacher types before the draft is read here: kept, and nothing doubled.
      act(() => draft!.change({ notes: 'Reads it aloud' }));
      await until(() => reading !== undefined);
      reading();
      spy.mockRestore();
      await until(() => draft!.content.focus === 'Plant a clue early');
      expect(draft!.content).toMatchObject({ research: 'Working on the ending', notes: 'Reads it aloud' });
      await until(() => draft!.status.state === 'saved');
      expect((await notebook.getDraft(DOC))?.content).toMatchObject({ research: 'Working on the ending', focus: 'Plant a clue early', notes: 'Reads it aloud' });
    });

    it('shows it if it comes before the draft is read here, and not after', async () => {
      await notebook.saveDraft(DOC, { ...emptyConferenceContent(), research: 'Stored' }, 5);
      let draft: ConferenceDraft | null = null;
      function Probe({ opened }: { opened: Draft | null | undefined }) {
        draft = useConferenceDraft(DOC, undefined, opened);
        return null;
      }
      await act(() => render(<Probe opened={undefined} />, root));
      await until(() => draft!.loaded);
      expect(draft!.content.research).toBe('Stored');
      // Too late: what was read here is newer.
      await act(() => render(<Probe opened={draftOf({ research: 'Older' })} />, root));
      expect(draft!.content.research).toBe('Stored');
    });
  });

  it('keeps a change made before the saved draft was read (a comment posted as the panel opened)', async () => {
    await notebook.saveDraft(DOC, { ...emptyConferenceContent(), research: 'Working on the ending' }, 5);
    let draft: ConferenceDraft | null = null;
    function Probe() {
      draft = useConferenceDraft(DOC);
      return null;
    }
    await act(() => render(<Probe />, root));
    const posted = { text: 'Strong lead', quote: 'The whistle blew', postedAt: 9 };
    expect(draft!.loaded).toBe(false);
    act(() => draft!.change((content) => ({ comments: [...content.comments, posted] })));
    await until(() => draft!.loaded);
    expect(draft!.content).toMatchObject({ research: 'Working on the ending', comments: [posted] });
    await until(() => draft!.status.state === 'saved');
    expect((await notebook.getDraft(DOC))?.content).toMatchObject({ research: 'Working on the ending', comments: [posted] });
  });

  it('records a comment confirmed after the panel has moved to another document, in its own document', async () => {
    let draft: ConferenceDraft | null = null;
    function Probe({ docId }: { docId: string }) {
      draft = useConferenceDraft(docId);
      return null;
    }
    await act(() => render(<Probe key={DOC} docId={DOC} />, root));
    await until(() => draft!.loaded);
    act(() => draft!.change({ research: 'Working on the ending' }));
    const onFirstDocument = draft!;
    // Docs moves to another document while the comment is posting; the panel follows it.
    await act(() => render(<Probe key={`${DOC}x`} docId={`${DOC}x`} />, root));
    await vi.waitFor(async () => expect((await notebook.getDraft(DOC))?.content.research).toBe('Working on the ending'));
    const posted = { text: 'Strong lead', quote: 'The whistle blew', postedAt: 9 };
    onFirstDocument.change((content) => ({ comments: [...content.comments, posted] }));
    await vi.waitFor(async () => expect((await notebook.getDraft(DOC))?.content).toMatchObject({ research: 'Working on the ending', comments: [posted] }));
    expect(await notebook.getDraft(`${DOC}x`)).toBeNull();
  });
});
