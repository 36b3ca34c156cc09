/**
 * The background's early read of what a panel shows first (`readOpeningView`: History and the
 * draft). It starts when Docs' page reports its title, usually around the time the panel's own
 * page loads, and is handed to that panel when it asks for it (`confer:get-opening`), which it
 * does as it starts. While Docs loads, the panel's own database connection and reads took
 * 100–200 ms on this machine's 2 cores, most of the time the panel took to become usable; the
 * background's connection is already open. Measured: the panel with 200 past conferences was
 * usable 35–70 ms sooner after its frame loaded (medians of 15, three alternating pairs).
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
   * The view of `docId` for the panel opening in `tabId`, if the page reports and it is read
   * within `waitMs`; handed over once.
   */
  take(tabId: number, docId: string, waitMs: number): Promise<OpeningView | null>;
  /** The tab closed or went to another page. */
  forget(tabId: number): void;
  dispose(): void;
}

interface Prepared {
  tabId: number;
  docId: string;
  suggestedName: string | null;
  view: Promise<OpeningView | null>;
}

export function createOpeningViews(read: typeof readOpeningView = readOpeningView): OpeningViews {
  /** The view being read or read for each tab, until its panel asks. */
  const byTab = new Map<number, Prepared>();
  /** Panels waiting for their page to report, by tab. */
  const waiting = new Map<number, Set<(entry: Prepared) => void>>();
  /**
   * Tabs whose panel has had its answer. A panel asks once, as it starts: until the tab loads a
   * page again, nothing more is read ahead there (a renamed or another document in the same
   * panel is read by the panel).
   */
  const answered = new Set<number>();
  const drop = (entry: Prepared): void => {
    if (byTab.get(entry.tabId) === entry) byTab.delete(entry.tabId);
  };

  return {
    prepare(tabId, docId, suggestedName) {
      if (answered.has(tabId)) return;
      const old = byTab.get(tabId);
      if (old !== undefined && old.docId === docId && old.suggestedName === suggestedName) return;
      const entry: Prepared = {
        tabId,
        docId,
        suggestedName,
        view: read(docId, suggestedName).catch((error: unknown) => {
          // The panel reads for itself and says what went wrong; this was only a head start.
          console.warn('Confer: could not read ahead for the panel.', error);
          drop(entry);
          return null;
        }),
      };
      byTab.set(tabId, entry);
      for (const wake of waiting.get(tabId) ?? []) wake(entry);
    },
    async take(tabId, docId, waitMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      });
      let entry = answered.has(tabId) ? undefined : byTab.get(tabId);
      if (!answered.has(tabId) && (entry === undefined || entry.docId !== docId)) {
        // The panel is quicker than Docs' page: wait for the page's report, which starts the read.
        let wake!: (entry: Prepared) => void;
        const prepared = new Promise<Prepared>((resolve) => (wake = resolve));
        const wakers = waiting.get(tabId) ?? new Set();
        waiting.set(tabId, wakers.add(wake));
        entry = (await Promise.race([prepared, late])) ?? undefined;
        wakers.delete(wake);
        if (wakers.size === 0) waiting.delete(tabId);
      }
      const view = entry === undefined || entry.docId !== docId ? null : await Promise.race([entry.view, late]);
      clearTimeout(timer);
      answered.add(tabId);
      if (entry === undefined) return null;
      // Handed over once; what it holds stays with the panel, not here.
      drop(entry);
      return view;
    },
    forget(tabId) {
      answered.delete(tabId);
      const entry = byTab.get(tabId);
      if (entry !== undefined) drop(entry);
    },
    dispose() {
      byTab.clear();
      waiting.clear();
      answered.clear();
    },
  };
}
