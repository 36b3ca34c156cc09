// Samples of Google Docs' markup (late 2026) that every selector in selectors.ts must match.
// When Docs changes, update the sample here together with the selector.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCS_SELECTORS, findOrWarn, type DocsSelectorName } from './selectors';
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

/** What each selector must find in the sample (tag, or a distinguishing attribute). */
const EXPECTED: Record<DocsSelectorName, (element: Element) => boolean> = {
  chrome: (element) => element.getAttribute('role') === 'banner',
  titleBar: (element) => element.querySelector('#docs-title-widget') !== null,
  toolbar: (element) => element.getAttribute('role') === 'toolbar',
  editor: (element) => element.firstElementChild?.id === 'kix-appview',
  companionRail: (element) => element.tagName === 'DIV',
  textEventFrame: (element) => element.tagName === 'IFRAME' && element.parentElement === document.body,
  titleInput: (element) => element instanceof HTMLInputElement && element.value.startsWith('Maya'),
  titleLabel: (element) => element.textContent === 'Maya Okafor - Personal Narrative',
};

/** Puts the sample in the test document (parsed inertly: scripts in it would not run). */
function loadSample(): void {
  const parsed = new DOMParser().parseFromString(DOCS_SAMPLE, 'text/html');
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
  it.each(Object.keys(DOCS_SELECTORS) as DocsSelectorName[])('"%s" matches exactly one element of the Docs sample', (name) => {
    loadSample();
    const found = document.querySelectorAll(DOCS_SELECTORS[name]);
    expect(found).toHaveLength(1);
    expect(EXPECTED[name](found[0]!)).toBe(true);
  });

  it('findOrWarn names the selector in a console warning when Docs has changed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(findOrWarn(document, 'editor', 'the panel may cover the document')).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"editor" (#docs-editor) not found; the panel may cover the document'));
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
