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
 * No conference notes ever travel on these channels: they stay in the extension's own pages.
 */
import type { DocRef } from './doc-ref';

/** Things the content script noticed about the Docs page that the teacher should be told. */
export const PAGE_PROBLEMS = {
  /** Docs' editor or top bar was not found, or would not narrow: the panel may cover the page. */
  'layout-not-adjusted':
    'Confer couldn’t make room beside this document, so the panel may cover part of it. Google Docs may have changed; try reloading the page.',
  /** No title element: the document's title was read from the browser tab instead. */
  'title-not-found':
    'Confer couldn’t find the document’s title on the page, so it used the browser tab’s title.',
} as const;
export type PageProblem = keyof typeof PAGE_PROBLEMS;

// ── content script → background ────────────────────────────────────────────────────────────────
export type ContentToBackground = {
  /** The document, its tab or its title changed (or the content script just started). */
  type: 'confer:page-changed';
  title: string | null;
  problems: PageProblem[];
};

// ── background → content script ────────────────────────────────────────────────────────────────
export type BackgroundToContent =
  /** The toolbar button or Alt+Shift+C: open the panel if closed, close it if open. */
  | { type: 'confer:toggle-panel' }
  /** A panel just loaded and asks what the page looks like now. Answered with a PageReport. */
  | { type: 'confer:report-page' }
  /** The teacher pressed Alt+Shift+C inside the panel: close it and hand focus back to the page. */
  | { type: 'confer:close-panel' };

export type PageReport = Omit<ContentToBackground, 'type'>;

// ── panel → background ─────────────────────────────────────────────────────────────────────────
export type PanelToBackground =
  /** "Which document am I beside?" Answered with a PanelContext. */
  | { type: 'confer:get-context' }
  /** The teacher pressed Alt+Shift+C inside the panel. */
  | { type: 'confer:close-panel' };

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
  const { title, problems } = value as Record<string, unknown>;
  if (title !== null && (typeof title !== 'string' || title.length > MAX_TITLE_LENGTH)) return null;
  if (!Array.isArray(problems) || problems.length > Object.keys(PAGE_PROBLEMS).length) return null;
  if (!problems.every(isPageProblem)) return null;
  return { title, problems: [...new Set(problems)] };
}

/** Validates a message from the content script (see `parsePageReport`). */
export function parseContentMessage(value: unknown): ContentToBackground | null {
  if (typeof value !== 'object' || value === null) return null;
  if ((value as { type?: unknown }).type !== 'confer:page-changed') return null;
  const report = parsePageReport(value);
  return report && { type: 'confer:page-changed', ...report };
}

export function isBackgroundToContent(value: unknown): value is BackgroundToContent {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'confer:toggle-panel' || type === 'confer:report-page' || type === 'confer:close-panel';
}

export function isPanelToBackground(value: unknown): value is PanelToBackground {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'confer:get-context' || type === 'confer:close-panel';
}

export function isBackgroundToPanel(value: unknown): value is BackgroundToPanel {
  return (value as { type?: unknown } | null)?.type === 'confer:context-changed';
}
