/**
 * Switching layout.css's rules on and off in Docs' page. (Whether Docs then really fits beside the
 * panel, re-laid out by its own JavaScript, is checked in real Chromium: tests/e2e/layout.test.mjs.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOM_ATTRIBUTE, ROOM_PROPERTY, createDocsLayout } from './layout';
import { DOCS_SELECTORS } from './selectors';

const html = document.documentElement;
afterEach(() => {
  html.removeAttribute('style');
  html.removeAttribute(ROOM_ATTRIBUTE);
});

describe('the room for the panel in Docs’ layout', () => {
  it('is made by the manifest style sheet for each of Docs’ parts it has to narrow or move', () => {
    const rules = readFileSync(resolve(import.meta.dirname, 'layout.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const part of [DOCS_SELECTORS.chrome, DOCS_SELECTORS.editor, DOCS_SELECTORS.companionRail]) {
      expect(rules).toContain(`html[${ROOM_ATTRIBUTE}] ${part}`);
    }
    expect(rules.match(/var\(--confer-room\)/g)).toHaveLength(3);
    expect(ROOM_PROPERTY).toBe('--confer-room');
  });

  it('is switched on with its width, follows a new width, and is switched off leaving <html> as it was', () => {
    const controller = new AbortController();
    const layout = createDocsLayout(window, { onChecked: vi.fn(), signal: controller.signal });
    layout.reserve(360);
    expect(html.hasAttribute(ROOM_ATTRIBUTE)).toBe(true);
    expect(html.style.getPropertyValue(ROOM_PROPERTY)).toBe('360px');
    layout.reserve(299.6);
    expect(html.style.getPropertyValue(ROOM_PROPERTY)).toBe('300px');
    layout.restore();
    expect(html.hasAttribute(ROOM_ATTRIBUTE)).toBe(false);
    expect(html.hasAttribute('style')).toBe(false);
    controller.abort();
  });

  it('keeps a style Docs gave <html> itself, and gives the room back when the content script stops', () => {
    html.style.setProperty('color-scheme', 'light');
    const controller = new AbortController();
    const relayouts = vi.fn();
    window.addEventListener('resize', relayouts);
    try {
      const layout = createDocsLayout(window, { onChecked: vi.fn(), signal: controller.signal });
      layout.reserve(400);
      controller.abort();
      expect(html.hasAttribute(ROOM_ATTRIBUTE)).toBe(false);
      expect(html.getAttribute('style')).toBe('color-scheme: light;');
      // Docs is asked to lay itself out again in the room it has back.
      expect(relayouts).toHaveBeenCalledTimes(1);
    } finally {
      window.removeEventListener('resize', relayouts);
    }
  });
});
