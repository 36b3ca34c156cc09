import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentOutcome } from '../messages';

// The poster's own job is the one-at-a-time rule and never letting an error escape; the flow
// itself (comments.ts) is tested on its own, so here it is replaced by one the test controls.
const flow = vi.hoisted(() => ({ postMarginComment: vi.fn<(...args: unknown[]) => Promise<CommentOutcome>>() }));
vi.mock('./comments', () => flow);
const { createCommentPoster } = await import('./comment-poster');

const DOC_ID = '1mYq7Lk2VbT9xRwP4nHc8ZsDfG3aJe6Uo5iKt0NpQy_A';

afterEach(() => flow.postMarginComment.mockReset());

describe('the comment poster', () => {
  it('posts one comment at a time in a tab: a second request while one is on its way is refused', async () => {
    let finish!: (outcome: CommentOutcome) => void;
    flow.postMarginComment.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const post = createCommentPoster(window, new AbortController().signal);
    const first = post({ text: 'Your lead pulls me in.', docId: DOC_ID });
    expect(await post({ text: 'And again.', docId: DOC_ID })).toEqual({ status: 'refused', reason: 'busy' });
    finish({ status: 'posted', quote: 'The whistle blew' });
    expect(await first).toEqual({ status: 'posted', quote: 'The whistle blew' });
    expect(flow.postMarginComment).toHaveBeenCalledTimes(1);
    expect(flow.postMarginComment.mock.calls[0]![1]).toBe('Your lead pulls me in.');
    expect(flow.postMarginComment.mock.calls[0]![2]).toMatchObject({ docId: DOC_ID });

    // Done: the next comment goes ahead.
    flow.postMarginComment.mockResolvedValueOnce({ status: 'refused', reason: 'no-selection' });
    expect(await post({ text: 'Next one.', docId: DOC_ID })).toEqual({ status: 'refused', reason: 'no-selection' });
  });

  it('turns an unexpected error into "the comment box didn’t open", so the panel offers the clipboard', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    flow.postMarginComment.mockRejectedValueOnce(new Error('Docs changed'));
    const post = createCommentPoster(window, new AbortController().signal);
    expect(await post({ text: 'Nice verbs.', docId: DOC_ID })).toEqual({ status: 'composer-did-not-open' });
    expect(warn).toHaveBeenCalledWith('Confer: posting the comment failed.', expect.any(Error));
    // …and the next request is not stuck behind it.
    flow.postMarginComment.mockResolvedValueOnce({ status: 'posted', quote: 'x' });
    expect(await post({ text: 'Nice verbs.', docId: DOC_ID })).toEqual({ status: 'posted', quote: 'x' });
    warn.mockRestore();
  });
});
