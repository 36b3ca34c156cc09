import { afterEach, describe, expect, it } from 'vitest';
import { addStyleElement, addStyleSheet, adoptStyleSheet } from './style-sheet';

afterEach(() => {
  document.body.replaceChildren();
});

const shadowRoot = (): ShadowRoot => {
  const host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
};

describe('the dock’s style sheet', () => {
  it('in Chrome is adopted by the dock’s shadow root: nothing in the DOM, nothing in the page', () => {
    const root = shadowRoot();
    adoptStyleSheet(root, ':host { all: initial; }');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.adoptedStyleSheets[0]!.cssRules[0]!.cssText).toContain('all: initial');
    expect(root.querySelector('style')).toBeNull();
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('in Firefox (which refuses adopted sheets from content scripts) is a <style> inside the shadow root, not in the page', () => {
    const root = shadowRoot();
    addStyleElement(root, ':host { all: initial; }');
    expect(root.querySelector('style')?.textContent).toBe(':host { all: initial; }');
    expect(document.querySelector('style')).toBeNull();
  });

  it('is the Chrome way in this (Chrome) build', () => {
    const root = shadowRoot();
    addStyleSheet(root, ':host { margin: 0; }');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
  });
});
