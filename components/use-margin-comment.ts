import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelBrowser } from './panel-browser';
import { describeCommentOutcome, needsClipboard, type CommentMessage } from '../lib/comment-text';
import { MAX_COMMENT_LENGTH, parseCommentOutcome, type CommentOutcome, type PanelToBackground } from '../lib/messages';
import type { PostedComment } from '../lib/notebook/model';

export type MarginCommentState =
  | { status: 'idle' }
  | { status: 'posting'; text: string }
  /** `text`: what was (or was not) posted, kept so it can be copied by hand. */
  | { status: 'done'; text: string; outcome: CommentOutcome | null; message: CommentMessage };

/** What the teacher posted: a compliment from the bank, or a comment of their own (or the teaching point). */
export type CommentKind = 'compliment' | 'comment';

export interface MarginComment {
  state: MarginCommentState;
  /** Posts `text` on the teacher's selection. Resolves `true` when it is in the margin. */
  post(text: string, kind: CommentKind): Promise<boolean>;
  dismiss(): void;
}

const isMac = (): boolean => /^mac/iu.test(navigator.platform);

/** Puts the text on the clipboard (the panel frame is allowed to write it: see the dock). */
async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    console.warn('Confer: could not copy the comment to the clipboard.', error);
    return false;
  }
}

/**
 * Posting margin comments from the panel, on document `docId`. Only the text passed to `post`
 * leaves the panel: the background hands it to this tab's content script, which drives Docs'
 * comment box. One post at a time: a second click while one is on its way does nothing. When
 * Docs can't take the comment, the text goes on the clipboard so the teacher can paste it; it is
 * never lost.
 *
 * If Docs moves to another document while a comment is on its way, the panel moves with it, and
 * this part of it (with its messages) is gone: `notPostedAfterLeaving` is told, for the panel to
 * say on the next document. That is when the answer that it wasn't posted comes after this part
 * has gone (such a comment isn't put on the clipboard: it would be pasted there), or when this
 * part goes while still saying so (the answer can come before the panel hears of the move).
 */
export function useMarginComment(
  browser: PanelBrowser,
  docId: string,
  record: (comment: PostedComment, kind: CommentKind) => void,
  notPostedAfterLeaving: () => void,
): MarginComment {
  const [state, setState] = useState<MarginCommentState>({ status: 'idle' });
  const inFlight = useRef(false);
  const shown = useRef(true);
  /** The message on show says Docs moved away (set with it, so known even before it is drawn). */
  const movedAwayShown = useRef(false);
  const tellPanel = useRef(notPostedAfterLeaving);
  tellPanel.current = notPostedAfterLeaving;
  // A layout effect's cleanup runs as this part leaves the page; a passive one's only after the
  // next paint (Preact 11, as React), by when an answer may have come and gone unseen.
  useLayoutEffect(
    () => () => {
      shown.current = false;
      if (movedAwayShown.current) tellPanel.current();
    },
    [],
  );

  const post = async (text: string, kind: CommentKind): Promise<boolean> => {
    if (inFlight.current) return false;
    movedAwayShown.current = false;
    const mac = isMac();
    if (text.trim() === '') {
      setState({ status: 'done', text, outcome: null, message: { tone: 'warning', copied: null, text: 'There’s nothing to post yet: write the comment first.' } });
      return false;
    }
    if (text.length > MAX_COMMENT_LENGTH) {
      const limit = MAX_COMMENT_LENGTH.toLocaleString('en');
      setState({ status: 'done', text, outcome: null, message: { tone: 'warning', copied: null, text: `That comment is too long to post (the limit is ${limit} characters). Shorten it and try again.` } });
      return false;
    }
    inFlight.current = true;
    setState({ status: 'posting', text });
    try {
      // In this document only: if Docs has moved the tab to another one, it is not posted there.
      const ask: PanelToBackground = { type: 'confer:post-comment', text, docId };
      let outcome: CommentOutcome;
      try {
        outcome = parseCommentOutcome(await browser.runtime.sendMessage(ask)) ?? { status: 'unreachable' };
      } catch {
        outcome = { status: 'unreachable' };
      }
      if (outcome.status === 'posted') record({ text, quote: outcome.quote, postedAt: Date.now() }, kind);
      if (!shown.current) {
        if (outcome.status !== 'posted') tellPanel.current();
        return outcome.status === 'posted';
      }
      const copied = needsClipboard(outcome) ? await copyToClipboard(text) : null;
      movedAwayShown.current = outcome.status === 'moved-away';
      setState({ status: 'done', text, outcome, message: describeCommentOutcome(outcome, { copied, mac }) });
      return outcome.status === 'posted';
    } finally {
      inFlight.current = false;
    }
  };

  return {
    state,
    post,
    dismiss: () => {
      movedAwayShown.current = false;
      setState({ status: 'idle' });
    },
  };
}
