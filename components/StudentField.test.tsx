import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { StudentField } from './StudentField';
import { until, useRenderRoot } from './test-helpers';

const DOC = { docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd', accountSlot: null, tab: null };
useFreshNotebook();
const root = useRenderRoot();

const field = (): HTMLInputElement => root.querySelector<HTMLInputElement>('#student-name')!;
const type = (value: string): void => {
  void act(() => {
    field().value = value;
    field().dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const linkedName = async (): Promise<string | undefined> => (await notebook.getDocumentHistory(DOC.docId)).students[0]?.name;

/**
 * The next save of a name fails as a closing database connection does, after `meanwhile` (what the
 * teacher does while it is on its way); later saves go through. Returns whether it has failed yet.
 */
function failFirstSave(meanwhile: () => void = () => undefined): () => boolean {
  const real = notebook.setDocumentStudent;
  let failed = false;
  vi.spyOn(notebook, 'setDocumentStudent').mockImplementation(async (...args) => {
    if (!failed) {
      failed = true;
      meanwhile();
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    }
    return real(...args);
  });
  return () => failed;
}

describe('the Student field', () => {
  it('saves the newest name after a failed save, never the older one it failed with', async () => {
    // The teacher goes on typing while this save is on its way, and then it fails.
    failFirstSave(() => type('Maria Lopez'));
    await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
    type('Maria');
    void act(() => {
      field().dispatchEvent(new Event('blur'));
    });
    await until(() => root.textContent?.includes('Saved for this document') === true);
    expect(await linkedName()).toBe('Maria Lopez');
    expect((await notebook.listStudents()).map(({ student }) => student.name)).toEqual(['Maria Lopez']);
  });

  it('says a known student’s history is now linked, and a new name is saved for this document', async () => {
    await notebook.setDocumentStudent({ ...DOC, docId: `${DOC.docId}x` }, 'Maya Okafor');
    await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
    type('maya  okafor');
    window.dispatchEvent(new Event('pagehide'));
    await until(() => root.textContent?.includes('Linked: this student’s conferences on other documents are in History.') === true);
    type('Theo Grant');
    window.dispatchEvent(new Event('pagehide'));
    await until(() => root.textContent?.includes('Saved for this document.') === true);
  });

  it('says a new name is saved, not linked, even when the list of known students is read after the save', async () => {
    const real = notebook.listStudents;
    let listed = false;
    // The list (for the suggestions) arrives late, and so already holds the student just saved.
    vi.spyOn(notebook, 'listStudents').mockImplementation(async () => {
      await vi.waitFor(async () => expect(await linkedName()).toBe('Noor Haddad'));
      listed = true;
      return real();
    });
    await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
    type('Noor Haddad');
    window.dispatchEvent(new Event('pagehide'));
    await until(() => listed && root.querySelector('#known-students option') !== null);
    expect(root.textContent).toContain('Saved for this document.');
  });

  it('keeps trying to save a name typed just before the panel moved to another document', async () => {
    const failed = failFirstSave();
    await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
    type('Priya Shah');
    await act(() => render(null, root));
    await until(failed);
    await vi.waitFor(async () => expect(await linkedName()).toBe('Priya Shah'), { timeout: 3000 });
  });

  it('saves a name typed just before the page is hidden, without waiting for the pause', async () => {
    await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
    const save = vi.spyOn(notebook, 'setDocumentStudent');
    type('Jamal Reed');
    window.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledWith(DOC, 'Jamal Reed');
    await until(() => root.textContent?.includes('Saved for this document') === true);
    expect(await linkedName()).toBe('Jamal Reed');
  });

  describe('when the tab is closed moments after the name is typed', () => {
    /** The names kept for the next panel (unsaved-words.ts). */
    const keptNames = (): string[] => Object.keys(localStorage).filter((key) => key.startsWith('confer.unsaved-name.'));
    afterEach(() => localStorage.clear());

    it('brings back a name the closing page could not write, and writes it', async () => {
      await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
      // A closing page's IndexedDB write never comes back (the browser aborts it with the page).
      const spy = vi.spyOn(notebook, 'setDocumentStudent').mockImplementation(() => new Promise(() => undefined));
      type('Dev Ramirez');
      window.dispatchEvent(new Event('pagehide'));
      render(null, root);
      spy.mockRestore();
      expect(await linkedName()).toBeUndefined();
      await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
      expect(field().value).toBe('Dev Ramirez');
      await until(() => root.textContent?.includes('Saved for this document.') === true);
      expect(await linkedName()).toBe('Dev Ramirez');
      expect(keptNames()).toEqual([]);
    });

    it('brings back a name cleared just before closing, rather than the one stored', async () => {
      await notebook.setDocumentStudent(DOC, 'Dev Ramirez');
      await act(() => render(<StudentField doc={DOC} title={null} savedName="Dev Ramirez" onSuggestionShown={() => undefined} />, root));
      vi.spyOn(notebook, 'setDocumentStudent').mockImplementation(() => new Promise(() => undefined));
      type('');
      window.dispatchEvent(new Event('pagehide'));
      render(null, root);
      vi.restoreAllMocks();
      await act(() => render(<StudentField doc={DOC} title={null} savedName="Dev Ramirez" onSuggestionShown={() => undefined} />, root));
      expect(field().value).toBe('');
      await until(() => keptNames().length === 0);
      expect(await linkedName()).toBeUndefined();
    });

    it('keeps nothing once a hidden tab’s name is written (switching tabs and back)', async () => {
      await act(() => render(<StudentField doc={DOC} title={null} savedName={null} onSuggestionShown={() => undefined} />, root));
      type('Jamal Reed');
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(keptNames()).toHaveLength(1);
      await until(() => root.textContent?.includes('Saved for this document.') === true);
      expect(keptNames()).toEqual([]);
    });

    it('forgets a kept name the closing page did write after all, without saving it again', async () => {
      await notebook.setDocumentStudent(DOC, 'Jamal Reed');
      localStorage.setItem(`confer.unsaved-name.${DOC.docId}.closed-panel`, JSON.stringify({ format: 1, docId: DOC.docId, name: 'Jamal Reed', at: 6 }));
      const save = vi.spyOn(notebook, 'setDocumentStudent');
      await act(() => render(<StudentField doc={DOC} title={null} savedName="Jamal Reed" onSuggestionShown={() => undefined} />, root));
      expect(field().value).toBe('Jamal Reed');
      expect(keptNames()).toEqual([]);
      expect(save).not.toHaveBeenCalled();
      expect(root.textContent).not.toContain('Saved for this document.');
    });
  });
});
