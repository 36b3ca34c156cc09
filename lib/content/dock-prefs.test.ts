import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCK_PREFS, MAX_PANEL_WIDTH, MIN_PANEL_WIDTH, RAIL_WIDTH, clampPanelWidth, parseDockPrefs, reservedWidth } from './dock-prefs';

describe('dock preferences', () => {
  it('open at 360 px by default', () => {
    expect(parseDockPrefs(undefined)).toEqual({ open: true, width: 360 });
  });
  it('keep the panel between 240 and 560 px', () => {
    expect(clampPanelWidth(100)).toBe(MIN_PANEL_WIDTH);
    expect(clampPanelWidth(9999)).toBe(MAX_PANEL_WIDTH);
    expect(clampPanelWidth(401.6)).toBe(402);
    expect(clampPanelWidth(Number.NaN)).toBe(360);
  });
  it('repair whatever storage holds', () => {
    expect(parseDockPrefs({ open: false, width: 480 })).toEqual({ open: false, width: 480 });
    expect(parseDockPrefs({ open: 'no', width: '480' })).toEqual(DEFAULT_DOCK_PREFS);
    expect(parseDockPrefs({ width: 10_000 })).toEqual({ open: true, width: MAX_PANEL_WIDTH });
    expect(parseDockPrefs('junk')).toEqual(DEFAULT_DOCK_PREFS);
  });
  it('reserve the whole panel when open and only the slim handle when closed', () => {
    expect(reservedWidth({ open: true, width: 400 })).toBe(400);
    expect(reservedWidth({ open: false, width: 400 })).toBe(RAIL_WIDTH);
  });
});
