import { describe, expect, it } from 'vitest';
import { isToggleShortcut, onMac, toggleShortcutLabel, type KeyPress } from './shortcut';

const press = (overrides: Partial<KeyPress>): KeyPress => ({ altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyC', repeat: false, ...overrides });

describe('Alt+Shift+C (Windows, ChromeOS, Linux)', () => {
  it('is Alt+Shift and the C key', () => {
    expect(isToggleShortcut(press({}), false)).toBe(true);
    expect(toggleShortcutLabel(false)).toBe('Alt+Shift+C');
  });

  it('is the physical key, whatever letter the layout makes of it', () => {
    expect(isToggleShortcut({ ...press({}), ...({ key: 'Ċ' } as object) }, false)).toBe(true);
  });

  it.each([
    ['without Alt', { altKey: false }],
    ['without Shift', { shiftKey: false }],
    ['with Ctrl too', { ctrlKey: true }],
    ['with Cmd/Windows too', { metaKey: true }],
    ['another key', { code: 'KeyV' }],
    ['a key held down (auto-repeat)', { repeat: true }],
  ])('is not the shortcut %s', (_name, overrides) => {
    expect(isToggleShortcut(press(overrides), false)).toBe(false);
  });
});

describe('on a Mac, Control+Shift+C', () => {
  it('is Control+Shift and the C key', () => {
    expect(isToggleShortcut(press({ altKey: false, ctrlKey: true }), true)).toBe(true);
    expect(toggleShortcutLabel(true)).toBe('Control+Shift+C');
  });

  it('leaves Option+Shift+C to type “Ç”', () => {
    expect(isToggleShortcut({ ...press({}), ...({ key: 'Ç' } as object) }, true)).toBe(false);
    expect(isToggleShortcut(press({ ctrlKey: true }), true)).toBe(false);
  });

  it('tells a Mac by its platform', () => {
    expect(onMac({ platform: 'MacIntel' } as Navigator)).toBe(true);
    expect(onMac({ platform: 'Win32' } as Navigator)).toBe(false);
    expect(onMac(undefined)).toBe(false);
  });
});
