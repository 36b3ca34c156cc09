import { afterEach, describe, expect, it } from 'vitest';
import { addStyleElement, addStyleSheet, adoptStyleSheet } from './style-sheet';

afterEach(() => {
  document.adoptedStyleSheets = [];
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('a style sheet Confer adds to the page', () => {
  it('in Chrome is an adopted sheet, nothing in the DOM, rewritten in place and removed entirely', () => {
    const added = adoptStyleSheet(document, '#docs-editor { width: 10px !important; }');
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(document.querySelector('style')).toBeNull();
    added.replace('#docs-editor { width: 20px !important; }');
    expect(document.adoptedStyleSheets[0]!.cssRules[0]!.cssText).toContain('20px');
    added.remove();
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('in Firefox (which refuses adopted sheets from content scripts) is a <style> element, rewritten and removed the same way', () => {
    const added = addStyleElement(document, '#docs-editor { width: 10px !important; }');
    const style = document.head.querySelector('style');
    expect(style?.textContent).toBe('#docs-editor { width: 10px !important; }');
    added.replace('#docs-editor { width: 20px !important; }');
    expect(style?.textContent).toBe('#docs-editor { width: 20px !important; }');
    added.remove();
    expect(document.querySelector('style')).toBeNull();
  });

  it('in Firefox goes inside a shadow root as a <style> there, not in the page', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    addStyleElement(root, ':host { all: initial; }');
    expect(root.querySelector('style')?.textContent).toBe(':host { all: initial; }');
    expect(document.querySelector('style')).toBeNull();
  });

  it('is the Chrome way in this (Chrome) build', () => {
    addStyleSheet(document, 'body { margin: 0; }');
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(document.querySelector('style')).toBeNull();
  });
});
