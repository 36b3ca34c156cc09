import { useRef } from 'preact/hooks';
import { teachingPointComment } from '../lib/comment-text';
import { MAX_COMMENT_LENGTH } from '../lib/messages';
import type { ConferenceContent } from '../lib/notebook/model';
import { PostedCommentLine } from './PostedCommentLine';
import { useUnpostedComment } from './use-unposted-comment';

export interface MarginCommentsProps {
  /** The document: a comment typed but not yet posted is kept per document, until it is posted. */
  docId: string;
  /** The conference being held: its teaching point and next step, and the comments posted so far. */
  content: ConferenceContent;
  /** A comment is on its way: the post buttons say so (keeping the focus) and do nothing until it is done. */
  busy: boolean;
  /** Posts the text; resolves `true` once it is in the margin. */
  onPost(text: string): Promise<boolean>;
}

/**
 * Writing to the student in the margin of their document: a comment of the teacher's own, or the
 * conference's teaching point and next step. The exact words are on screen before they are posted;
 * research and notes are never offered.
 */
export function MarginComments({ docId, content, busy, onPost }: MarginCommentsProps) {
  const [comment, setComment] = useUnpostedComment(docId);
  const teachingPoint = teachingPointComment(content);
  const tooLong = comment.length > MAX_COMMENT_LENGTH;

  // What the box holds now, for after a post that took a while.
  const typed = useRef(comment);
  typed.current = comment;

  const postComment = async (): Promise<void> => {
    const posted = comment;
    // The box empties only once the comment is in the margin: otherwise the words stay here. What
    // was typed while it was on its way (the next comment, begun after it) stays too.
    if (!(await onPost(posted))) return;
    const now = typed.current;
    if (now.startsWith(posted)) setComment(now.slice(posted.length).trimStart());
  };

  return (
    <section class="section margin-comments" aria-labelledby="margin-comments-heading">
      <h2 id="margin-comments-heading">Comment in the margin</h2>
      <p class="hint">Select words in the document first: the comment is posted on them, as you.</p>

      <div class="field">
        <label for="margin-comment">Comment</label>
        <textarea id="margin-comment" rows={3} dir="auto" value={comment} onInput={(event) => setComment(event.currentTarget.value)} aria-describedby={tooLong ? 'margin-comment-limit' : undefined} />
        {tooLong && (
          <p id="margin-comment-limit" class="hint hint-error">
            {`Too long to post: the limit is ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters (this is ${comment.length.toLocaleString('en')}).`}
          </p>
        )}
      </div>
      <div class="form-actions">
        <button type="button" class="button-tonal" aria-disabled={busy || undefined} onClick={() => !busy && void postComment()}>
          Post comment
        </button>
      </div>

      <div class="field teaching-point-comment">
        <p class="field-label">Teaching point, as the student will read it</p>
        {teachingPoint === null ? (
          <p class="hint">Write a teaching point or next step in the conference above, and it can be posted here.</p>
        ) : (
          <p class="comment-preview" dir="auto">
            {teachingPoint}
          </p>
        )}
      </div>
      <div class="form-actions">
        <button
          type="button"
          class="button-tonal"
          disabled={teachingPoint === null}
          aria-disabled={busy || undefined}
          onClick={() => !busy && teachingPoint !== null && void onPost(teachingPoint)}
        >
          Post teaching point as comment
        </button>
      </div>

      {content.comments.length > 0 && (
        <div class="posted-comments">
          <h3>Posted in this conference</h3>
          <ul>
            {content.comments.map((posted, index) => (
              <PostedCommentLine key={`${posted.postedAt}-${index}`} comment={posted} shorten />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
