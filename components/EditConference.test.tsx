import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { emptyConferenceContent } from '../lib/notebook/model';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { EditConference } from './EditConference';
import { until, useRenderRoot } from './test-helpers';

const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
useFreshNotebook();
const root = useRenderRoot();

const textbox = (label: string): HTMLTextAreaElement => {
  const labelElement = [...root.querySelectorAll('label')].find((element) => element.textContent === label);
  return root.querySelector<HTMLTextAreaElement>(`#${CSS.escape(labelElement!.htmlFor)}`)!;
};

/** The teacher changes the teaching point (the edit each test makes). */
const retypeTeachingPoint = (): Promise<void> =>
  act(() => {
    const focus = textbox('Teaching point');
    focus.value = 'Leads that start in the action';
    focus.dispatchEvent(new Event('input', { bubbles: true }));
  });
const submit = (): Promise<void> =>
  act(() => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
const pressEscape = (): Promise<void> =>
  act(() => {
    textbox('Teaching point').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
  });

describe('editing a past conference', () => {
  it('writes only what was changed here, keeping an edit made meanwhile in another tab', async () => {
    const saved = await notebook.saveConference(DOC, { ...emptyConferenceContent(), focus: 'Leads', notes: 'First note' }, { startedAt: 5 });
    let done = false;
    await act(() => render(<EditConference conference={saved} onDone={() => (done = true)} />, root));
    // Another tab changes the notes; History re-renders this form with the newer copy.
    const newer = await notebook.updateConference(DOC, saved.id, { notes: 'Note from the other tab' });
    await act(() => render(<EditConference conference={newer} onDone={() => (done = true)} />, root));
    await retypeTeachingPoint();
    await submit();
    await until(() => done);
    expect((await notebook.getDocumentHistory(DOC)).conferences).toMatchObject([{ focus: 'Leads that start in the action', notes: 'Note from the other tab' }]);
  });

  it('says when a box is full, as the browser cuts a long paste at the limit without a word', async () => {
    const saved = await notebook.saveConference(DOC, { ...emptyConferenceContent(), focus: 'Leads' }, { startedAt: 5 });
    await act(() => render(<EditConference conference={saved} onDone={() => {}} />, root));
    const full = () => root.querySelector(`#${CSS.escape(textbox('Teaching point').getAttribute('aria-describedby') ?? 'none')}`)?.textContent;
    expect(full()).toBeUndefined();
    await act(() => {
      const focus = textbox('Teaching point');
      focus.value = 'x'.repeat(focus.maxLength);
      focus.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(full()).toBe('Teaching point is full at 1,000 characters: anything past that wasn’t added.');
  });

  it('is not closed by the Escape an input method uses to cancel the word being composed', async () => {
    const saved = await notebook.saveConference(DOC, { ...emptyConferenceContent(), focus: 'Leads' }, { startedAt: 5 });
    let done = false;
    await act(() => render(<EditConference conference={saved} onDone={() => (done = true)} />, root));
    const escape = (isComposing: boolean) =>
      act(() => {
        textbox('Teaching point').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', isComposing, bubbles: true, cancelable: true }));
      });
    await escape(true);
    expect(done).toBe(false);
    await escape(false);
    expect(done).toBe(true);
  });

  it('closes on Escape only when nothing was changed: changes are kept until Save or Cancel', async () => {
    const saved = await notebook.saveConference(DOC, { ...emptyConferenceContent(), focus: 'Leads' }, { startedAt: 5 });
    let done = false;
    await act(() => render(<EditConference conference={saved} onDone={() => (done = true)} />, root));
    await retypeTeachingPoint();
    await pressEscape();
    expect(done).toBe(false);
    expect(textbox('Teaching point').value).toBe('Leads that start in the action');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('You’ve made changes: press Save changes to keep them, or Cancel.');
  });

  it('says nothing of Save or Cancel to an Escape pressed while the changes are being saved', async () => {
    const saved = await notebook.saveConference(DOC, { ...emptyConferenceContent(), focus: 'Leads' }, { startedAt: 5 });
    let finish!: () => void;
    const original = notebook.updateConference;
    vi.spyOn(notebook, 'updateConference').mockImplementation(async (...args) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return original(...args);
    });
    let done = false;
    await act(() => render(<EditConference conference={saved} onDone={() => (done = true)} />, root));
    await retypeTeachingPoint();
    await submit();
    await pressEscape();
    expect(root.querySelector('[role="alert"]')).toBeNull();
    await act(() => finish());
    await until(() => done);
  });
});
