/**
 * The dock: Confer's slim rail and the panel frame, fixed to the right edge of the Docs window.
 *
 * It lives in the host page, so it holds nothing private: a toggle button, a resize grip and an
 * `<iframe>` of the extension's panel page. Everything the teacher writes stays inside that frame,
 * which is cross-origin to Docs (the page can hide it, but cannot read it or its keystrokes).
 * The shadow root keeps Docs' styles out; it is not a security boundary. It is open in Chrome, so
 * tests can reach the controls (the panel's address there changes every session). In Firefox it
 * is closed: the panel's address holds an id made for this one installation, which is not left
 * where any script on the page can read it. (It is not a secret from a page set on finding it:
 * Confer's page-world script in Firefox has that address too, and page code it calls, such as
 * Docs' key listeners as it presses the comment shortcut, can see it in a stack trace. See
 * lib/docs/page-bridge.ts. Assistive technology reaches the dock either way.)
 */
import {
  KEYBOARD_RESIZE_STEP,
  MAX_PANEL_WIDTH,
  MIN_PANEL_WIDTH,
  clampPanelWidth,
  reservedWidth,
  type DockPrefs,
} from './dock-prefs';
// Minified by Vite at build time, and added to the dock's shadow root (see lib/style-sheet.ts).
import DOCK_CSS from './dock.css?inline';
import { addStyleSheet } from '../style-sheet';
import { DOCK_TAG } from './dock-tag';
import { toggleShortcutLabel } from '../shortcut';

export interface Dock {
  /** Shows `prefs` (open/closed, width). */
  render(prefs: DockPrefs): void;
  /**
   * Makes the dock visible. It starts hidden (its panel already loading) so that it never covers
   * Docs, not even for a moment: it is shown once Docs has made room for it.
   */
  show(): void;
  /** Moves keyboard focus into the panel (after opening it with the keyboard). */
  focusPanel(): void;
  /** True when keyboard focus is inside the panel. */
  hasFocus(): boolean;
  /** Moves keyboard focus to the open/close button (after closing the panel that had it). */
  focusToggle(): void;
  /** Removes the dock from the page. Idempotent. */
  remove(): void;
}

export interface DockOptions {
  panelUrl: string;
  /** The teacher toggled the panel with the rail's button. */
  onToggle(): void;
  /** The teacher is dragging the grip (`done` false) or let go / used the keyboard (`done` true). */
  onResize(width: number, done: boolean): void;
  signal: AbortSignal;
}


// `max-width`: in a window narrower than the panel (a small split screen, or zoomed in a long way)
// the rail stays on screen, so the panel can still be closed or made narrower.
// No `display`: the dock is `hidden`, and shown by the manifest's dock-host.css (see there why).
const HOST_STYLE = ['position:fixed', 'top:0', 'right:0', 'left:auto', 'height:100vh', 'max-width:100vw', 'z-index:2147483000', 'margin:0', 'padding:0']
  .map((declaration) => `${declaration}!important`)
  .join(';');

export function createDock(doc: Document, options: DockOptions): Dock {
  const { signal } = options;
  const listen = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void): void =>
    target.addEventListener(type, handler, { signal });

  const host = doc.createElement(DOCK_TAG);
  host.hidden = true;
  // Inline and !important: Docs' own style sheets must not be able to move or hide the dock.
  host.style.cssText = HOST_STYLE;
  host.style.setProperty('visibility', 'hidden', 'important');
  const root = host.attachShadow({ mode: import.meta.env.FIREFOX ? 'closed' : 'open' });
  addStyleSheet(root, DOCK_CSS);

  const dock = doc.createElement('div');
  dock.className = 'dock';
  const rail = doc.createElement('div');
  rail.className = 'rail';

  const toggle = doc.createElement('button');
  toggle.type = 'button';
  toggle.className = 'toggle';
  toggle.setAttribute('aria-controls', 'confer-panel');

  const grip = doc.createElement('div');
  grip.className = 'grip';
  grip.tabIndex = 0;
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'vertical');
  grip.setAttribute('aria-label', 'Resize Confer');
  grip.setAttribute('aria-controls', 'confer-panel');
  grip.setAttribute('aria-valuemin', String(MIN_PANEL_WIDTH));
  grip.setAttribute('aria-valuemax', String(MAX_PANEL_WIDTH));
  grip.title = 'Drag, or use the arrow keys, to resize Confer';

  const label = doc.createElement('span');
  label.className = 'label';
  label.textContent = 'Confer';
  label.setAttribute('aria-hidden', 'true');

  const frame = doc.createElement('iframe');
  frame.id = 'confer-panel';
  frame.title = 'Confer';
  frame.src = options.panelUrl;
  frame.referrerPolicy = 'no-referrer';
  // When Docs can't take a comment, the panel puts it on the clipboard for the teacher to paste
  // (a cross-origin frame may write the clipboard only when its parent allows it). `*`, not the
  // default 'src': Chrome's dynamic extension URL (use_dynamic_url) is not the panel's origin.
  frame.allow = 'clipboard-write *';

  rail.append(toggle, grip, label);
  dock.append(rail, frame);
  root.append(dock);

  let current: DockPrefs | null = null;
  let dragging: { pointerId: number } | null = null;

  listen(toggle, 'click', () => options.onToggle());
  listen(label, 'click', () => options.onToggle());

  // Dragging the grip: the pointer is captured so the drag keeps going over Docs and over the
  // panel frame (which stops taking pointer events meanwhile).
  listen(grip, 'pointerdown', (event) => {
    if (event.button !== 0 || current === null) return;
    event.preventDefault();
    grip.setPointerCapture(event.pointerId);
    dragging = { pointerId: event.pointerId };
    dock.toggleAttribute('data-dragging', true);
    grip.toggleAttribute('data-dragging', true);
  });
  listen(grip, 'pointermove', (event) => {
    if (dragging?.pointerId !== event.pointerId) return;
    const view = doc.defaultView;
    if (view !== null) options.onResize(clampPanelWidth(view.innerWidth - event.clientX), false);
  });
  const endDrag = (event: PointerEvent): void => {
    if (dragging?.pointerId !== event.pointerId) return;
    dragging = null;
    dock.removeAttribute('data-dragging');
    grip.removeAttribute('data-dragging');
    if (current !== null) options.onResize(current.width, true);
  };
  listen(grip, 'pointerup', endDrag);
  listen(grip, 'pointercancel', endDrag);

  // The keyboard way to resize (a separator's usual keys): left makes the panel wider.
  listen(grip, 'keydown', (event) => {
    if (current === null) return;
    const step = event.shiftKey ? KEYBOARD_RESIZE_STEP * 4 : KEYBOARD_RESIZE_STEP;
    const next: Record<string, number> = {
      ArrowLeft: current.width + step,
      ArrowRight: current.width - step,
      Home: MIN_PANEL_WIDTH,
      End: MAX_PANEL_WIDTH,
    };
    const width = next[event.key];
    if (width === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    options.onResize(clampPanelWidth(width), true);
  });

  // A dock left by a Confer that was turned off where nothing could remove it: Firefox stops the
  // scripts of a turned-off extension without running them, and runs the new ones in the tabs
  // already open when it is turned on again.
  for (const leftover of doc.querySelectorAll(DOCK_TAG)) leftover.remove();
  // Before Docs' page is parsed there is no <body> yet (the content script runs at document_start):
  // then the dock goes into <html>, where it stays (moving a frame would reload the panel).
  (doc.body ?? doc.documentElement).append(host);

  return {
    render(prefs: DockPrefs): void {
      current = prefs;
      host.style.setProperty('width', `${reservedWidth(prefs)}px`, 'important');
      dock.dataset.open = String(prefs.open);
      frame.hidden = !prefs.open;
      const name = prefs.open ? 'Close Confer' : 'Open Confer';
      toggle.setAttribute('aria-expanded', String(prefs.open));
      toggle.setAttribute('aria-label', name);
      toggle.title = `${name} (${toggleShortcutLabel()})`;
      grip.setAttribute('aria-valuenow', String(prefs.width));
      grip.setAttribute('aria-valuetext', `${prefs.width} pixels wide`);
    },
    show(): void {
      host.style.removeProperty('visibility');
    },
    focusPanel(): void {
      frame.focus();
      // Firefox can't focus a frame it has only just shown: it makes the frame's view a frame later.
      if (import.meta.env.FIREFOX) doc.defaultView?.requestAnimationFrame(() => !signal.aborted && frame.focus());
    },
    hasFocus(): boolean {
      return doc.activeElement === host && root.activeElement === frame;
    },
    focusToggle(): void {
      toggle.focus();
    },
    remove(): void {
      host.remove();
    },
  };
}
