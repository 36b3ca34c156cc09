/**
 * The words of a margin comment, and what the panel tells the teacher after trying to post one.
 * Pure: the panel decides when; this decides what it says.
 */
import type { CommentOutcome } from './messages';
import type { ConferenceContent } from './notebook/model';

/** Ends a sentence the teacher typed without a full stop, so two sentences don't run together. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return /[.!?…)"'’”]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The conference's teaching point and next step, written to the student: what they can read in
 * the margin after the conference. Only these two fields: research and notes are the teacher's.
 * `null` when neither has been written.
 */
export function teachingPointComment(content: Pick<ConferenceContent, 'focus' | 'nextStep'>): string | null {
  const focus = content.focus.trim();
  const nextStep = content.nextStep.trim();
  if (focus === '' && nextStep === '') return null;
  const parts: string[] = [];
  if (focus !== '') parts.push(`What we worked on today: ${sentence(focus)}`);
  if (nextStep !== '') parts.push(`Your next step: ${sentence(nextStep)}`);
  return parts.join('\n');
}

export interface CommentMessage {
  tone: 'ok' | 'warning';
  text: string;
  /** The text is on the clipboard (`true`), couldn't be put there (`false`), or didn't need to be (`null`). */
  copied: boolean | null;
}

/** Which outcomes leave the teacher to paste the comment in by hand. */
export function needsClipboard(outcome: CommentOutcome): boolean {
  return outcome.status === 'composer-did-not-open' || outcome.status === 'unreachable' || (outcome.status === 'left-in-draft' && !outcome.filled);
}

const QUOTE_SHOWN = 60;

/** The quoted words, shortened for a one-line message. */
export function shortQuote(quote: string): string {
  const flat = quote.replace(/\s+/gu, ' ').trim();
  const letters = Array.from(flat);
  return letters.length <= QUOTE_SHOWN ? flat : `${letters.slice(0, QUOTE_SHOWN - 1).join('').trimEnd()}…`;
}

/**
 * What the teacher is told. `copied` says whether the clipboard fallback worked, for the outcomes
 * that need it; `mac` picks the shortcut's name.
 */
export function describeCommentOutcome(outcome: CommentOutcome, { copied, mac }: { copied: boolean | null; mac: boolean }): CommentMessage {
  const shortcut = mac ? '⌘+Option+M' : 'Ctrl+Alt+M';
  const paste = `paste (${mac ? '⌘+V' : 'Ctrl+V'})`;
  const first = copied === true ? 'Your comment is copied: ' : 'Copy your comment from the box below, then ';
  const byHand = `${first}click in the document, select the words, press ${shortcut}, ${paste} and press Comment.`;
  switch (outcome.status) {
    case 'posted':
      return { tone: 'ok', copied: null, text: outcome.quote === '' ? 'Comment posted in the margin.' : `Comment posted on “${shortQuote(outcome.quote)}”.` };
    case 'refused':
      return { tone: 'warning', copied: null, text: REFUSALS[outcome.reason] };
    case 'composer-did-not-open':
      return { tone: 'warning', copied, text: `Google Docs didn’t open a comment box. ${byHand}` };
    case 'left-in-draft':
      return outcome.filled
        ? { tone: 'warning', copied: null, text: 'Your comment is in the comment box in the margin, but Google Docs hasn’t taken it yet. Click at the end of it, type a space, and press Comment.' }
        : { tone: 'warning', copied, text: `Google Docs opened a comment box in the margin, but Confer couldn’t type in it. ${copied === true ? 'Your comment is copied: ' : 'Copy your comment from the box below, then '}${paste} into the box and press Comment.` };
    case 'unconfirmed':
      return { tone: 'warning', copied: null, text: 'Confer pressed Comment, but the comment didn’t appear in the margin. Check the margin before posting it again.' };
    case 'unreachable':
      return { tone: 'warning', copied, text: `Confer couldn’t reach the document (reloading the Docs tab fixes this). ${byHand}` };
    case 'moved-away':
      return { tone: 'warning', copied: null, text: 'Google Docs moved to another document before your comment was posted, so Confer didn’t post it anywhere. Go back to the document you wrote it for and post it again.' };
  }
}

const REFUSALS: Record<Extract<CommentOutcome, { status: 'refused' }>['reason'], string> = {
  'no-selection': 'Select the words you want to comment on first.',
  'view-only': 'Google Docs doesn’t let you comment on this document (you can only view it, or comments are turned off), so Confer can’t add one. Ask the owner for comment or edit access.',
  'draft-open': 'A comment you started is still open in the margin. Post or discard it first: Confer leaves it alone.',
  'tab-hidden': 'Go back to the document’s tab, select the words, and try again.',
  busy: 'Confer is still posting your last comment. Try again in a moment.',
};
