/**
 * The dock's element in the Docs page. Named here, apart from dock.ts, for the page-world script
 * too (docs/relayout-after-removal.ts), which must not carry the dock's code.
 */
export const DOCK_TAG = 'confer-dock';
