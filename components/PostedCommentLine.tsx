import { shortQuote } from '../lib/comment-text';
import type { PostedComment } from '../lib/notebook/model';

/** One margin comment as the notebook keeps it: its words, the words it is on, and when. */
export function PostedCommentLine({ comment, shorten = false }: { comment: PostedComment; shorten?: boolean }) {
  const time = new Date(comment.postedAt).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  return (
    <li dir="auto">
      {comment.text}
      {comment.quote !== '' && <span class="quote"> on “{shorten ? shortQuote(comment.quote) : comment.quote}”</span>}
      <span class="quote"> · {time}</span>
    </li>
  );
}
