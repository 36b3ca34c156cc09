import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { ConferenceForm } from './ConferenceForm';
import { until, useRenderRoot } from './test-helpers';
import { useConferenceDraft } from './use-conference-draft';

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
const statusText = (): string => root.querySelector('.form-actions + .hint')?.textContent ?? '';

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
    await act(() => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => statusText().startsWith('Conference saved'));
    expect(field('Teaching point').value).toBe('');
    expect(await notebook.getDraft(DOC)).toBeNull();
    expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
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
      await act(() => {
        root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
      await until(() => fieldIn(other, 'Teaching point').value === '');
      // The teacher at the other tab is told why the words went.
      expect(other.querySelector('.form-actions + .hint')?.textContent).toBe('This conference was saved or cleared in another tab.');
      expect(statusText()).toBe('Conference saved. It’s at the top of History.');
      expect(await notebook.getDraft(DOC)).toBeNull();
      expect((await notebook.getDocumentHistory(DOC)).conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
    });
  });
});
