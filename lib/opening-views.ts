/**
 * The background's early read of what a panel shows first (`readOpeningView`: History and the
 * draft). It starts when Docs' page reports its title, usually around the time the panel's own
 * page loads, and is handed to that panel when it asks for it (`confer:get-opening`), which it
 * does as it starts. While Docs loads, the panel's own database connection and reads took
 * 100–200 ms on this machine's 2 cores, most of the time the panel took to become usable; the
 * background's connection is already open. Measured: the panel with 200 past conferences was
 * usable 35–70 ms sooner after its frame loaded (medians of 15, three alternating pairs).
 *
 * A view is handed over once, and is dropped when the notebook changes anything it shows (the
 * panel reads everything itself anyway, straight after, and shows that). Runs in the background
 * only: notes go from the extension's own database to the extension's own panel, never through
 * the page or the content script.
 */
import { onNotebookChange, touches } from './notebook/changes';
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
  /** Once read: the students whose records it shows (a change to them makes it out of date). */
  studentIds: string[] | null;
  /** The notebook changed something it shows: it is not handed over. */
  stale: boolean;
  /** Handed over (or being): once only. Kept so that the same page's next report reads nothing again. */
  taken: boolean;
}

export function createOpeningViews(read: typeof readOpeningView = readOpeningView): OpeningViews {
  /** The view being read or read for each tab. */
  const byTab = new Map<number, Prepared>();
  /** Every view not yet handed over or dropped, including those a panel is waiting for. */
  const live = new Set<Prepared>();
  /** Panels waiting for their page to report, by tab. */
  const waiting = new Map<number, Set<(entry: Prepared) => void>>();
  const drop = (entry: Prepared): void => {
    live.delete(entry);
    if (byTab.get(entry.tabId) === entry) byTab.delete(entry.tabId);
  };

  const stopListening = onNotebookChange((change) => {
    for (const entry of live) {
      // Until it is read, a change to any student may concern it.
      const students = entry.studentIds ?? change.students ?? [];
      if (touches(change, entry.docId, students) || change.drafts?.includes(entry.docId) === true) {
        entry.stale = true;
        drop(entry);
      }
    }
  });

  return {
    prepare(tabId, docId, suggestedName) {
      const old = byTab.get(tabId);
      if (old !== undefined && old.docId === docId && old.suggestedName === suggestedName && !old.stale) return;
      if (old !== undefined) drop(old);
      const entry: Prepared = { tabId, docId, suggestedName, view: Promise.resolve(null), studentIds: null, stale: false, taken: false };
      entry.view = read(docId, suggestedName).then(
        (view) => {
          if (view !== null) entry.studentIds = [...view.history.students, ...(view.history.suggested === null ? [] : [view.history.suggested])].map(({ id }) => id);
          return view;
        },
        (error: unknown) => {
          // The panel reads for itself and says what went wrong; this was only a head start.
          console.warn('Confer: could not read ahead for the panel.', error);
          drop(entry);
          return null;
        },
      );
      byTab.set(tabId, entry);
      live.add(entry);
      for (const wake of waiting.get(tabId) ?? []) wake(entry);
    },
    async take(tabId, docId, waitMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      });
      let entry = byTab.get(tabId);
      if (entry === undefined || entry.docId !== docId) {
        // The panel is quicker than Docs' page: wait for the page's report, which starts the read.
        let wake!: (entry: Prepared) => void;
        const prepared = new Promise<Prepared>((resolve) => (wake = resolve));
        const wakers = waiting.get(tabId) ?? new Set();
        waiting.set(tabId, wakers.add(wake));
        entry = (await Promise.race([prepared, late])) ?? undefined;
        wakers.delete(wake);
        if (wakers.size === 0) waiting.delete(tabId);
      }
      // Handed over once: a later panel in this tab reads for itself.
      if (entry === undefined || entry.docId !== docId || entry.taken) {
        clearTimeout(timer);
        return null;
      }
      entry.taken = true;
      const view = await Promise.race([entry.view, late]);
      clearTimeout(timer);
      const stale = entry.stale;
      live.delete(entry);
      // What it holds stays with the panel it was handed to, not here.
      entry.view = Promise.resolve(null);
      return stale ? null : view;
    },
    forget(tabId) {
      const entry = byTab.get(tabId);
      if (entry !== undefined) drop(entry);
    },
    dispose() {
      stopListening();
      byTab.clear();
      live.clear();
      waiting.clear();
    },
  };
}
