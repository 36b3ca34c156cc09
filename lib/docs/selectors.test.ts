// Samples of Google Docs' markup (late 2026) that every selector in selectors.ts must match.
// When Docs changes, update the sample here together with the selector.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCS_COMMENT_SELECTORS, DOCS_SELECTORS, findOrWarn, type DocsCommentSelectorName, type DocsSelectorName } from './selectors';
import { readDocumentTitle } from './title';

const DOCS_SAMPLE = `
<div id="docs-chrome" role="banner" style="width: 1280px;">
  <div id="docs-titlebar-container">
    <div id="docs-title-widget">
      <input class="docs-title-input" type="text" value="Maya Okafor - Personal Narrative" aria-label="Rename" />
      <div class="docs-title-input-label"><span id="docs-title-input-label-inner">Maya Okafor - Personal Narrative</span></div>
    </div>
  </div>
  <div id="docs-menubar" role="menubar"><div id="docs-insert-menu" role="menuitem">Insert</div></div>
  <div id="docs-toolbar-wrapper"><div id="docs-toolbar" role="toolbar">
    <div id="insertCommentButton" role="button" aria-label="Add comment (Ctrl+Alt+M)" aria-disabled="false"></div>
  </div></div>
</div>
<div id="docs-editor-container"><div id="docs-editor" style="width: 1280px;"><div id="kix-appview">
  <div class="kix-appview-editor-container"><div class="kix-appview-editor">
    <div class="kix-page-paginated"><canvas class="kix-canvas-tile-content"></canvas></div>
  </div></div>
</div></div></div>
<div class="docs-companion-app-switcher-container"></div>
<iframe class="docs-texteventtarget-iframe" tabindex="-1" title="Rich Text Area"></iframe>`;

/** Docs' keystroke frame's own document (the frame is same-origin and Docs writes its body). */
const TEXT_EVENT_FRAME_SAMPLE = `<div contenteditable="true" role="textbox" aria-label="Document content" spellcheck="false"></div>`;

/**
 * The margin while commenting: one draft open (current Docs' contenteditable, with its disabled
 * "Comment" button), one posted thread; the title bar of a document the teacher can only view; and
 * an open menu.
 */
const COMMENTS_SAMPLE = `
<div class="titlebar-request-access-button" role="button">Request edit access</div>
<div class="goog-menu goog-menu-vertical" role="menu">
  <div class="goog-menuitem" role="menuitem"><span class="goog-menuitem-label">Link</span><span class="goog-menuitem-accel">Ctrl+K</span></div>
  <div class="goog-menuitem" role="menuitem"><span class="goog-menuitem-label">Comment</span><span class="goog-menuitem-accel">Ctrl+Alt+M</span></div>
</div>
<div class="docos-stream-view">
  <div class="docos-anchoreddocoview docos-docoview-active" role="region">
    <div class="docos-anchoreddocoview-content"><div class="docos-anchoreddocoview-input-pane"><div class="docos-input">
      <div class="docos-input-textarea docos-input-contenteditable" contenteditable="true" role="textbox" aria-label="Comment draft" aria-multiline="true"></div>
      <div class="docos-input-buttons">
        <div class="jfk-button jfk-button-action docos-input-post docos-input-buttons-post jfk-button-disabled" role="button" aria-disabled="true">Comment</div>
        <div class="jfk-button jfk-button-standard docos-input-cancel docos-input-buttons-cancel" role="button" aria-label="Discard comment">Cancel</div>
      </div>
    </div></div></div>
  </div>
  <div class="docos-anchoreddocoview" role="region">
    <div class="docos-anchoreddocoview-content"><div class="docos-anchoredreplyview">
      <div class="docos-anchoredreplyview-author">Ms. Rivera</div>
      <div class="docos-replyview-body docos-anchoredreplyview-body" dir="auto">Your first line drops me right into the game.</div>
    </div></div>
  </div>
</div>`;

interface Expectation {
  sample: string;
  /** How many elements it must find there (1 unless said). */
  count?: number;
  /** Tag, or a distinguishing attribute, of what it finds. */
  check(element: Element): boolean;
}

/** Every selector, from both maps. */
const ALL_SELECTORS = { ...DOCS_SELECTORS, ...DOCS_COMMENT_SELECTORS };
type SelectorName = DocsSelectorName | DocsCommentSelectorName;

/** What each selector must find, and in which sample. */
const EXPECTED: Record<SelectorName, Expectation> = {
  chrome: { sample: DOCS_SAMPLE, check: (element) => element.getAttribute('role') === 'banner' },
  titleBar: { sample: DOCS_SAMPLE, check: (element) => element.querySelector('#docs-title-widget') !== null },
  toolbar: { sample: DOCS_SAMPLE, check: (element) => element.getAttribute('role') === 'toolbar' },
  editor: { sample: DOCS_SAMPLE, check: (element) => element.firstElementChild?.id === 'kix-appview' },
  companionRail: { sample: DOCS_SAMPLE, check: (element) => element.tagName === 'DIV' },
  textEventFrame: { sample: DOCS_SAMPLE, check: (element) => element.tagName === 'IFRAME' && element.parentElement === document.body },
  textEventTarget: { sample: TEXT_EVENT_FRAME_SAMPLE, check: (element) => element.getAttribute('role') === 'textbox' },
  commentButton: { sample: DOCS_SAMPLE, check: (element) => element.getAttribute('aria-label')!.startsWith('Add comment') },
  insertMenu: { sample: DOCS_SAMPLE, check: (element) => element.textContent === 'Insert' },
  menuItem: { sample: COMMENTS_SAMPLE, count: 2, check: (element) => element.querySelector('.goog-menuitem-accel') !== null },
  requestAccessButton: { sample: COMMENTS_SAMPLE, check: (element) => element.textContent === 'Request edit access' },
  commentCard: { sample: COMMENTS_SAMPLE, count: 2, check: (element) => element.getAttribute('role') === 'region' },
  commentDraft: { sample: COMMENTS_SAMPLE, check: (element) => element.getAttribute('contenteditable') === 'true' },
  commentPostButton: { sample: COMMENTS_SAMPLE, check: (element) => element.textContent === 'Comment' },
  commentBody: { sample: COMMENTS_SAMPLE, check: (element) => element.textContent!.startsWith('Your first line') },
  titleInput: { sample: DOCS_SAMPLE, check: (element) => element instanceof HTMLInputElement && element.value.startsWith('Maya') },
  titleLabel: { sample: DOCS_SAMPLE, check: (element) => element.textContent === 'Maya Okafor - Personal Narrative' },
};

/** Puts a sample in the test document (parsed inertly: scripts in it would not run). */
function loadSample(sample = DOCS_SAMPLE): void {
  const parsed = new DOMParser().parseFromString(sample, 'text/html');
  document.body.append(...parsed.body.childNodes);
}

/** A view-only document's title label, with `text` in it. */
function addTitleLabel(text: string): void {
  const label = document.createElement('span');
  label.id = 'docs-title-input-label-inner';
  label.textContent = text;
  document.body.append(label);
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('Docs selectors', () => {
  it.each(Object.keys(ALL_SELECTORS) as SelectorName[])('"%s" finds what it is for in its Docs sample, and nothing else', (name) => {
    const { sample, count = 1, check } = EXPECTED[name];
    loadSample(sample);
    const found = [...document.querySelectorAll(ALL_SELECTORS[name])];
    expect(found).toHaveLength(count);
    expect(found.every(check)).toBe(true);
  });

  it('finds the older <textarea> comment draft too', () => {
    loadSample('<div class="docos-input"><textarea class="docos-input-textarea" aria-label="Comment draft"></textarea></div>');
    expect(document.querySelectorAll(DOCS_COMMENT_SELECTORS.commentDraft)).toHaveLength(1);
  });

  it('findOrWarn names the selector in a console warning when Docs has changed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(findOrWarn(document, 'editor', 'the panel may cover the document')).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"editor" (#docs-editor) not found; the panel may cover the document'));
    expect(findOrWarn(document, 'insertMenu', 'Confer can’t use Insert > Comment', DOCS_COMMENT_SELECTORS)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"insertMenu" (#docs-insert-menu) not found; Confer can’t use Insert > Comment'));
  });

  it('no selector is in both maps (each has one home)', () => {
    expect(Object.keys(DOCS_SELECTORS).filter((name) => name in DOCS_COMMENT_SELECTORS)).toEqual([]);
  });
});

describe('reading the title', () => {
  it('prefers the title input, which follows a rename as it is typed', () => {
    loadSample();
    document.querySelector<HTMLInputElement>('input.docs-title-input')!.value = 'Maya Okafor - Narrative (final)';
    expect(readDocumentTitle(document)).toEqual({ title: 'Maya Okafor - Narrative (final)', fromTabTitle: false });
  });

  it('falls back to the label in view-only documents', () => {
    addTitleLabel('  Theo Lindqvist - Lost on the Ferry ');
    expect(readDocumentTitle(document)).toEqual({ title: 'Theo Lindqvist - Lost on the Ferry', fromTabTitle: false });
  });

  it('uses the tab title, and says so, when Docs has no title element any more', () => {
    document.title = 'Priya Raman - Poetry - Google Docs';
    expect(readDocumentTitle(document)).toEqual({ title: 'Priya Raman - Poetry', fromTabTitle: true });
  });

  it('keeps hostile markup in a title as plain text', () => {
    addTitleLabel('Sam <img src=x onerror=alert(1)> - Letter');
    expect(readDocumentTitle(document).title).toBe('Sam <img src=x onerror=alert(1)> - Letter');
    expect(document.querySelector('img')).toBeNull();
  });
});
