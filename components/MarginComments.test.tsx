import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, onTestFinished, vi, type Mock, type MockInstance } from 'vitest';
import type { PanelBrowser } from './panel-browser';
import { MAX_COMMENT_LENGTH } from '../lib/messages';
import { readUnpostedComment } from '../lib/notebook/unposted-comments';
import { emptyConferenceContent, type ConferenceContent, type PostedComment } from '../lib/notebook/model';
import { CommentStatus } from './CommentStatus';
import { MarginComments } from './MarginComments';
import { until, useRenderRoot } from './test-helpers';
import { useMarginComment, type CommentKind } from './use-margin-comment';

/** A conference whose research and notes are the teacher's alone. */
const CONFERENCE: ConferenceContent = {
  ...emptyConferenceContent(),
  research: 'Says she is working on her opening',
  notes: 'Private: reads below grade level, loves football',
  compliment: 'Great verbs in the first paragraph',
};
const COMMENT = 'What did the crowd sound like right here?';
const QUOTE = 'Maya ran to the net';
const NOW = 1_790_000_000_000;
const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';

interface HarnessProps {
  browser: PanelBrowser;
  record(comment: PostedComment, kind: CommentKind): void;
  content: ConferenceContent;
  docId?: string;
  /** Leaves MarginComments' buttons enabled while a comment is posting (as a part of the panel that doesn't know would). */
  ignoreBusy?: boolean;
}

/** The comment section and the status line, wired as the panel wires them. */
function Harness({ browser, record, content, docId = DOC, ignoreBusy = false }: HarnessProps) {
  const [comments, setComments] = useState<PostedComment[]>([]);
  const marginComment = useMarginComment(browser, docId, (comment, kind) => {
    record(comment, kind);
    setComments((previous) => [...previous, comment]);
  });
  const busy = !ignoreBusy && marginComment.state.status === 'posting';
  return (
    <>
      <MarginComments docId={docId} content={{ ...content, comments }} busy={busy} onPost={(text) => marginComment.post(text, 'comment')} />
      <CommentStatus state={marginComment.state} onDismiss={marginComment.dismiss} />
    </>
  );
}

const root = useRenderRoot();
let sendMessage: Mock<(message: unknown) => Promise<unknown>>;
let record: Mock<(comment: PostedComment, kind: CommentKind) => void>;
let writeText: MockInstance<(text: string) => Promise<void>>;

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  sendMessage = vi.fn();
  record = vi.fn();
  writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});

async function show(content: ConferenceContent = CONFERENCE, { ignoreBusy = false, docId = DOC } = {}): Promise<void> {
  const browser = { runtime: { sendMessage } } as unknown as PanelBrowser;
  await act(() => render(<Harness browser={browser} record={record} content={content} docId={docId} ignoreBusy={ignoreBusy} />, root));
}

const button = (name: string): HTMLButtonElement => {
  const found = [...root.querySelectorAll('button')].find((element) => element.textContent?.trim() === name);
  if (found === undefined) throw new Error(`no button "${name}"`);
  return found;
};
const commentBox = (): HTMLTextAreaElement => root.querySelector<HTMLTextAreaElement>('#margin-comment')!;
const status = (): string => root.querySelector('[role="status"]')?.textContent ?? '';
const copyBox = (): HTMLTextAreaElement | null => root.querySelector<HTMLTextAreaElement>('.comment-copy textarea');
const type = async (value: string): Promise<void> => {
  await act(() => {
    commentBox().value = value;
    commentBox().dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const click = async (element: HTMLElement): Promise<void> => {
  await act(() => element.click());
};
/** Presses a button that has the keyboard's focus (as Enter or Space would). */
const pressWithKeyboard = async (element: HTMLElement): Promise<void> => {
  element.focus();
  await click(element);
};
/** A reply from the content script that the test hands over when it likes. */
function deferredReply() {
  let answer!: (value: unknown) => void;
  sendMessage.mockReturnValue(new Promise((resolve) => (answer = resolve)));
  return (value: unknown) => act(() => answer(value));
}

const BY_HAND_COPIED = 'Your comment is copied: click in the document, select the words, press Ctrl+Alt+M, paste (Ctrl+V) and press Comment.';
const BY_HAND_NOT_COPIED = 'Copy your comment from the box below, then click in the document, select the words, press Ctrl+Alt+M, paste (Ctrl+V) and press Comment.';

describe('posting a comment of the teacher’s own', () => {
  it('sends exactly the comment, and nothing else from the conference', async () => {
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('Comment posted'));
    expect(sendMessage.mock.calls).toStrictEqual([[{ type: 'confer:post-comment', text: COMMENT, docId: DOC }]]);
    const sent = JSON.stringify(sendMessage.mock.calls);
    for (const privateWords of [CONFERENCE.research, CONFERENCE.notes, CONFERENCE.compliment]) expect(sent).not.toContain(privateWords);
  });

  it('once posted, empties the box, records the comment and says where it went', async () => {
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('Comment posted'));
    expect(commentBox().value).toBe('');
    expect(record.mock.calls).toEqual([[{ text: COMMENT, quote: QUOTE, postedAt: NOW }, 'comment']]);
    expect(status()).toContain(`Comment posted on “${QUOTE}”.`);
    expect(root.querySelector('.posted-comments li')?.textContent).toContain(`${COMMENT} on “${QUOTE}”`);
    expect(writeText).not.toHaveBeenCalled();
  });

  it('keeps what the teacher typed while the comment was on its way', async () => {
    const answer = deferredReply();
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    // The next comment, begun after the first, and a comment typed over the box entirely.
    await type(`${COMMENT} Next: your ending`);
    await answer({ status: 'posted', quote: QUOTE });
    await until(() => status().includes('Comment posted'));
    expect(commentBox().value).toBe('Next: your ending');
    expect(readUnpostedComment(DOC)).toBe('Next: your ending');

    const again = deferredReply();
    await click(button('Post comment'));
    await type('Something else entirely');
    await again({ status: 'posted', quote: QUOTE });
    await until(() => record.mock.calls.length === 2);
    expect(commentBox().value).toBe('Something else entirely');
  });

  it('shows “Posting the comment…” and marks both buttons unavailable, keeping the focus, while the comment is on its way', async () => {
    const answer = deferredReply();
    await show({ ...CONFERENCE, focus: 'Leads' });
    await type(COMMENT);
    await pressWithKeyboard(button('Post comment'));
    expect(status()).toContain('Posting the comment…');
    expect(button('Post comment').getAttribute('aria-disabled')).toBe('true');
    expect(button('Post teaching point as comment').getAttribute('aria-disabled')).toBe('true');
    // Not `disabled`: a disabled button would drop the keyboard focus of the teacher who pressed it.
    expect(button('Post comment').disabled).toBe(false);
    await answer({ status: 'posted', quote: QUOTE });
    await until(() => button('Post comment').getAttribute('aria-disabled') === null);
    expect(button('Post teaching point as comment').getAttribute('aria-disabled')).toBeNull();
  });

  it('keeps the text in the box and explains, when Docs refuses', async () => {
    sendMessage.mockResolvedValue({ status: 'refused', reason: 'no-selection' });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('Select the words you want to comment on first.'));
    expect(commentBox().value).toBe(COMMENT);
    expect(record).not.toHaveBeenCalled();
    expect(writeText).not.toHaveBeenCalled();
    expect(copyBox()).toBeNull();
  });

  it('puts the comment on the clipboard when Docs’ comment box did not open, and says so', async () => {
    sendMessage.mockResolvedValue({ status: 'composer-did-not-open' });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('didn’t open a comment box'));
    expect(writeText.mock.calls).toEqual([[COMMENT]]);
    expect(status()).toContain(BY_HAND_COPIED);
    expect(copyBox()).toBeNull();
    expect(commentBox().value).toBe(COMMENT);
    expect(record).not.toHaveBeenCalled();
  });

  it('shows the comment in a read-only box to copy when the clipboard refuses it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    writeText.mockRejectedValue(new DOMException('Document is not focused.', 'NotAllowedError'));
    sendMessage.mockResolvedValue({ status: 'composer-did-not-open' });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => copyBox() !== null);
    expect(status()).toContain(BY_HAND_NOT_COPIED);
    const box = copyBox()!;
    expect(box.value).toBe(COMMENT);
    expect(box.readOnly).toBe(true);
    expect(root.querySelector(`label[for="${box.id}"]`)?.textContent).toBe('Your comment');
    writeText.mockClear().mockResolvedValue(undefined);
    await click(button('Copy'));
    expect(writeText.mock.calls).toEqual([[COMMENT]]);
  });

  it('says the document could not be reached, and copies the comment, when the message fails', async () => {
    sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('couldn’t reach the document'));
    expect(status()).toContain(`Confer couldn’t reach the document (reloading the Docs tab fixes this). ${BY_HAND_COPIED}`);
    expect(writeText.mock.calls).toEqual([[COMMENT]]);
    expect(commentBox().value).toBe(COMMENT);
  });

  it('treats a reply it does not understand as the document not being reached', async () => {
    sendMessage.mockResolvedValue({ status: 'posted' });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('couldn’t reach the document'));
    expect(record).not.toHaveBeenCalled();
    expect(commentBox().value).toBe(COMMENT);
    expect(writeText.mock.calls).toEqual([[COMMENT]]);
  });

  it('sends nothing for a second click while the first comment is on its way', async () => {
    const answer = deferredReply();
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await click(button('Post comment'));
    expect(sendMessage).toHaveBeenCalledOnce();
    await answer({ status: 'posted', quote: QUOTE });
    await until(() => status().includes('Comment posted'));
    expect(sendMessage).toHaveBeenCalledOnce();
    expect(record).toHaveBeenCalledOnce();
  });

  it('sends nothing for a second post while the first is on its way, even from a button left enabled', async () => {
    const answer = deferredReply();
    await show({ ...CONFERENCE, focus: 'Leads' }, { ignoreBusy: true });
    await type(COMMENT);
    await click(button('Post comment'));
    expect(button('Post teaching point as comment').getAttribute('aria-disabled')).toBeNull();
    await click(button('Post teaching point as comment'));
    await click(button('Post comment'));
    expect(sendMessage).toHaveBeenCalledOnce();
    expect(status()).toContain('Posting the comment…');
    await answer({ status: 'posted', quote: QUOTE });
    await until(() => status().includes('Comment posted'));
    expect(record.mock.calls).toEqual([[{ text: COMMENT, quote: QUOTE, postedAt: NOW }, 'comment']]);
  });

  it.each([
    ['empty', ''],
    ['only spaces and line breaks', '  \n\t '],
  ])('refuses a comment that is %s, and sends nothing', async (_what, text) => {
    await show();
    await type(text);
    await click(button('Post comment'));
    expect(status()).toContain('There’s nothing to post yet: write the comment first.');
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('says a comment over the limit is too long, refuses it, keeps it, and sends nothing', async () => {
    const long = 'a'.repeat(MAX_COMMENT_LENGTH + 1);
    await show();
    await type(long);
    expect(root.querySelector('#margin-comment-limit')?.textContent).toBe('Too long to post: the limit is 5,000 characters (this is 5,001).');
    expect(commentBox().getAttribute('aria-describedby')).toBe('margin-comment-limit');
    await click(button('Post comment'));
    expect(status()).toContain('That comment is too long to post (the limit is 5,000 characters). Shorten it and try again.');
    expect(sendMessage).not.toHaveBeenCalled();
    expect(commentBox().value).toBe(long);
  });

  it('sends a comment of exactly the limit', async () => {
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    const longest = 'a'.repeat(MAX_COMMENT_LENGTH);
    await show();
    await type(longest);
    expect(root.querySelector('#margin-comment-limit')).toBeNull();
    await click(button('Post comment'));
    await until(() => status().includes('Comment posted'));
    expect(sendMessage.mock.calls).toEqual([[{ type: 'confer:post-comment', text: longest, docId: DOC }]]);
  });

  it('keeps a comment typed but not posted when the panel reloads or the tab is closed, for its own document only', async () => {
    await show();
    await type(COMMENT);
    render(null, root);
    // A closed tab's sessionStorage is gone: the comment is not kept there.
    sessionStorage.clear();
    await show();
    expect(commentBox().value).toBe(COMMENT);
    render(null, root);
    await show(CONFERENCE, { docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' });
    expect(commentBox().value).toBe('');
  });

  it('keeps a comment on screen, and posts it, when this computer’s storage refuses it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Storage turned off for this page: every use of it throws.
    const refuse = (): never => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    onTestFinished(() => void vi.unstubAllGlobals());
    vi.stubGlobal('localStorage', { getItem: refuse, setItem: refuse, removeItem: refuse, key: refuse, get length(): never { return refuse(); } });
    await show();
    expect(commentBox().value).toBe('');
    await type(COMMENT);
    expect(commentBox().value).toBe(COMMENT);
    expect(new Set(warn.mock.calls.map(([message]) => message))).toEqual(new Set(['Confer: could not read the comment kept on this computer.', 'Confer: could not keep the comment on this computer.']));
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    await click(button('Post comment'));
    await until(() => status().includes('Comment posted'));
    expect(sendMessage.mock.calls).toEqual([[{ type: 'confer:post-comment', text: COMMENT, docId: DOC }]]);
  });

  it('follows what another tab on the same document types in its Comment box', async () => {
    await show();
    await type('Mine');
    localStorage.setItem(`confer.unposted-comment.${DOC}`, 'From the other tab');
    await act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: `confer.unposted-comment.${DOC}`, storageArea: localStorage }));
    });
    expect(commentBox().value).toBe('From the other tab');
    // Another document's box, or another storage, changes nothing here.
    localStorage.setItem(`confer.unposted-comment.${DOC}x`, 'Elsewhere');
    await act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: `confer.unposted-comment.${DOC}x`, storageArea: localStorage }));
    });
    expect(commentBox().value).toBe('From the other tab');
  });

  it('does not bring a posted comment back when the panel reloads', async () => {
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    await until(() => status().includes('Comment posted'));
    render(null, root);
    await show();
    expect(commentBox().value).toBe('');
  });

  it('clears the status when dismissed, and gives the keyboard back to the button that posted', async () => {
    sendMessage.mockResolvedValue({ status: 'refused', reason: 'view-only' });
    await show();
    await type(COMMENT);
    await pressWithKeyboard(button('Post comment'));
    await until(() => status().includes('you can only view it, or comments are turned off'));
    await pressWithKeyboard(button('Dismiss'));
    expect(status()).toBe('');
    expect(document.activeElement).toBe(button('Post comment'));
  });

  it('gives the keyboard back to the button of the latest post, when one is made with the last one’s message still up', async () => {
    sendMessage.mockResolvedValue({ status: 'refused', reason: 'view-only' });
    await show({ ...CONFERENCE, nextStep: 'Read it aloud to a partner' });
    await type(COMMENT);
    await pressWithKeyboard(button('Post comment'));
    await until(() => status().includes('you can only view it'));
    await pressWithKeyboard(button('Post teaching point as comment'));
    await until(() => sendMessage.mock.calls.length === 2 && status().includes('you can only view it'));
    await pressWithKeyboard(button('Dismiss'));
    expect(document.activeElement).toBe(button('Post teaching point as comment'));
  });
});

describe('posting the teaching point', () => {
  it('cannot be posted until there is a teaching point or a next step', async () => {
    await show();
    expect(button('Post teaching point as comment').disabled).toBe(true);
    expect(root.querySelector('.teaching-point-comment')?.textContent).toContain('Write a teaching point or next step in the conference above');
    await show({ ...CONFERENCE, nextStep: 'Read it aloud to a partner' });
    expect(button('Post teaching point as comment').disabled).toBe(false);
  });

  it('posts exactly the words shown in the preview, and nothing else from the conference', async () => {
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    await show({ ...CONFERENCE, focus: 'Show, don’t tell, in the goal scene', nextStep: 'Add one sound to the ending' });
    const preview = root.querySelector('.comment-preview')!.textContent;
    expect(preview).toBe('What we worked on today: Show, don’t tell, in the goal scene.\nYour next step: Add one sound to the ending.');
    await click(button('Post teaching point as comment'));
    await until(() => status().includes('Comment posted'));
    expect(sendMessage.mock.calls).toStrictEqual([[{ type: 'confer:post-comment', text: preview, docId: DOC }]]);
    expect(record.mock.calls).toEqual([[{ text: preview, quote: QUOTE, postedAt: NOW }, 'comment']]);
    const sent = JSON.stringify(sendMessage.mock.calls);
    for (const privateWords of [CONFERENCE.research, CONFERENCE.notes, CONFERENCE.compliment]) expect(sent).not.toContain(privateWords);
  });

  it('leaves what the teacher typed in the comment box alone', async () => {
    sendMessage.mockResolvedValue({ status: 'posted', quote: QUOTE });
    await show({ ...CONFERENCE, focus: 'Leads' });
    await type(COMMENT);
    await click(button('Post teaching point as comment'));
    await until(() => status().includes('Comment posted'));
    expect(commentBox().value).toBe(COMMENT);
  });
});

describe('a comment Docs moved away from, as the panel moves with it to another document', () => {
  const OTHER_DOC = '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw';
  const MOVED_AWAY = 'Google Docs moved to another document before your comment was posted, so Confer didn’t post it anywhere.';

  /** Posts a comment, then moves the panel to another document (this part goes, the next comes). */
  async function postThenMove({ answerFirst }: { answerFirst?: unknown } = {}): Promise<(value: unknown) => Promise<void>> {
    const reply = deferredReply();
    await show();
    await type(COMMENT);
    await click(button('Post comment'));
    if (answerFirst !== undefined) await reply(answerFirst);
    await act(() => render(null, root));
    await show(CONFERENCE, { docId: OTHER_DOC });
    return reply;
  }

  it('says so beside the next document when the answer comes after the move', async () => {
    const reply = await postThenMove();
    await reply({ status: 'moved-away' });
    await until(() => status().includes(MOVED_AWAY));
    expect(record).not.toHaveBeenCalled();
  });

  it('says so beside the next document when the answer came just before the move, and only there', async () => {
    await postThenMove({ answerFirst: { status: 'moved-away' } });
    await until(() => status().includes(MOVED_AWAY));
    // Dismissed there, it isn't handed on again.
    await click(button('Dismiss'));
    await act(() => render(null, root));
    await show();
    expect(status()).toBe('');
  });

  it('doesn’t put a comment whose box didn’t open on the clipboard once the panel has moved, and says Docs moved', async () => {
    const reply = await postThenMove();
    await reply({ status: 'composer-did-not-open' });
    await until(() => status().includes(MOVED_AWAY));
    expect(writeText).not.toHaveBeenCalled();
  });

  it('once posted after all, records it with its own conference, and says nothing beside the next document', async () => {
    const reply = await postThenMove();
    await reply({ status: 'posted', quote: QUOTE });
    await until(() => record.mock.calls.length > 0);
    expect(record).toHaveBeenCalledWith({ text: COMMENT, quote: QUOTE, postedAt: NOW }, 'comment');
    expect(status()).toBe('');
  });
});
