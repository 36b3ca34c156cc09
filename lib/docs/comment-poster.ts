/**
 * The comment poster the content script loads on the first comment (see comment-poster-contract.ts).
 */
import type { CommentOutcome } from '../messages';
import type { CreateCommentPoster } from './comment-poster-contract';
import { postMarginComment } from './comments';
import { connectPageBridge } from './page-bridge-client';

export const createCommentPoster: CreateCommentPoster = (win, signal) => {
  const bridge = connectPageBridge(win, signal);
  /** One comment at a time in a tab: a second request while one is on its way is refused. */
  let posting = false;
  return async ({ text, docId }): Promise<CommentOutcome> => {
    if (posting) return { status: 'refused', reason: 'busy' };
    posting = true;
    try {
      return await postMarginComment(win.document, text, { bridge, signal, docId });
    } catch (error) {
      // Nothing was pressed that could post: the panel keeps the text and offers the clipboard.
      console.warn('Confer: posting the comment failed.', error);
      return { status: 'composer-did-not-open' };
    } finally {
      posting = false;
    }
  };
};
