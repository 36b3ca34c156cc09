import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { emptyConferenceContent, type Conference } from '../lib/notebook/model';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { CONFERENCES_LISTED_AT_FIRST, HistoryList } from './HistoryList';
import { until, useRenderRoot } from './test-helpers';
import type { HistoryState } from './use-document-history';

useFreshNotebook();
const root = useRenderRoot();

const DOC_ID = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const NOW = Date.UTC(2026, 10, 20, 12);

const nameOf = (element: Element): string => element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
const button = (name: string): HTMLButtonElement | undefined => [...root.querySelectorAll('button')].find((element) => nameOf(element) === name);

/** The history as the panel shows it once read: these conferences on this document, newest first. */
function historyOf(...conferences: Conference[]): HistoryState {
  return {
    status: 'ready',
    history: { document: null, students: [], conferences, others: { conferences: [], documents: [] }, suggested: null, readAt: NOW },
  };
}

/** A conference on this document, as the notebook keeps it, with what `change` says. */
function pastConference(change: Partial<Conference> & Pick<Conference, 'id' | 'startedAt'>): Conference {
  return { ...emptyConferenceContent(), schemaVersion: 3, rev: 1, docId: DOC_ID, studentIds: [], endedAt: null, updatedAt: NOW, ...change };
}

/** Opens the entry whose summary shows `date`, as the teacher does by clicking it. */
async function openEntry(date: string): Promise<HTMLDetailsElement> {
  const entry = [...root.querySelectorAll<HTMLDetailsElement>('.history-entry details')].find((details) => details.querySelector('.entry-date')?.textContent === date)!;
  await act(() => entry.querySelector('summary')!.click());
  await until(() => entry.open && entry.querySelector('.entry-body') !== null);
  return entry;
}

describe('the history', () => {
  it('while a conference is being deleted, its button says so and a second click does nothing (no “already deleted” message)', async () => {
    const conference = await notebook.saveConference(DOC_ID, { ...emptyConferenceContent(), focus: 'Dialogue tags' }, { startedAt: NOW - 3_600_000 });
    // Deleting a student's latest conference can take a while in a large notebook: hold it back.
    const deleteConference = notebook.deleteConference;
    let finish = (): void => {};
    const held = new Promise<void>((resolve) => (finish = resolve));
    const remove = vi.spyOn(notebook, 'deleteConference').mockImplementation(async (...args) => {
      await held;
      return deleteConference(...args);
    });
    await act(() => render(<HistoryList state={historyOf(conference)} now={NOW} onFollowUp={vi.fn()} />, root));
    const date = root.querySelector('.entry-date')!.textContent!;
    await openEntry(date);

    await act(() => button(`Delete conference from ${date}`)!.click());
    const deleting = button(`Deleting conference from ${date}…`);
    expect(deleting?.textContent).toBe('Deleting…');
    expect(deleting?.getAttribute('aria-disabled')).toBe('true');
    await act(() => deleting!.click());
    expect(remove).toHaveBeenCalledTimes(1);

    finish();
    await until(() => root.querySelector('[role="status"]')?.textContent?.includes('deleted') === true);
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect((await notebook.getDocumentHistory(DOC_ID)).conferences).toEqual([]);
    expect(button(`Delete conference from ${date}`)?.getAttribute('aria-disabled')).toBeNull();
  });

  it('lists the newest conferences first, and the older ones when asked, with the keyboard on the first of them', async () => {
    const total = CONFERENCES_LISTED_AT_FIRST + 5;
    const conferences = Array.from({ length: total }, (_, index) =>
      pastConference({
        id: `c-${index}`,
        startedAt: NOW - (index + 1) * 86_400_000,
        endedAt: NOW - (index + 1) * 86_400_000 + 600_000,
        focus: `Teaching point ${index + 1}`,
      }),
    );
    const state = historyOf(...conferences);
    await act(() => render(<HistoryList state={state} now={NOW} onFollowUp={vi.fn()} />, root));
    const focuses = (): string[] => [...root.querySelectorAll('.entry-focus')].map((element) => element.textContent ?? '');
    expect(focuses()).toEqual(conferences.slice(0, CONFERENCES_LISTED_AT_FIRST).map((conference) => conference.focus));
    expect(root.querySelector('.summary')?.textContent).toContain('Last conference: yesterday');

    await act(() => button('Show 5 older conferences')!.click());
    expect(focuses()).toEqual(conferences.map((conference) => conference.focus));
    expect(button('Show 5 older conferences')).toBeUndefined();
    expect(document.activeElement?.textContent).toContain(`Teaching point ${CONFERENCES_LISTED_AT_FIRST + 1}`);
  });

  it('keeps what was last taught in view after a conference that taught nothing, with its date, and follows it up', async () => {
    const taught = pastConference({ id: 'taught', startedAt: NOW - 5 * 86_400_000, focus: 'Leads that start in the action', nextStep: 'Rewrite the first line' });
    const checkIn = pastConference({ id: 'check-in', startedAt: NOW - 86_400_000, research: 'Says the middle drags' });
    const onFollowUp = vi.fn();
    const state = historyOf(checkIn, taught);
    await act(() => render(<HistoryList state={state} now={NOW} onFollowUp={onFollowUp} />, root));
    const takenDate = [...root.querySelectorAll('.entry-date')].map((element) => element.textContent)[1];
    expect(root.querySelector('.last-time p')?.textContent).toBe(`On ${takenDate}: Leads that start in the action →,  next: Rewrite the first line`);
    await act(() => button('Follow up')!.click());
    expect(onFollowUp).toHaveBeenCalledWith(taught);
  });

  it('shows what a conference that taught nothing left, and follows up a next step given without a teaching point', async () => {
    const stepOnly = pastConference({ id: 'step', startedAt: NOW - 86_400_000, research: 'Stuck on the middle', nextStep: 'Read it to a partner' });
    const noteOnly = pastConference({ id: 'note', startedAt: NOW - 2 * 86_400_000, notes: 'Absent most of the week' });
    const checkIn = pastConference({ id: 'check-in', startedAt: NOW - 3 * 86_400_000, research: 'Says the middle drags' });
    const state = historyOf(stepOnly, noteOnly, checkIn);
    await act(() => render(<HistoryList state={state} now={NOW} onFollowUp={() => {}} />, root));
    expect(root.querySelector('.last-time p')?.textContent).toBe('Last time, next step: Read it to a partner');
    expect([...root.querySelectorAll('.entry-focus')].map((line) => line.textContent)).toEqual([
      'Next step: Read it to a partner',
      'No teaching point written',
      'Research: Says the middle drags',
    ]);
    // The teacher's words are isolated from the English labels, so a right-to-left note reads right.
    expect([...root.querySelectorAll('.last-time bdi, .entry-focus bdi')].map((words) => words.textContent)).toEqual([
      'Read it to a partner',
      'Read it to a partner',
      'Says the middle drags',
    ]);
  });

  it('draws what a conference recorded when its entry is first opened, and keeps an edit in progress when it is closed', async () => {
    const conference = pastConference({ id: 'c1', startedAt: NOW - 86_400_000, focus: 'Dialogue tags', research: 'Wants her dialogue to sound real', nextStep: 'Fix the tags on page 2' });
    await act(() => render(<HistoryList state={historyOf(conference)} now={NOW} onFollowUp={vi.fn()} />, root));
    const date = root.querySelector('.entry-date')!.textContent!;
    // Closed, an entry is its one-line summary; History can list 20 of them at once.
    expect(root.querySelector('.entry-body')).toBeNull();
    const entry = await openEntry(date);
    expect(entry.querySelector('.entry-details')?.textContent).toContain('Wants her dialogue to sound real');

    await act(() => button(`Edit conference from ${date}`)!.click());
    const nextStep = [...entry.querySelectorAll('label')].find((label) => label.textContent === 'Next step')!;
    const box = entry.querySelector<HTMLTextAreaElement>(`#${nextStep.htmlFor}`)!;
    await act(() => {
      box.value = 'Fix the tags on pages 2 and 3';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => entry.querySelector('summary')!.click());
    expect(entry.open).toBe(false);
    await act(() => entry.querySelector('summary')!.click());
    expect(entry.querySelector<HTMLTextAreaElement>(`#${nextStep.htmlFor}`)?.value).toBe('Fix the tags on pages 2 and 3');
  });

  it('keeps the oldest conference listed, and an edit open in it, when a newer conference is saved', async () => {
    const conferences = Array.from({ length: CONFERENCES_LISTED_AT_FIRST + 1 }, (_, index) =>
      pastConference({ id: `c-${index}`, startedAt: NOW - (index + 1) * 86_400_000, focus: `Teaching point ${index + 1}` }),
    );
    const listed = conferences.slice(0, CONFERENCES_LISTED_AT_FIRST);
    await act(() => render(<HistoryList state={historyOf(...conferences)} now={NOW} onFollowUp={vi.fn()} />, root));
    const date = [...root.querySelectorAll('.entry-date')].at(-1)!.textContent!;
    const entry = await openEntry(date);
    await act(() => button(`Edit conference from ${date}`)!.click());
    const focus = [...entry.querySelectorAll('label')].find((label) => label.textContent === 'Teaching point')!;
    await act(() => {
      const box = entry.querySelector<HTMLTextAreaElement>(`#${focus.htmlFor}`)!;
      box.value = 'Teaching point 20, said better';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });

    // A conference saved now (in this panel's form, or another tab's) goes on top.
    const today = pastConference({ id: 'today', startedAt: NOW - 3_600_000, focus: 'Today’s teaching point' });
    await act(() => render(<HistoryList state={historyOf(today, ...conferences)} now={NOW} onFollowUp={vi.fn()} />, root));
    const focuses = [...root.querySelectorAll('.entry-focus')].map((element) => element.textContent);
    expect(focuses).toEqual(['Today’s teaching point', ...listed.map((conference) => conference.focus)]);
    expect(root.querySelector<HTMLTextAreaElement>(`#${focus.htmlFor}`)?.value).toBe('Teaching point 20, said better');
    expect(button('Show 1 older conference')).toBeDefined();
  });

  it('lists only the newest 20 when the student’s conferences on other documents join the list', async () => {
    const here = [pastConference({ id: 'here', startedAt: NOW - 86_400_000, focus: 'On this document' })];
    await act(() => render(<HistoryList state={historyOf(...here)} now={NOW} onFollowUp={vi.fn()} />, root));
    // The teacher confirms the student the title names: their 30 conferences elsewhere show too.
    const elsewhere = Array.from({ length: 30 }, (_, index) =>
      pastConference({ id: `other-${index}`, docId: 'another-document', startedAt: NOW - (index + 2) * 86_400_000, focus: `Elsewhere ${index + 1}` }),
    );
    const ready = historyOf(...here) as Extract<HistoryState, { status: 'ready' }>;
    const state: HistoryState = { ...ready, history: { ...ready.history, others: { conferences: elsewhere, documents: [] } } };
    await act(() => render(<HistoryList state={state} now={NOW} onFollowUp={vi.fn()} />, root));
    expect(root.querySelectorAll('.history-entry')).toHaveLength(CONFERENCES_LISTED_AT_FIRST);
    expect(button('Show 11 older conferences')).toBeDefined();
  });
});
