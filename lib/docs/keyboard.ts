/**
 * Hearing Confer's shortcut anywhere in a Docs tab (see lib/shortcut.ts for the key, and why the
 * page listens at all).
 *
 * Confer's page-world script hears the key, on the top page (title bar, toolbar, menus, the dock)
 * and in the hidden frame Docs sends keystrokes to while the document has focus, and asks here
 * (PAGE_BRIDGE_SHORTCUT_EVENT). So the isolated world never has to be started in that frame, which
 * would cost every Docs page load ~12 ms. (Inside the panel, the panel hears the key itself.)
 */
import { PAGE_BRIDGE_SHORTCUT_EVENT } from './page-bridge-protocol';
import { findOrWarn } from './selectors';
import { toggleShortcutLabel } from '../shortcut';

export interface ShortcutOptions {
  onShortcut(): void;
  /**
   * False where there is no panel to toggle (the Docs home), and once Confer has been turned off
   * or reloaded under the tab (reading it then also tears the content script down). The key is
   * taken only while this is true; otherwise Docs gets it.
   */
  isLive(): boolean;
  signal: AbortSignal;
}

export function listenForShortcut(win: Window, options: ShortcutOptions): void {
  win.addEventListener(
    PAGE_BRIDGE_SHORTCUT_EVENT,
    (event) => {
      if (!options.isLive()) return;
      // Taken: the page-world script keeps the key from Docs.
      event.preventDefault();
      options.onShortcut();
    },
    { signal: options.signal },
  );
}

/**
 * Whether the shortcut typed in the document text can reach Confer: Docs' keystroke frame
 * (`textEventFrame`) is where the page-world script hears it. Docs makes the frame as its editor
 * starts, so ask once the page has loaded. Warns in the console, naming the selector, if not.
 */
export function hearsShortcutInText(doc: Document): boolean {
  return findOrWarn(doc, 'textEventFrame', `${toggleShortcutLabel()} works only outside the document text`) !== null;
}
