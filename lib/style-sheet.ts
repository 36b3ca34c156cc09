/**
 * The dock's own style sheet, added to its shadow root (Docs' styles stay outside). In Chrome, a
 * constructed sheet adopted by the root: nothing in the DOM. Firefox refuses `adoptedStyleSheets`
 * from a content script (https://bugzilla.mozilla.org/show_bug.cgi?id=1928865), so its build uses
 * a `<style>` element. (Chosen at build time: each browser's content script carries only its own
 * way.) What Confer changes in Docs' own layout is a manifest style sheet instead (docs/layout.css).
 */
export function addStyleSheet(root: ShadowRoot, css: string): void {
  if (import.meta.env.FIREFOX) addStyleElement(root, css);
  else adoptStyleSheet(root, css);
}

export function adoptStyleSheet(root: ShadowRoot, css: string): void {
  // The page's own constructor: a sheet may only be adopted within the document that made it.
  const sheet = new (root.ownerDocument.defaultView as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export function addStyleElement(root: ShadowRoot, css: string): void {
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}
