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
  it('puts a deleted question back with Undo, where the keyboard goes as it is deleted', async () => {
    await show();
    const before = await notebook.listQuestions();
    await click(`Delete question: ${OWN[0]}`);
    await until(() => !shownQuestions().includes(OWN[0]!));
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Question deleted.');
    expect(document.activeElement).toBe(control(`Undo: put back the question “${OWN[0]}”`));
    expect((await notebook.listQuestions()).map((question) => question.text)).toEqual([OWN[1]]);

    await click(`Undo: put back the question “${OWN[0]}”`);
    await until(() => shownQuestions().includes(OWN[0]!));
    expect(root.querySelector('[role="status"]')).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('#questions-heading'));
    expect((await notebook.listQuestions()).map(({ id, text, createdAt }) => ({ id, text, createdAt }))).toEqual(before.map(({ id, text, createdAt }) => ({ id, text, createdAt })));
  });

  it('opens Edit on the question as it is, not on words typed and cancelled before', async () => {
    await show();
    await click(`Edit question: ${OWN[0]}`);
    const box = control('Edit question') as HTMLInputElement;
    await act(() => {
      box.value = 'Half a thought';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('Cancel');
    await click(`Edit question: ${OWN[0]}`);
    expect((control('Edit question') as HTMLInputElement).value).toBe(OWN[0]);
  });

  it('offers Undo for the question deleted last', async () => {
    await show();
    await click(`Delete question: ${OWN[0]}`);
    await until(() => control(`Undo: put back the question “${OWN[0]}”`) !== undefined);
    await click(`Delete question: ${OWN[1]}`);
    await until(() => control(`Undo: put back the question “${OWN[1]}”`) !== undefined);
    expect(control(`Undo: put back the question “${OWN[0]}”`)).toBeUndefined();
    expect(document.activeElement).toBe(control(`Undo: put back the question “${OWN[1]}”`));
  });

  it('says the question wasn’t deleted when the notebook can’t, and keeps it', async () => {
    vi.spyOn(notebook, 'deleteQuestion').mockRejectedValue(new DOMException('closing', 'InvalidStateError'));
    await show();
    await click(`Delete question: ${OWN[0]}`);
    await until(() => root.querySelector('[role="alert"]')?.textContent?.startsWith('The question wasn’t deleted.') === true);
    expect(shownQuestions()).toContain(OWN[0]);
  });

  it('says the question couldn’t be put back when the notebook can’t, and keeps Undo', async () => {
    await show();
    await click(`Delete question: ${OWN[0]}`);
    await until(() => control(`Undo: put back the question “${OWN[0]}”`) !== undefined);
    vi.spyOn(notebook, 'restoreQuestion').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
    await click(`Undo: put back the question “${OWN[0]}”`);
    await until(() => root.querySelector('[role="alert"]')?.textContent?.startsWith('The question couldn’t be put back.') === true);
    expect(control(`Undo: put back the question “${OWN[0]}”`)).toBeDefined();
  });
});
