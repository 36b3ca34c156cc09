import { useRef } from 'preact/hooks';
import type { MarginCommentState } from './use-margin-comment';

/**
 * What happened to the last comment, pinned to the bottom of the panel so it is seen whichever
 * button posted it. When the comment couldn't go on the clipboard, its text is here to copy.
 */
export function CommentStatus({ state, onDismiss }: { state: MarginCommentState; onDismiss(): void }) {
  const copyBox = useRef<HTMLTextAreaElement>(null);
  const shown = state.status !== 'idle';
  const copyAgain = (): void => {
    const box = copyBox.current;
    if (box === null) return;
    box.select();
    void navigator.clipboard.writeText(box.value).catch(() => undefined);
  };
  return (
    <div class={shown ? `comment-status comment-status-${state.status === 'done' ? state.message.tone : 'posting'}` : 'comment-status-empty'} id="comment-status" role="status" aria-label="Margin comment">
      {state.status === 'posting' && <p>Posting the comment…</p>}
      {state.status === 'done' && [
        <p key="message">{state.message.text}</p>,
        state.message.copied === false && (
          <div key="copy" class="field comment-copy">
            <label for="comment-copy-text">Your comment</label>
            <textarea id="comment-copy-text" ref={copyBox} readOnly rows={3} value={state.text} dir="auto" />
            <button type="button" class="button-tonal" onClick={copyAgain}>
              Copy
            </button>
          </div>
        ),
        <button key="dismiss" type="button" class="button-quiet comment-status-dismiss" onClick={onDismiss}>
          Dismiss
        </button>,
      ]}
    </div>
  );
}
