/**
 * Alt+Shift+C, the keyboard way to open and close Confer.
 *
 * It is declared as a browser command in the manifest, but Chromium keeps some Alt+Shift keys for
 * itself and then silently leaves the command unassigned (Alt+Shift+C among them, as of late 2026;
 * see chrome://extensions/shortcuts). So the Docs tab and the panel also listen for it themselves.
 * Where the browser did assign it, the browser takes the key first and the page never sees it, so
 * the panel is never toggled twice.
 */

/** The parts of a KeyboardEvent that decide whether it is the shortcut. */
export type KeyPress = Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'repeat'>;

/**
 * The physical C key (`code`, not `key`: with Alt held, macOS types "Ç" and other layouts other
 * letters) with Alt and Shift and nothing else; a held-down key toggles once.
 */
export function isToggleShortcut(event: KeyPress): boolean {
  return event.code === 'KeyC' && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && !event.repeat;
}

export const TOGGLE_SHORTCUT_LABEL = 'Alt+Shift+C';
