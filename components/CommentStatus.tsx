import { useRef } from 'preact/hooks';
import type { MarginCommentState } from './use-margin-comment';

/**
 * What happened to the last comment, pinned to the bottom of the panel so it is seen whichever
 * button posted it. When the comment couldn't go on the clipboard, its text is here to copy.
 * Dismissed from the keyboard, it gives the focus back to the button that posted the comment
 * (the Dismiss button goes with the message, and the focus would fall to the top of the panel).
 */
export function CommentStatus({ state, onDismiss }: { state: MarginCommentState; onDismiss(): void }) {
  const copyBox = useRef<HTMLTextAreaElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const shown = state.status !== 'idle';
  /**
   * What had the focus as the comment was posted: the button pressed. Read as each post is drawn
   * (even one made with the last one's message still up), not as its outcome is, which comes
   * when the teacher may have moved on.
   */
  const poster = useRef<Element | null>(null);
  if (state.status === 'posting') poster.current = document.activeElement;
  const dismiss = (): void => {
    const back = poster.current;
    const hadFocus = box.current?.contains(document.activeElement) === true;
    onDismiss();
    if (hadFocus && back instanceof HTMLElement && back.isConnected) back.focus();
  };
  const copyAgain = (): void => {
    const box = copyBox.current;
    if (box === null) return;
    box.select();
    void navigator.clipboard.writeText(box.value).catch(() => undefined);
  };
  return (
    <div ref={box} class={shown ? `comment-status comment-status-${state.status === 'done' ? state.message.tone : 'posting'}` : 'comment-status-empty'} id="comment-status" role="status" aria-label="Margin comment">
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
        <button key="dismiss" type="button" class="button-quiet comment-status-dismiss" onClick={dismiss}>
          Dismiss
        </button>,
      ]}
    </div>
  );
}
