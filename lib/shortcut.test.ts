import { describe, expect, it } from 'vitest';
import { isToggleShortcut, type KeyPress } from './shortcut';

const press = (overrides: Partial<KeyPress>): KeyPress => ({ altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyC', repeat: false, ...overrides });

describe('Alt+Shift+C', () => {
  it('is Alt+Shift and the C key', () => {
    expect(isToggleShortcut(press({}))).toBe(true);
  });

  it('is the physical key, whatever letter the layout or macOS Option makes of it', () => {
    expect(isToggleShortcut({ ...press({}), ...({ key: 'Ç' } as object) })).toBe(true);
  });

  it.each([
    ['without Alt', { altKey: false }],
    ['without Shift', { shiftKey: false }],
    ['with Ctrl too', { ctrlKey: true }],
    ['with Cmd/Windows too', { metaKey: true }],
    ['another key', { code: 'KeyV' }],
    ['a key held down (auto-repeat)', { repeat: true }],
  ])('is not the shortcut %s', (_name, overrides) => {
    expect(isToggleShortcut(press(overrides))).toBe(false);
  });
});
