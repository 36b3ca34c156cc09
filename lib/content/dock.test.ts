/**
 * about:blank frames load locally (happy-dom otherwise logs every frame it skips as an error).
 * @vitest-environment-options { "settings": { "enableIframePageLoading": true } }
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDock, type DockOptions } from './dock';
import { DEFAULT_DOCK_PREFS, MAX_PANEL_WIDTH, MIN_PANEL_WIDTH } from './dock-prefs';

// (about:blank: happy-dom does not load frames; the real panel URL is checked in the e2e tests.)
const PANEL_URL = 'about:blank';

function setUp(overrides: Partial<DockOptions> = {}) {
  const controller = new AbortController();
  const options = { panelUrl: PANEL_URL, onToggle: vi.fn(), onResize: vi.fn(), signal: controller.signal, ...overrides };
  const dock = createDock(document, options);
  const host = document.querySelector('confer-dock') as HTMLElement;
  const root = host.shadowRoot!;
  return {
    dock,
    options,
    controller,
    host,
    toggle: root.querySelector('button')!,
    grip: root.querySelector<HTMLElement>('[role=separator]')!,
    frame: root.querySelector('iframe')!,
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the dock', () => {
  it('frames the panel page, titled so assistive technology can name it', () => {
    const { frame } = setUp();
    expect(frame.getAttribute('src')).toBe(PANEL_URL);
    expect(frame.title).toBe('Confer');
  });

  it('is shown only by Confer’s manifest style sheet (dock-host.css), so it goes when the browser takes that away', () => {
    // (That the browser does take it away is checked in real Firefox: tests/e2e/firefox.test.mjs.)
    const { host } = setUp();
    expect(host.hidden).toBe(true);
    expect(host.style.getPropertyValue('display')).toBe('');
  });

  it('takes the place of a dock left behind by a Confer that was turned off without removing it', () => {
    const leftover = document.createElement('confer-dock');
    document.body.append(leftover);
    const { host } = setUp();
    expect(document.querySelectorAll('confer-dock')).toHaveLength(1);
    expect(host.isConnected).toBe(true);
    expect(leftover.isConnected).toBe(false);
  });

  it('starts hidden, its panel already loading, until it is shown (once Docs has made room)', () => {
    const { dock, host, frame } = setUp();
    expect(host.style.getPropertyValue('visibility')).toBe('hidden');
    expect(host.style.getPropertyPriority('visibility')).toBe('important');
    expect(frame.getAttribute('src')).toBe(PANEL_URL);
    dock.show();
    expect(host.style.getPropertyValue('visibility')).toBe('');
  });

  it('open: the button says "Close Confer" and the dock takes the rail plus the panel width', () => {
    const { dock, toggle, frame, host, grip } = setUp();
    dock.render({ open: true, width: 400 });
    expect(toggle.getAttribute('aria-label')).toBe('Close Confer');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(frame.hidden).toBe(false);
    expect(host.style.getPropertyValue('width')).toBe('400px');
    expect(grip.getAttribute('aria-valuenow')).toBe('400');
  });

  it('closed: a slim handle whose button says "Open Confer"', () => {
    const { dock, toggle, frame, host } = setUp();
    dock.render({ open: false, width: 400 });
    expect(toggle.getAttribute('aria-label')).toBe('Open Confer');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(frame.hidden).toBe(true);
    expect(host.style.getPropertyValue('width')).toBe('24px');
  });

  it('the button asks to toggle', () => {
    const { dock, toggle, options } = setUp();
    dock.render(DEFAULT_DOCK_PREFS);
    toggle.click();
    expect(options.onToggle).toHaveBeenCalledOnce();
  });

  it.each([
    ['ArrowLeft', false, 376],
    ['ArrowRight', false, 344],
    ['ArrowLeft', true, 424],
    ['Home', false, MIN_PANEL_WIDTH],
    ['End', false, MAX_PANEL_WIDTH],
  ])('%s (shift: %s) on the grip resizes to %d px', (key, shiftKey, width) => {
    const { dock, grip, options } = setUp();
    dock.render({ open: true, width: 360 });
    grip.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
    expect(options.onResize).toHaveBeenCalledWith(width, true);
  });

  it('never resizes beyond the limits from the keyboard', () => {
    const { dock, grip, options } = setUp();
    dock.render({ open: true, width: MAX_PANEL_WIDTH });
    grip.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(options.onResize).toHaveBeenCalledWith(MAX_PANEL_WIDTH, true);
  });

  it('stops listening when the content script is invalidated, and remove() leaves nothing behind', () => {
    const { dock, toggle, options, controller } = setUp();
    dock.render(DEFAULT_DOCK_PREFS);
    controller.abort();
    toggle.click();
    expect(options.onToggle).not.toHaveBeenCalled();
    dock.remove();
    dock.remove();
    expect(document.querySelector('confer-dock')).toBeNull();
  });
});
