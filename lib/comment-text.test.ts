import { describe, expect, it } from 'vitest';
import { describeCommentOutcome, needsClipboard, shortQuote, teachingPointComment } from './comment-text';
import type { CommentOutcome, CommentRefusal } from './messages';
import { emptyConferenceContent } from './notebook/model';

describe('the teaching point as a margin comment', () => {
  it('gives the teaching point and the next step, one per line, written to the student', () => {
    expect(teachingPointComment({ focus: 'Show, don’t tell, in the goal scene', nextStep: 'Add one sound to the ending' })).toBe(
      'What we worked on today: Show, don’t tell, in the goal scene.\nYour next step: Add one sound to the ending.',
    );
  });

  it('gives only the teaching point when there is no next step', () => {
    expect(teachingPointComment({ focus: 'Dialogue that moves the story', nextStep: '  ' })).toBe('What we worked on today: Dialogue that moves the story.');
  });

  it('gives only the next step when there is no teaching point', () => {
    expect(teachingPointComment({ focus: '', nextStep: 'Read it aloud to a partner' })).toBe('Your next step: Read it aloud to a partner.');
  });

  it('is null when neither has been written', () => {
    expect(teachingPointComment({ focus: '', nextStep: '' })).toBeNull();
    expect(teachingPointComment({ focus: ' \n ', nextStep: '\t' })).toBeNull();
  });

  it('does not add a full stop after one the teacher typed, or after a question or exclamation mark', () => {
    expect(teachingPointComment({ focus: 'Strong leads.', nextStep: 'What does the crowd sound like?' })).toBe(
      'What we worked on today: Strong leads.\nYour next step: What does the crowd sound like?',
    );
    expect(teachingPointComment({ focus: 'You did it!', nextStep: 'Try “slow motion” for the big moment…' })).toBe(
      'What we worked on today: You did it!\nYour next step: Try “slow motion” for the big moment…',
    );
  });

  it('does not add a full stop after a closing quote or bracket', () => {
    expect(teachingPointComment({ focus: 'Use “said”', nextStep: 'Add a detail (a sound)' })).toBe('What we worked on today: Use “said”\nYour next step: Add a detail (a sound)');
  });

  it('collapses spaces and line breaks inside each part to single spaces', () => {
    expect(teachingPointComment({ focus: '  Show   the\n\nscene  ', nextStep: 'Zoom\tin' })).toBe('What we worked on today: Show the scene.\nYour next step: Zoom in.');
  });

  it('never includes the teacher’s research, notes or compliment', () => {
    const content = { ...emptyConferenceContent(), research: 'Working on her opening', notes: 'Private: reads below grade level', compliment: 'Great verbs', focus: 'Leads', nextStep: 'Rewrite the lead' };
    const comment = teachingPointComment(content);
    expect(comment).toBe('What we worked on today: Leads.\nYour next step: Rewrite the lead.');
    for (const privateWords of ['opening', 'Private', 'grade level', 'Great verbs']) expect(comment).not.toContain(privateWords);
  });
});

describe('shortening a quote for a message', () => {
  it('keeps a short quote as it is, on one line', () => {
    expect(shortQuote('  Maya ran\nto the   net ')).toBe('Maya ran to the net');
  });

  it('keeps a quote of exactly 60 characters whole', () => {
    const quote = 'a'.repeat(60);
    expect(shortQuote(quote)).toBe(quote);
  });

  it('cuts a longer quote to 60 characters, ending with an ellipsis', () => {
    const shown = shortQuote('a'.repeat(61));
    expect(shown).toBe(`${'a'.repeat(59)}…`);
    expect(Array.from(shown)).toHaveLength(60);
  });

  it('does not leave a space before the ellipsis', () => {
    expect(shortQuote(`${'a'.repeat(58)} bcd`)).toBe(`${'a'.repeat(58)}…`);
  });

  it('does not cut an emoji in half', () => {
    const shown = shortQuote(`${'a'.repeat(58)}😀😀😀`);
    expect(shown).toBe(`${'a'.repeat(58)}😀…`);
    expect(shown).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
  });
});

describe('which outcomes put the comment on the clipboard', () => {
  it.each<[CommentOutcome, boolean]>([
    [{ status: 'composer-did-not-open' }, true],
    [{ status: 'unreachable' }, true],
    [{ status: 'left-in-draft', filled: false }, true],
    [{ status: 'left-in-draft', filled: true }, false],
    [{ status: 'posted', quote: 'Maya ran' }, false],
    [{ status: 'refused', reason: 'no-selection' }, false],
    [{ status: 'unconfirmed' }, false],
    [{ status: 'moved-away' }, false],
  ])('%j: %s', (outcome, expected) => {
    expect(needsClipboard(outcome)).toBe(expected);
  });
});

describe('what the teacher is told', () => {
  const pc = { copied: null, mac: false };

  it('says where a posted comment went', () => {
    expect(describeCommentOutcome({ status: 'posted', quote: 'Maya ran to the net' }, pc)).toEqual({ tone: 'ok', copied: null, text: 'Comment posted on “Maya ran to the net”.' });
  });

  it('shortens a long quote in the posted message', () => {
    const quote = `${'word '.repeat(30)}end`;
    expect(describeCommentOutcome({ status: 'posted', quote }, pc).text).toBe(`Comment posted on “${shortQuote(quote)}”.`);
    expect(describeCommentOutcome({ status: 'posted', quote }, pc).text).toContain('…”');
  });

  it('says a comment was posted in the margin when no words were quoted', () => {
    expect(describeCommentOutcome({ status: 'posted', quote: '' }, pc)).toEqual({ tone: 'ok', copied: null, text: 'Comment posted in the margin.' });
  });

  it.each<[CommentRefusal, string]>([
    ['no-selection', 'Select the words you want to comment on first.'],
    ['view-only', 'Google Docs doesn’t let you comment on this document (you can only view it, or comments are turned off), so Confer can’t add one. Ask the owner for comment or edit access.'],
    ['draft-open', 'A comment you started is still open in the margin. Post or discard it first: Confer leaves it alone.'],
    ['tab-hidden', 'Go back to the document’s tab, select the words, and try again.'],
    ['busy', 'Confer is still posting your last comment. Try again in a moment.'],
  ])('explains the refusal "%s"', (reason, text) => {
    expect(describeCommentOutcome({ status: 'refused', reason }, pc)).toEqual({ tone: 'warning', copied: null, text });
  });

  it('when the comment box did not open and the comment is copied, says how to paste it (Ctrl on Windows and ChromeOS)', () => {
    expect(describeCommentOutcome({ status: 'composer-did-not-open' }, { copied: true, mac: false })).toEqual({
      tone: 'warning',
      copied: true,
      text: 'Google Docs didn’t open a comment box. Your comment is copied: click in the document, select the words, press Ctrl+Alt+M, paste (Ctrl+V) and press Comment.',
    });
  });

  it('when the comment box did not open and the comment could not be copied, points to the box below (⌘ on a Mac)', () => {
    expect(describeCommentOutcome({ status: 'composer-did-not-open' }, { copied: false, mac: true })).toEqual({
      tone: 'warning',
      copied: false,
      text: 'Google Docs didn’t open a comment box. Copy your comment from the box below, then click in the document, select the words, press ⌘+Option+M, paste (⌘+V) and press Comment.',
    });
  });

  it('when the comment is in Docs’ box but not taken, says how to finish it, with nothing to copy', () => {
    expect(describeCommentOutcome({ status: 'left-in-draft', filled: true }, { copied: null, mac: false })).toEqual({
      tone: 'warning',
      copied: null,
      text: 'Your comment is in the comment box in the margin, but Google Docs hasn’t taken it yet. Click at the end of it, type a space, and press Comment.',
    });
  });

  it('when Docs’ box opened empty and the comment is copied, says to paste it there', () => {
    expect(describeCommentOutcome({ status: 'left-in-draft', filled: false }, { copied: true, mac: true })).toEqual({
      tone: 'warning',
      copied: true,
      text: 'Google Docs opened a comment box in the margin, but Confer couldn’t type in it. Your comment is copied: paste (⌘+V) into the box and press Comment.',
    });
  });

  it('when Docs’ box opened empty and the comment could not be copied, points to the box below', () => {
    expect(describeCommentOutcome({ status: 'left-in-draft', filled: false }, { copied: false, mac: false })).toEqual({
      tone: 'warning',
      copied: false,
      text: 'Google Docs opened a comment box in the margin, but Confer couldn’t type in it. Copy your comment from the box below, then paste (Ctrl+V) into the box and press Comment.',
    });
  });

  it('warns against posting twice when the comment did not appear', () => {
    expect(describeCommentOutcome({ status: 'unconfirmed' }, pc)).toEqual({
      tone: 'warning',
      copied: null,
      text: 'Confer pressed Comment, but the comment didn’t appear in the margin. Check the margin before posting it again.',
    });
  });

  it('when Docs moved to another document first, says nothing was posted anywhere', () => {
    expect(describeCommentOutcome({ status: 'moved-away' }, pc)).toEqual({
      tone: 'warning',
      copied: null,
      text: 'Google Docs moved to another document before your comment was posted, so Confer didn’t post it anywhere. Go back to the document you wrote it for and post it again.',
    });
  });

  it('when the document could not be reached, says reloading fixes it and how to post by hand', () => {
    expect(describeCommentOutcome({ status: 'unreachable' }, { copied: true, mac: false })).toEqual({
      tone: 'warning',
      copied: true,
      text: 'Confer couldn’t reach the document (reloading the Docs tab fixes this). Your comment is copied: click in the document, select the words, press Ctrl+Alt+M, paste (Ctrl+V) and press Comment.',
    });
    expect(describeCommentOutcome({ status: 'unreachable' }, { copied: false, mac: true })).toEqual({
      tone: 'warning',
      copied: false,
      text: 'Confer couldn’t reach the document (reloading the Docs tab fixes this). Copy your comment from the box below, then click in the document, select the words, press ⌘+Option+M, paste (⌘+V) and press Comment.',
    });
  });
});
