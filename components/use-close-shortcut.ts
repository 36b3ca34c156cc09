import { useEffect } from 'preact/hooks';
import type { PanelBrowser } from './panel-browser';
import type { PanelToBackground } from '../lib/messages';
import { isToggleShortcut } from '../lib/shortcut';

/**
 * The shortcut (Alt+Shift+C; Control+Shift+C on a Mac) pressed while typing in the panel closes
 * it, the same key that opened it. The panel cannot reach the page, so it asks the background,
 * which asks this tab's content script.
 */
export function useCloseShortcut(browser: PanelBrowser): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isToggleShortcut(event)) return;
      event.preventDefault();
      const close: PanelToBackground = { type: 'confer:close-panel' };
      browser.runtime.sendMessage(close).catch((error: unknown) => {
        console.warn('Confer: could not close the panel from the keyboard.', error);
      });
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [browser]);
}
