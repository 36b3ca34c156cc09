import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { COMMENT_POSTER_GLOBAL } from '../lib/docs/comment-poster-contract';
import { createCommentPoster } from '../lib/docs/comment-poster';

// Imported by the content script (into its isolated world) on the teacher's first comment.
export default defineUnlistedScript(() => {
  Object.defineProperty(globalThis, COMMENT_POSTER_GLOBAL, { value: createCommentPoster, configurable: true });
});
