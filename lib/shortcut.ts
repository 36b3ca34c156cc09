/**
 * The keyboard way to open and close Confer: Alt+Shift+C, and Control+Shift+C on a Mac.
 *
 * It is declared as a browser command in the manifest, but Chromium keeps some Alt+Shift keys for
 * itself and then silently leaves the command unassigned (Alt+Shift+C among them, as of late 2026;
 * see chrome://extensions/shortcuts). So the Docs tab and the panel also listen for it themselves.
 * Where the browser did assign it, the browser takes the key first and the page never sees it, so
 * the panel is never toggled twice.
 *
 * Not Option+Shift+C on a Mac: that is how a Mac types "Ç" (and Option+Shift makes a character of
 * most keys on most Mac layouts), which Confer would otherwise take from the teacher's typing.
 */

/** The parts of a KeyboardEvent that decide whether it is the shortcut. */
export type KeyPress = Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'repeat'>;

/**
 * Whether this browser runs on a Mac (`nav`: the navigator of the window listening). `platform`
 * is deprecated, but every browser still fills it ("MacIntel" on Apple silicon too).
 */
export function onMac(nav: Pick<Navigator, 'platform'> | undefined = globalThis.navigator): boolean {
  return /^mac/i.test(nav?.platform ?? '');
}

/**
 * The physical C key (`code`, not `key`: other layouts make other letters of it) with Shift and
 * Alt (Control on a Mac) and nothing else; a held-down key toggles once.
 */
export function isToggleShortcut(event: KeyPress, mac = onMac()): boolean {
  const modifier = mac ? event.ctrlKey && !event.altKey : event.altKey && !event.ctrlKey;
  return event.code === 'KeyC' && event.shiftKey && modifier && !event.metaKey && !event.repeat;
}

/** The shortcut's name, as the teacher's keyboard says it. */
export const toggleShortcutLabel = (mac = onMac()): string => (mac ? 'Control+Shift+C' : 'Alt+Shift+C');
