/**
 * Reading the document's title from the Docs page.
 *
 * The title is untrusted text (it can hold `<`, quotes, RTL marks, emoji, 1000+ characters): it is
 * only ever read as text here and only ever displayed as text in the panel.
 */
import { MAX_TITLE_LENGTH } from '../messages';
import { titleFromDocumentTitle } from '../student-name';
import { DOCS_SELECTORS } from './selectors';

export interface TitleReading {
  title: string | null;
  /** True when neither title element was found and the browser tab's title was used. */
  fromTabTitle: boolean;
}

export function readDocumentTitle(doc: Document): TitleReading {
  const input = doc.querySelector<HTMLInputElement>(DOCS_SELECTORS.titleInput);
  const label = doc.querySelector(DOCS_SELECTORS.titleLabel);
  const fromPage = input?.value.trim() || label?.textContent?.trim() || '';
  if (fromPage !== '') return { title: fromPage.slice(0, MAX_TITLE_LENGTH), fromTabTitle: false };
  const fromTab = titleFromDocumentTitle(doc.title);
  return { title: fromTab === '' ? null : fromTab.slice(0, MAX_TITLE_LENGTH), fromTabTitle: input === null && label === null };
}

/**
 * Calls `onChange` when the title may have changed. Docs keeps the tab title in step with a
 * rename, so watching `<title>` (and the title bar's label, when there is one) is enough.
 * Observes; never polls. Stops when `signal` aborts.
 */
export function watchDocumentTitle(doc: Document, onChange: () => void, signal: AbortSignal): void {
  const observer = new MutationObserver(onChange);
  const text = { subtree: true, childList: true, characterData: true };
  // A replaced <title> element shows up as a child of <head>.
  if (doc.head !== null) observer.observe(doc.head, { childList: true });
  const titleElement = doc.querySelector('title');
  if (titleElement !== null) observer.observe(titleElement, text);
  const label = doc.querySelector(DOCS_SELECTORS.titleLabel);
  if (label !== null) observer.observe(label, text);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
