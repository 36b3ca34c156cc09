import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceChange, closeChangeChannel, onNotebookChange, parseChange, touches, type NotebookChange } from './changes';

afterEach(() => closeChangeChannel());

describe('change announcements', () => {
  it('reach another Confer page through the BroadcastChannel', async () => {
    // What another tab's panel would post.
    const otherTab = new BroadcastChannel('confer-notebook');
    const seen = new Promise<NotebookChange>((resolve) => onNotebookChange(resolve));
    otherTab.postMessage({ documents: ['doc-1'] });
    expect(await seen).toEqual({ documents: ['doc-1'] });
    otherTab.close();
  });

  it('reach listeners on this page too (a channel never hears its own posts)', () => {
    const seen: NotebookChange[] = [];
    onNotebookChange((change) => seen.push(change));
    announceChange({ banks: true });
    expect(seen).toEqual([{ banks: true }]);
  });

  it('reach every listener even when one of them fails, and the announcer is not told it failed', () => {
    const seen: NotebookChange[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    onNotebookChange(() => {
      throw new Error('a broken page part');
    });
    onNotebookChange((change) => seen.push(change));
    expect(() => announceChange({ documents: ['doc-1'] })).not.toThrow();
    expect(seen).toEqual([{ documents: ['doc-1'] }]);
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });

  it('ignore malformed messages', () => {
    for (const data of [null, 'x', 7, { documents: 'doc-1' }, { students: [1] }, { drafts: [null] }, { everything: 'yes' }, { banks: 1 }]) {
      expect(parseChange(data)).toBeNull();
    }
  });

  it('say whether a change concerns the document or student shown', () => {
    expect(touches({ documents: ['a'] }, 'a')).toBe(true);
    expect(touches({ documents: ['b'] }, 'a')).toBe(false);
    expect(touches({ students: ['s1'] }, 'a', ['s1'])).toBe(true);
    expect(touches({ everything: true }, null)).toBe(true);
    expect(touches({ banks: true }, 'a', ['s1'])).toBe(false);
    // Typing (a draft) doesn't change what a document's history shows.
    expect(touches({ drafts: ['a'] }, 'a')).toBe(false);
  });
});
