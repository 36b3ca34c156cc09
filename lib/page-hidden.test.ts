import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenPageHidden } from './page-hidden';

const visibility = (state: DocumentVisibilityState): void => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
};

afterEach(() => {
  delete (document as { visibilityState?: unknown }).visibilityState;
});

describe('whenPageHidden', () => {
  it('runs when the page is hidden or closed, not when it comes back, and no more once stopped', () => {
    const run = vi.fn();
    const stop = whenPageHidden(run);
    visibility('hidden');
    expect(run).toHaveBeenCalledTimes(1);
    visibility('visible');
    expect(run).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(run).toHaveBeenCalledTimes(2);
    stop();
    visibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    expect(run).toHaveBeenCalledTimes(2);
  });
});
