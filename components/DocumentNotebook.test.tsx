import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { PanelBrowser } from './panel-browser';
import { emptyConferenceContent } from '../lib/notebook/model';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { DocumentNotebook } from './DocumentNotebook';
import { until, useRenderRoot } from './test-helpers';

const DOC = { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: null, tab: null };
/** The panel's messages to the background aren't part of this test. */
const browser = { runtime: { sendMessage: vi.fn(async () => undefined) } } as unknown as PanelBrowser;
useFreshNotebook();
const root = useRenderRoot();

const byLabel = <T extends HTMLElement>(label: string): T => {
  const labelElement = [...root.querySelectorAll('label')].find((element) => element.textContent === label);
  return root.querySelector<T>(`#${CSS.escape(labelElement!.htmlFor)}`)!;
};

describe('the notebook for one document', () => {
  it('when the history can’t be read, saving a conference doesn’t link the document to the student its title suggests', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The teacher linked this copy to Jamal, although its title names Maya.
    await notebook.setDocumentStudent(DOC, 'Jamal Reed');
    const history = vi.spyOn(notebook, 'getStudentHistory').mockRejectedValue(new DOMException('The database connection is closing.', 'InvalidStateError'));
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Maya Okafor - Personal Narrative" />, root));
    await until(() => root.querySelector('[role="alert"]') !== null && !byLabel<HTMLTextAreaElement>('Teaching point').disabled);
    // Who the document belongs to isn't known: the Student field waits, and no compliment is
    // written to the name in the title (it would be posted into Jamal's document).
    expect(byLabel<HTMLInputElement>('Student').disabled).toBe(true);
    expect(root.querySelector('section.compliments')?.textContent).not.toContain('Maya');

    const focus = byLabel<HTMLTextAreaElement>('Teaching point');
    focus.value = 'Dialogue tags';
    focus.dispatchEvent(new Event('input', { bubbles: true }));
    await act(() => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => root.textContent?.includes('Conference saved') === true);
    history.mockRestore();
    const after = await notebook.getDocumentHistory(DOC.docId);
    expect(after.students.map((s) => s.name)).toEqual(['Jamal Reed']);
    expect(after.conferences.map((c) => c.focus)).toEqual(['Dialogue tags']);
  });

  it('when History can’t be read, says so and reads it again when the teacher asks', async () => {
    await notebook.saveConference(DOC.docId, { ...emptyConferenceContent(), focus: 'Paragraph breaks' }, { startedAt: Date.now() - 3_600_000 });
    const history = vi.spyOn(notebook, 'getStudentHistory').mockRejectedValue(new DOMException('The database connection is closing.', 'InvalidStateError'));
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Essay draft" />, root));
    const notice = (): Element | null => root.querySelector('section[aria-labelledby="history-heading"] [role="alert"]');
    await until(() => notice() !== null);
    // Every read the panel makes by itself meanwhile (the document's first open is announced) fails too.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notice()?.textContent).toContain('The browser closed Confer’s notebook for a moment. Try again.');
    expect(root.textContent).not.toContain('Paragraph breaks');

    history.mockRestore();
    const tryAgain = [...notice()!.querySelectorAll('button')].find((button) => button.textContent === 'Try again')!;
    tryAgain.focus();
    await act(() => tryAgain.click());
    await until(() => root.textContent?.includes('Paragraph breaks') === true);
    expect(notice()).toBeNull();
    // The button went with the notice: the keyboard is at History's heading.
    expect(document.activeElement).toBe(root.querySelector('#history-heading'));
  });

  it('shows History and the draft from the background’s read before its own reads, and the title’s unconfirmed student’s records stay hidden', async () => {
    const OTHER = { ...DOC, docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' };
    await notebook.setDocumentStudent(OTHER, 'Maya Okafor');
    await notebook.saveConference(OTHER.docId, { ...emptyConferenceContent(), focus: 'Maya’s dialogue tags' }, { startedAt: Date.now() - 86_400_000 });
    await notebook.saveDraft(DOC.docId, { ...emptyConferenceContent(), research: 'Wants a surprise ending' }, 5);
    const opening = await notebook.readOpeningView(DOC.docId, 'Maya Okafor');
    // The panel's own reads are slow to come.
    vi.spyOn(notebook, 'getStudentHistory').mockImplementation(() => new Promise(() => undefined));
    vi.spyOn(notebook, 'getDraft').mockImplementation(() => new Promise(() => undefined));
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Maya Okafor - Group Project" opening={opening} />, root));
    expect(byLabel<HTMLTextAreaElement>('Research').value).toBe('Wants a surprise ending');
    expect(byLabel<HTMLTextAreaElement>('Teaching point').disabled).toBe(false);
    await until(() => root.textContent?.includes('The title names Maya Okafor, who has 1 conference on other documents.') === true);
    expect(root.textContent).not.toContain('Maya’s dialogue tags');
  });

  it('shows History from the background’s read made before the title was known, when the document has its student', async () => {
    await notebook.setDocumentStudent(DOC, 'Maya Okafor');
    await notebook.saveConference(DOC.docId, { ...emptyConferenceContent(), focus: 'Leads that hook' }, { startedAt: Date.now() - 86_400_000 });
    const opening = await notebook.readOpeningView(DOC.docId, null);
    vi.spyOn(notebook, 'getStudentHistory').mockImplementation(() => new Promise(() => undefined));
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Maya Okafor - Narrative" opening={opening} />, root));
    expect(root.querySelector('.history')?.textContent).toContain('Leads that hook');
  });

  it('shows the conferences of a student only the title names once the teacher confirms the name, and links the document then', async () => {
    const OTHER = { ...DOC, docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' };
    await notebook.setDocumentStudent(OTHER, 'Maya Okafor');
    await notebook.saveConference(OTHER.docId, { ...emptyConferenceContent(), focus: 'Maya’s dialogue tags' }, { startedAt: Date.now() - 86_400_000 });
    // Anyone who can edit this document could have given it Maya's name.
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Maya Okafor - Group Project" />, root));
    await until(() => root.textContent?.includes('The title names Maya Okafor, who has 1 conference on other documents.') === true);
    expect(root.textContent).not.toContain('Maya’s dialogue tags');
    expect(root.querySelector('.summary')?.textContent).toBe('No conferences yet. Start one below.');

    const confirm = [...root.querySelectorAll('button')].find((button) => button.textContent === 'Confirm: Maya Okafor')!;
    confirm.focus();
    await act(() => confirm.click());
    await until(() => root.textContent?.includes('Maya’s dialogue tags') === true);
    expect(root.textContent).not.toContain('The title names');
    // The button has gone: the keyboard is at History's heading, not back at the top of the panel.
    expect(document.activeElement).toBe(root.querySelector('#history-heading'));
    expect((await notebook.getDocumentHistory(DOC.docId)).students.map((student) => student.name)).toEqual(['Maya Okafor']);
  });

  it('once the teacher clears the name the title suggested, neither offers that student’s history nor writes compliments in their name', async () => {
    const OTHER = { ...DOC, docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' };
    await notebook.setDocumentStudent(OTHER, 'Maya Okafor');
    await notebook.saveConference(OTHER.docId, { ...emptyConferenceContent(), focus: 'Maya’s dialogue tags' }, { startedAt: Date.now() - 86_400_000 });
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Maya Okafor - Group Project" />, root));
    const compliments = (): string => root.querySelector('section.compliments')?.textContent ?? '';
    // All compliments is drawn when opened; it is where the name would show.
    await until(() => root.querySelector('details.compliment-bank') !== null);
    await act(() => root.querySelector<HTMLElement>('details.compliment-bank summary')!.click());
    await until(() => root.textContent?.includes('The title names Maya Okafor') === true && compliments().includes('Maya'));

    const student = byLabel<HTMLInputElement>('Student');
    await act(() => {
      student.value = '';
      student.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => !(root.textContent ?? '').includes('The title names Maya Okafor'));
    expect(root.textContent).not.toContain('Maya’s dialogue tags');
    expect(compliments()).not.toContain('Maya');
    expect(compliments().length).toBeGreaterThan(0);
  });

  it('opens the notebook page, where the notes are backed up and restored', async () => {
    await act(() => render(<DocumentNotebook browser={browser} doc={DOC} title="Essay draft" />, root));
    const open = [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Back up or restore your notes');
    expect(open).toBeDefined();
    await act(() => open!.click());
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'confer:open-notebook-page' });
  });
});
