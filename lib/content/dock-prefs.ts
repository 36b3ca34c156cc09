/**
 * The dock's remembered state: whether the panel is open and how wide it is. Layout preferences
 * only (never notes), kept in the extension's storage so every Docs tab opens the panel the way
 * the teacher last left it.
 */

export const DOCK_PREFS_KEY = 'confer:dock';

/** Width of the slim rail along the panel's left edge (and all that shows when it is closed). */
export const RAIL_WIDTH = 24;
export const MIN_PANEL_WIDTH = 240;
export const MAX_PANEL_WIDTH = 560;
export const DEFAULT_PANEL_WIDTH = 360;
/** One arrow-key press on the resize grip. */
export const KEYBOARD_RESIZE_STEP = 16;

export interface DockPrefs {
  open: boolean;
  /** Width of the whole panel, rail included, in CSS px. */
  width: number;
}

export const DEFAULT_DOCK_PREFS: DockPrefs = { open: true, width: DEFAULT_PANEL_WIDTH };

export function clampPanelWidth(width: number): number {
  if (!Number.isFinite(width)) return DEFAULT_PANEL_WIDTH;
  return Math.round(Math.min(MAX_PANEL_WIDTH, Math.max(MIN_PANEL_WIDTH, width)));
}

/** Whatever storage holds (possibly nothing, possibly junk) as valid preferences. */
export function parseDockPrefs(value: unknown): DockPrefs {
  if (typeof value !== 'object' || value === null) return DEFAULT_DOCK_PREFS;
  const { open, width } = value as Record<string, unknown>;
  return {
    open: typeof open === 'boolean' ? open : DEFAULT_DOCK_PREFS.open,
    width: typeof width === 'number' ? clampPanelWidth(width) : DEFAULT_DOCK_PREFS.width,
  };
}

/** How much of the window's right edge the dock takes in a given state. */
export function reservedWidth(prefs: DockPrefs): number {
  return prefs.open ? prefs.width : RAIL_WIDTH;
}
