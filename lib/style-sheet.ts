/**
 * A style sheet that Confer adds to a Docs page or to the dock's shadow root, and can rewrite or
 * take away again. In Chrome, a constructed sheet adopted by the root: nothing in the page's DOM.
 * Firefox refuses `adoptedStyleSheets` from a content script
 * (https://bugzilla.mozilla.org/show_bug.cgi?id=1928865), so its build uses a `<style>` element.
 * (Chosen at build time: each browser's content script carries only its own way.)
 */
export interface AddedStyleSheet {
  replace(css: string): void;
  remove(): void;
}

export function addStyleSheet(root: Document | ShadowRoot, css: string): AddedStyleSheet {
  return import.meta.env.FIREFOX ? addStyleElement(root, css) : adoptStyleSheet(root, css);
}

/** (Not `instanceof Document`: a content script's `Document` need not be the page's.) */
const isDocument = (root: Document | ShadowRoot): root is Document => root.nodeType === 9;

export function adoptStyleSheet(root: Document | ShadowRoot, css: string): AddedStyleSheet {
  const doc = isDocument(root) ? root : root.ownerDocument;
  const sheet = new (doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return {
    replace: (next) => sheet.replaceSync(next),
    remove: () => void (root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet)),
  };
}

export function addStyleElement(root: Document | ShadowRoot, css: string): AddedStyleSheet {
  const style = (isDocument(root) ? root : root.ownerDocument).createElement('style');
  style.textContent = css;
  // Before Docs' page is parsed there may be no <head> yet; a style sheet applies from anywhere.
  (isDocument(root) ? (root.head ?? root.documentElement) : root).append(style);
  return {
    replace: (next) => void (style.textContent = next),
    remove: () => style.remove(),
  };
}
