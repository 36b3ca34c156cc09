/**
 * The background's early read of what a panel shows first (`readOpeningView`: History and the
 * draft). It starts when Docs' page reports its title, or when the panel asks for it
 * (`confer:get-opening`, as it starts) if that comes first, and is handed to that panel. While
 * Docs loads, the panel's own database connection and reads took 100–200 ms on this machine's 2
 * cores, most of the time the panel took to become usable; the background's connection is
 * already open. Measured: the panel with 200 past conferences was usable 35–70 ms sooner after
 * its frame loaded (medians of 15, three alternating pairs).
 *
 * A view is handed over once. It may be a moment old by then (another tab saved something, or
 * the panel itself noted the document as opened): the panel reads History and the draft itself
 * straight after, shows that instead, and takes in the draft it reads like another tab's change,
 * so nothing shown early is kept if it has changed. Runs in the background only: notes go from the
 * extension's own database to the extension's own panel, never through the page or the content
 * script.
 */
import { readOpeningView, type OpeningView } from './notebook/notebook';

export interface OpeningViews {
  /** Docs' page in `tabId` showed document `docId`, its title naming `suggestedName`: read its view. */
  prepare(tabId: number, docId: string, suggestedName: string | null): void;
  /**
   * The view of `docId` for the panel starting in `tabId`: the one read ahead, or one read now
   * (on the background's open connection) if the page has not reported yet; `null` if it is not
   * read within `waitMs`. Once per tab until it loads a page again.
   */
  take(tabId: number, docId: string, suggestedName: string | null, waitMs: number): Promise<OpeningView | null>;
  /** The tab closed or went to another page. */
  forget(tabId: number): void;
  dispose(): void;
}

interface Prepared {
  docId: string;
  suggestedName: string | null;
  view: Promise<OpeningView | null>;
}

export function createOpeningViews(): OpeningViews {
  /** The view being read or read for each tab, until its panel asks. */
  const byTab = new Map<number, Prepared>();
  /**
   * Tabs whose panel has asked. A panel asks once, as it starts: until the tab loads a page again,
   * nothing more is read ahead there (a renamed or another document in the same panel is read
   * by the panel).
   */
  const asked = new Set<number>();

  const start = (tabId: number, docId: string, suggestedName: string | null): Prepared => {
    const entry: Prepared = {
      docId,
      suggestedName,
      view: readOpeningView(docId, suggestedName).catch((error: unknown) => {
        // The panel reads for itself and says what went wrong; this was only a head start.
        console.warn('Confer: could not read ahead for the panel.', error);
        return null;
      }),
    };
    byTab.set(tabId, entry);
    return entry;
  };

  return {
    prepare(tabId, docId, suggestedName) {
      if (asked.has(tabId)) return;
      const old = byTab.get(tabId);
      if (old !== undefined && old.docId === docId && old.suggestedName === suggestedName) return;
      start(tabId, docId, suggestedName);
    },
    async take(tabId, docId, suggestedName, waitMs) {
      if (asked.has(tabId)) return null;
      asked.add(tabId);
      const prepared = byTab.get(tabId);
      const entry = prepared !== undefined && prepared.docId === docId ? prepared : start(tabId, docId, suggestedName);
      // Handed over once; what it holds stays with the panel, not here.
      byTab.delete(tabId);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      });
      const view = await Promise.race([entry.view, late]);
      clearTimeout(timer);
      return view;
    },
    forget(tabId) {
      asked.delete(tabId);
      byTab.delete(tabId);
    },
    dispose() {
      byTab.clear();
      asked.clear();
    },
  };
}
