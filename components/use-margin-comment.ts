import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelBrowser } from './panel-browser';
import { describeCommentOutcome, needsClipboard, type CommentMessage } from '../lib/comment-text';
import { MAX_COMMENT_LENGTH, parseCommentOutcome, type CommentOutcome, type PanelToBackground } from '../lib/messages';
import type { PostedComment } from '../lib/notebook/model';
import { onMac } from '../lib/shortcut';

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
 * The panel moves with Docs to another document, and the part of it beside the last one goes,
 * with its message: a comment that wasn't posted would go unsaid, whether Docs' answer came just
 * before the panel heard of the move or after. Such a message is handed on to the part beside the
 * next document (or kept for the next there is) instead.
 */
let takeHandedOn: ((state: MarginCommentState) => void) | null = null;
let handedOn: MarginCommentState | null = null;
function handOn(state: MarginCommentState): void {
  if (takeHandedOn === null) handedOn = state;
  else takeHandedOn(state);
}

/**
 * Posting margin comments from the panel, on document `docId`. Only the text passed to `post`
 * leaves the panel: the background hands it to this tab's content script, which drives Docs'
 * comment box. One post at a time: a second click while one is on its way does nothing. When
 * Docs can't take the comment, the text goes on the clipboard so the teacher can paste it; it is
 * never lost.
 */
export function useMarginComment(browser: PanelBrowser, docId: string, record: (comment: PostedComment, kind: CommentKind) => void): MarginComment {
  const [state, setState] = useState<MarginCommentState>({ status: 'idle' });
  const inFlight = useRef(false);
  /** The message on show is that Docs moved away (set with it, so known before it is drawn). */
  const movedAway = useRef<MarginCommentState | null>(null);
  // A layout effect: its cleanup runs as this part leaves the page. A passive one's would run only
  // after the next paint (Preact 11, as React), when an answer may have come and gone unseen.
  useLayoutEffect(() => {
    if (handedOn !== null) setState(handedOn);
    handedOn = null;
    takeHandedOn = setState;
    return () => {
      if (takeHandedOn === setState) takeHandedOn = null;
      if (movedAway.current !== null) handOn(movedAway.current);
    };
  }, []);

  /** This part has left the page (the panel shows one document's at a time: the one on show takes what is handed on). */
  const gone = (): boolean => takeHandedOn !== setState;

  const post = async (text: string, kind: CommentKind): Promise<boolean> => {
    if (inFlight.current) return false;
    movedAway.current = null;
    const mac = onMac();
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
      else if (gone() || outcome.status === 'moved-away') {
        // Docs moved away from this document (this part has gone, or is about to): said so, on the
        // next document if need be. Not put on the clipboard, from where it would be pasted there.
        const said: MarginCommentState = { status: 'done', text, outcome, message: describeCommentOutcome({ status: 'moved-away' }, { copied: null, mac }) };
        if (gone()) handOn(said);
        else setState((movedAway.current = said));
        return false;
      }
      // Posted after this part had gone: recorded with its conference, and nothing to say.
      if (gone()) return true;
      const copied = needsClipboard(outcome) ? await copyToClipboard(text) : null;
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
      movedAway.current = null;
      setState({ status: 'idle' });
    },
  };
}
