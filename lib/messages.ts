/**
 * Every message Confer sends between its three contexts, one map per channel:
 *
 *   content script ──ContentToBackground──▶ background ──BackgroundToPanel──▶ panel(s)
 *   content script ◀──BackgroundToContent── background ◀──PanelToBackground── panel
 *
 * The content script lives in the Google Docs page's process, so the background validates what it
 * says at runtime (`parseContentMessage`) and trusts only what the browser itself supplies about
 * the sender (`sender.tab.url`, `sender.frameId`). The panel never talks to the page: it learns
 * which document it sits beside from the background, so a forged `postMessage` cannot change it.
 *
 * No conference notes ever travel on these channels: they stay in the extension's own pages. The
 * one piece of the teacher's writing that does is a margin comment being posted, and only the
 * exact text the teacher chose to post (`confer:post-comment`).
 */
import { isDocRef, type DocRef } from './doc-ref';
import { toggleShortcutLabel } from './shortcut';
import type { OpeningView } from './notebook/notebook';

/** Things the content script noticed about the Docs page that the teacher should be told. */
export const PAGE_PROBLEMS = {
  /** Docs' editor or top bar was not found, or would not narrow: the panel may cover the page. */
  'layout-not-adjusted':
    'Confer couldn’t make room beside this document, so the panel may cover part of it. Google Docs may have changed; try reloading the page.',
  /** No title element: the document's title was read from the browser tab instead. */
  'title-not-found':
    'Confer couldn’t find the document’s title on the page, so it used the browser tab’s title.',
  /** No keystroke frame once the page has loaded: the shortcut typed in the document goes to Docs. */
  'shortcut-not-in-text':
    `${toggleShortcutLabel()} can’t open or close Confer while you type in this document: Google Docs may have changed. Click Docs’ toolbar first, or use Confer’s button in the browser toolbar.`,
} as const;
export type PageProblem = keyof typeof PAGE_PROBLEMS;

// ── content script → background ────────────────────────────────────────────────────────────────
export type ContentToBackground = {
  /** The document, its tab or its title changed (or the content script just started). */
  type: 'confer:page-changed';
  title: string | null;
  problems: PageProblem[];
  /**
   * Docs has moved to this document but still shows the last one's title: `title` is `null` and
   * is still to come (the panel shows it as pending, as while Docs' page is parsed).
   */
  titlePending?: true;
};

// ── background → content script ────────────────────────────────────────────────────────────────
export type BackgroundToContent =
  /** The toolbar button or the shortcut (lib/shortcut.ts): open the panel if closed, close it if open. */
  | { type: 'confer:toggle-panel' }
  /**
   * A panel just loaded and asks what the page looks like now. Answered with a PageReport once
   * Docs' page is parsed (the panel is told meanwhile that the title is still to come).
   */
  | { type: 'confer:report-page' }
  /** The teacher pressed the shortcut inside the panel: close it and hand focus back to the page. */
  | { type: 'confer:close-panel' }
  /**
   * Post `text` as a margin comment on the teacher's selection, in document `docId` only (the one
   * the panel sits beside). Answered with a CommentOutcome.
   */
  | PostCommentRequest;

export interface PostCommentRequest {
  type: 'confer:post-comment';
  text: string;
  docId: string;
}

export type PageReport = Omit<ContentToBackground, 'type'>;

// ── panel → background ─────────────────────────────────────────────────────────────────────────
export type PanelToBackground =
  /** "Which document am I beside?" Answered with a PanelContext. */
  | { type: 'confer:get-context' }
  /**
   * "What do I show first?" Answered with `{ opening: OpeningView }` for the panel's own document
   * once the background has read it ahead (opening-views.ts), or `{ opening: null }`.
   */
  | { type: 'confer:get-opening' }
  /** The teacher pressed the shortcut inside the panel. */
  | { type: 'confer:close-panel' }
  /**
   * Open the notebook page (back up, restore, CSV, delete every note) in a tab. The background
   * does it: Firefox gives a panel framed in Docs no runtime.openOptionsPage.
   */
  | { type: 'confer:open-notebook-page' }
  /** Post `text` in the margin of this panel's document, `docId`. Answered with a CommentOutcome. */
  | PostCommentRequest;

/** Why a comment was not even started: nothing was done in the document. */
export type CommentRefusal =
  /** Nothing is selected and the caret is not in a word. */
  | 'no-selection'
  /** The teacher can only view this document (or comments are turned off). */
  | 'view-only'
  /** A comment draft with text in it is already open in the margin: it is the teacher's, left alone. */
  | 'draft-open'
  /** The Docs tab is not the one showing. */
  | 'tab-hidden'
  /** A comment is already being posted in this tab. */
  | 'busy';

/** What happened to a comment the panel asked to post. */
export type CommentOutcome =
  /** Posted, and seen in the margin with exactly the text; `quote` is the words it is anchored to. */
  | { status: 'posted'; quote: string }
  | { status: 'refused'; reason: CommentRefusal }
  /** Docs' comment box did not open (shortcut and toolbar button tried): nothing is in the document. */
  | { status: 'composer-did-not-open' }
  /**
   * Docs' comment box opened but its "Comment" button never became available. `filled`: the text
   * is in the box (the teacher presses "Comment"); otherwise the box is empty (the teacher pastes).
   * The box has the keyboard focus either way.
   */
  | { status: 'left-in-draft'; filled: boolean }
  /** "Comment" was pressed, but the comment did not appear in the margin in time: it may or may not be posted. */
  | { status: 'unconfirmed' }
  /**
   * Docs moved to another document (in the same tab) before "Comment" was pressed: nothing was
   * posted, and nothing of the text is left in the other document.
   */
  | { status: 'moved-away' }
  /** The Docs tab did not answer (reloaded, or Confer was updated): nothing is in the document. */
  | { status: 'unreachable' };

// ── background → panel(s) ──────────────────────────────────────────────────────────────────────
export type BackgroundToPanel = {
  /** Sent to every extension page; a panel keeps only the one for its own tab. */
  type: 'confer:context-changed';
  context: PanelContext;
};

/** What a panel knows about the page it sits beside. */
export interface PanelContext {
  /** The browser tab the panel is in (from the browser, not the page). */
  tabId: number;
  /** The document, from the tab's URL as the browser reports it; `null` when not a document. */
  doc: DocRef | null;
  /** The document's title as the page shows it (untrusted text: display only, never markup). */
  title: string | null;
  problems: PageProblem[];
  /**
   * The page has not said its title or problems yet (Docs' page is still being parsed): `title`
   * is not known, rather than missing. The page's report follows as a `confer:context-changed`.
   */
  pending: boolean;
}

/** Titles can be long, but nothing legitimate is this long. */
export const MAX_TITLE_LENGTH = 2000;

function isPageProblem(value: unknown): value is PageProblem {
  return typeof value === 'string' && Object.hasOwn(PAGE_PROBLEMS, value);
}

/**
 * Validates a page report coming from the content script. Anything unexpected is refused
 * (`null`) rather than repaired: the content script is ours, so a bad shape means tampering.
 */
export function parsePageReport(value: unknown): PageReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const { title, problems, titlePending } = value as Record<string, unknown>;
  if (title !== null && (typeof title !== 'string' || title.length > MAX_TITLE_LENGTH)) return null;
  if (!Array.isArray(problems) || problems.length > Object.keys(PAGE_PROBLEMS).length) return null;
  if (!problems.every(isPageProblem)) return null;
  if (titlePending !== undefined && (titlePending !== true || title !== null)) return null;
  return { title, problems: [...new Set(problems)], ...(titlePending && { titlePending }) };
}

/** Validates a message from the content script (see `parsePageReport`). */
export function parseContentMessage(value: unknown): ContentToBackground | null {
  if (typeof value !== 'object' || value === null) return null;
  if ((value as { type?: unknown }).type !== 'confer:page-changed') return null;
  const report = parsePageReport(value);
  return report && { type: 'confer:page-changed', ...report };
}

/** The longest margin comment Confer posts (the notebook keeps at most this much of one). */
export const MAX_COMMENT_LENGTH = 5000;

/** Comment text worth posting: a string with something other than spaces in it, not too long. */
export function isCommentText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_COMMENT_LENGTH;
}

function isPostComment(value: unknown): boolean {
  const { type, text, docId } = value as Partial<Record<keyof PostCommentRequest, unknown>>;
  return type === 'confer:post-comment' && isCommentText(text) && typeof docId === 'string';
}

export function isBackgroundToContent(value: unknown): value is BackgroundToContent {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'confer:toggle-panel' || type === 'confer:report-page' || type === 'confer:close-panel' || isPostComment(value);
}

export function isPanelToBackground(value: unknown): value is PanelToBackground {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'confer:get-context' || type === 'confer:get-opening' || type === 'confer:close-panel' || type === 'confer:open-notebook-page' || isPostComment(value);
}

const REFUSALS: readonly CommentRefusal[] = ['no-selection', 'view-only', 'draft-open', 'tab-hidden', 'busy'];
/** Quoted words longer than this are cut (the page decides what they are: display only). Matches LIMITS.commentText. */
export const MAX_QUOTE_LENGTH = 5000;

/**
 * Validates the content script's answer to `confer:post-comment` (it comes from the Docs page's
 * process). Anything unexpected is `null`, which the caller treats as "the tab did not answer".
 */
export function parseCommentOutcome(value: unknown): CommentOutcome | null {
  if (typeof value !== 'object' || value === null) return null;
  const outcome = value as Record<string, unknown>;
  switch (outcome.status) {
    case 'posted':
      return typeof outcome.quote === 'string' ? { status: 'posted', quote: outcome.quote.slice(0, MAX_QUOTE_LENGTH) } : null;
    case 'refused':
      return REFUSALS.includes(outcome.reason as CommentRefusal) ? { status: 'refused', reason: outcome.reason as CommentRefusal } : null;
    case 'left-in-draft':
      return typeof outcome.filled === 'boolean' ? { status: 'left-in-draft', filled: outcome.filled } : null;
    case 'composer-did-not-open':
    case 'unconfirmed':
    case 'unreachable':
    case 'moved-away':
      return { status: outcome.status };
    default:
      return null;
  }
}

/** Validates which document a panel sits beside, as the background tells it (see below). */
export function parsePanelContext(value: unknown): PanelContext | null {
  if (typeof value !== 'object' || value === null) return null;
  const { tabId, doc, pending } = value as Record<string, unknown>;
  if (typeof tabId !== 'number' || !Number.isSafeInteger(tabId) || tabId < 0) return null;
  if (doc !== null && !isDocRef(doc)) return null;
  if (typeof pending !== 'boolean') return null;
  const report = parsePageReport(value);
  return report && { tabId, doc: doc === null ? null : { docId: doc.docId, accountSlot: doc.accountSlot, tab: doc.tab }, ...report, pending };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The background's answer to `confer:get-opening` (see opening-views.ts), for this document only.
 * The background is Confer's own and read the records through the notebook's checks; this checks
 * that the answer has the expected shape and is about the document the panel sits beside.
 */
export function parseOpeningView(reply: unknown, docId: string): OpeningView | null {
  if (!isObject(reply) || !isObject(reply.opening)) return null;
  const { opening } = reply;
  const { history, draft, suggestedName } = opening;
  if (opening.docId !== docId || !(suggestedName === null || typeof suggestedName === 'string') || !(draft === null || isObject(draft))) return null;
  if (!isObject(history) || !Array.isArray(history.students) || !Array.isArray(history.conferences) || !(history.document === null || isObject(history.document))) return null;
  if (!isObject(history.others) || !Array.isArray(history.others.conferences) || !Array.isArray(history.others.documents) || !(history.suggested === null || isObject(history.suggested))) return null;
  return opening as unknown as OpeningView;
}

/** Who sent a runtime message, as the browser says (the fields Confer looks at). */
export interface MessageSender {
  id?: string;
  tab?: unknown;
}

/**
 * A panel's update from the background, or `null`. A content script's `runtime.sendMessage`
 * reaches every extension page too, the panels in Docs tabs included, so the sender must be the
 * extension itself with no tab (the background), never a page's content script: otherwise a
 * compromised Docs page could make a panel show, and file notes under, another student's document.
 */
export function parseBackgroundToPanel(value: unknown, sender: MessageSender, extensionId: string): BackgroundToPanel | null {
  if (sender.id !== extensionId || sender.tab !== undefined) return null;
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'confer:context-changed') return null;
  const context = parsePanelContext((value as { context?: unknown }).context);
  return context && { type: 'confer:context-changed', context };
}
