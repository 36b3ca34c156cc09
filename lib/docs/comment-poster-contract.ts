/**
 * How the content script reaches the comment poster, which it loads only when the teacher first
 * posts a comment (so the code that drives Docs' comment box costs nothing on the many page loads
 * where no comment is posted). `entrypoints/comment-poster.ts` puts the factory on the content
 * script's own global (the isolated world: the page can't see it) under this name.
 */
import type { CommentOutcome, PostCommentRequest } from '../messages';

export const COMMENT_POSTER_GLOBAL = '__conferCreateCommentPoster';
/** Where the poster is built to, relative to the extension's root (web-accessible to Docs only). */
export const COMMENT_POSTER_PATH = '/comment-poster.js';

/** Posts one margin comment on the teacher's selection, in the request's document only. */
export type PostComment = (request: Pick<PostCommentRequest, 'text' | 'docId'>) => Promise<CommentOutcome>;
export type CreateCommentPoster = (win: Window, signal: AbortSignal) => PostComment;
