/**
 * Every piece of Google Docs' DOM that Confer relies on, in one place.
 *
 * Google changes these internals without notice. When Docs changes, this file is where it gets
 * fixed; `selectors.test.ts` beside it keeps a sample of the markup each one must match.
 * Callers use `findOrWarn` so that a selector finding nothing is a console warning naming it
 * (and, where the teacher is affected, a message in the panel) — never a silent no-op.
 */

export const DOCS_SELECTORS = {
  /**
   * Title bar, menus and toolbar across the top. Docs gives it an inline width from the window
   * size; the layout module narrows it so the panel never covers the toolbar or the title.
   */
  chrome: '#docs-chrome',
  /** The title bar row (title, star, "Share"): checked for overlap in the e2e tests. */
  titleBar: '#docs-titlebar-container',
  /** The toolbar row (undo … "Add comment"): checked for overlap in the e2e tests. */
  toolbar: '#docs-toolbar',
  /**
   * The editor: everything under the toolbar (pages, comment margin). Docs sets its inline width
   * from the window on load and on `resize`, then lays the pages out inside it; narrowing it and
   * firing `resize` makes Docs re-centre the page and its comment margin in the narrower space.
   */
  editor: '#docs-editor',
  /**
   * The right rail of Google apps (Calendar, Keep, Tasks). It is pinned to the window's right
   * edge, so it has to be moved left of the panel separately.
   */
  companionRail: '.docs-companion-app-switcher-container',
  /**
   * The hidden same-origin frame that receives the teacher's keystrokes while the document has
   * focus (the top page never sees them). Listened to for Confer's own shortcut (lib/shortcut.ts).
   */
  textEventFrame: 'iframe.docs-texteventtarget-iframe',
  /**
   * The text box inside `textEventFrame` (in the frame's own document) that has the keystroke
   * focus. Docs' comment shortcut (Ctrl+Alt+M) is pressed here; a `copy` event dispatched here is
   * filled with the selected words (the "copy trick" for reading the teacher's selection).
   */
  textEventTarget: '[contenteditable="true"]',
  /** The title as an input (its `value`), when the document is editable. */
  titleInput: 'input.docs-title-input',
  /** The title as text (its `textContent`): present in view-only documents too. */
  titleLabel: '#docs-title-input-label-inner',
} as const;

/**
 * Docs' comment box and what opens it. Needed only when the teacher posts a comment (by the
 * comment poster, loaded then), so they are kept apart from the selectors above, which the scripts
 * that run on every Docs page load carry.
 */
export const DOCS_COMMENT_SELECTORS = {
  /**
   * The toolbar's "Add comment" button. `aria-disabled="true"` (or missing) when the teacher may
   * not comment (view-only). It acts on a mousedown + mouseup over it, not on `.click()`.
   */
  commentButton: '#insertCommentButton',
  /** The menu bar's "Insert" menu: opens on a mousedown (a second one closes it). */
  insertMenu: '#docs-insert-menu',
  /**
   * An item of an open menu. Insert > Comment is found by its shortcut hint (see
   * COMMENT_SHORTCUT_HINTS in comments.ts), which reads the same in every language's menu.
   */
  menuItem: '.goog-menuitem[role="menuitem"]',
  /** "Request edit access" in the title bar: only on documents the teacher can only view. */
  requestAccessButton: '.titlebar-request-access-button',
  /** A comment card in the margin: an open draft, or a posted thread. */
  commentCard: '.docos-anchoreddocoview',
  /**
   * A comment draft's text box: the contenteditable of current Docs, or the older `<textarea>`.
   * (Not by its aria-label "Comment draft": that is translated.)
   */
  commentDraft: 'div.docos-input-textarea.docos-input-contenteditable[role="textbox"], textarea.docos-input-textarea',
  /** A draft's "Comment" button: `aria-disabled="true"` until Docs has taken the draft's text. */
  commentPostButton: '.docos-input-buttons-post',
  /** The text of a posted comment (or reply) in a thread card: how a posted comment is verified. */
  commentBody: '.docos-replyview-body',
} as const;

type SelectorMap = Readonly<Record<string, string>>;
export type DocsSelectorName = keyof typeof DOCS_SELECTORS;
export type DocsCommentSelectorName = keyof typeof DOCS_COMMENT_SELECTORS;

/**
 * Finds a Docs element; when it is missing, warns in the console with the selector's name so the
 * breakage can be traced to this file. `selectors`: the map `name` is in (DOCS_SELECTORS unless
 * given, e.g. DOCS_COMMENT_SELECTORS).
 */
export function findOrWarn<E extends Element = HTMLElement, M extends SelectorMap = typeof DOCS_SELECTORS>(
  root: ParentNode,
  name: keyof M & string,
  why: string,
  selectors: M = DOCS_SELECTORS as SelectorMap as M,
): E | null {
  const found = root.querySelector<E>(selectors[name]!);
  if (found === null) warnMissing(name, why, selectors, 'not found');
  return found;
}

/**
 * The console warning for a Docs element that isn't there, naming its selector. `how`: "not
 * found" when looked up once, or what Confer waited for (an element Docs should have shown).
 */
export function warnMissing<M extends SelectorMap>(name: keyof M & string, why: string, selectors: M, how = 'not found'): void {
  console.warn(`Confer: Google Docs element "${name}" (${selectors[name]}) ${how}; ${why}.`);
}
