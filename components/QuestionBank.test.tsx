import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { QuestionBank } from './QuestionBank';
import { until, useRenderRoot } from './test-helpers';

useFreshNotebook();
const root = useRenderRoot();

const OWN = ['What would your hero never, ever say?', 'Which sentence would you read aloud to the class?'];

const nameOf = (element: Element): string => element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
const control = (name: string): HTMLElement | undefined => [...root.querySelectorAll<HTMLElement>('button, input')].find((element) => nameOf(element) === name);
const shownQuestions = (): string[] => [...root.querySelectorAll('.question-text')].map((element) => element.textContent ?? '');
const click = async (name: string): Promise<void> => {
  const element = control(name);
  expect(element).toBeDefined();
  await act(() => element!.click());
};

/** The bank in the opening phase, with the teacher's two own questions in it. */
async function show(): Promise<void> {
  for (const text of OWN) await notebook.addQuestion({ text, phase: 'opening', kinds: [] });
  await act(() =>
    render(<QuestionBank kind="content" phase="opening" onPhase={vi.fn()} lastFocus={null} asked={[]} onAsked={vi.fn()} />, root),
  );
  await until(() => OWN.every((text) => shownQuestions().includes(text)));
}

describe('the question bank', () => {
  it('moves the keyboard to the next question when one is deleted, not to the start of the panel', async () => {
    await show();
    const next = shownQuestions()[shownQuestions().indexOf(OWN[0]!) + 1]!;
    await click(`Delete question: ${OWN[0]}`);
    await until(() => !shownQuestions().includes(OWN[0]!));
    expect(document.activeElement).toBe(control(`Favourite: ${next}`));
    expect((await notebook.listQuestions()).map((question) => question.text)).toEqual([OWN[1]]);
  });

  it('moves the keyboard to the new-question box when the only question shown is deleted', async () => {
    await show();
    const search = control('Search questions') as HTMLInputElement;
    await act(() => {
      search.value = 'read aloud to the class';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => shownQuestions().length === 1);
    await click(`Delete question: ${OWN[1]}`);
    await until(() => shownQuestions().length === 0);
    expect(document.activeElement).toBe(control('New question'));
  });

  it('says the question wasn’t deleted when the notebook can’t, and keeps it', async () => {
    vi.spyOn(notebook, 'deleteQuestion').mockRejectedValue(new DOMException('closing', 'InvalidStateError'));
    await show();
    await click(`Delete question: ${OWN[0]}`);
    await until(() => root.querySelector('[role="alert"]')?.textContent?.startsWith('The question wasn’t deleted.') === true);
    expect(shownQuestions()).toContain(OWN[0]);
  });
});
