/**
 * A document's saved conferences are kept in pages of a few (see ConferencePageSchema). This works
 * out which pages a change rewrites: pure, so the notebook and a backup import place conferences
 * the same way, and it is tested without a database.
 */
import { CONFERENCES_PER_PAGE, SCHEMA_VERSION, conferenceIdOf, keys, type ConferencePage } from './model';

/** A page as stored: its key, its number (its place in the document's pages) and the record. */
export interface StoredPage {
  key: string;
  number: number;
  page: ConferencePage;
}

/** A page to write (`page`), or to delete because nothing is left on it (`null`). */
export interface PageWrite {
  key: string;
  page: ConferencePage | null;
}

export interface PageChange {
  /** Conferences by id: each replaces the one with its id where it is, or is added after the last. */
  put?: ReadonlyMap<string, unknown>;
  /** The id of a conference to take out. */
  remove?: string;
}

/**
 * The pages to write for `change`, given the document's pages in order. Conferences this version
 * can't read are on the pages as stored and stay exactly as they are. New conferences fill the
 * last page, then new pages after it (a page emptied earlier is not refilled, so the order of the
 * pages stays the order conferences were added in).
 */
export function pagesAfter(docId: string, pages: readonly StoredPage[], { put = new Map(), remove }: PageChange): PageWrite[] {
  const waiting = new Map(put);
  const next = pages.map(({ key, number, page }) => {
    let changed = false;
    const conferences = page.conferences.flatMap((stored) => {
      const id = conferenceIdOf(stored);
      if (id !== null && id === remove) {
        changed = true;
        return [];
      }
      const replacement = id === null ? undefined : waiting.get(id);
      if (replacement === undefined) return [stored];
      waiting.delete(id!);
      changed = true;
      return [replacement];
    });
    return { key, number, old: page as ConferencePage | null, conferences, changed };
  });
  let last = next.at(-1);
  for (const conference of waiting.values()) {
    if (last === undefined || last.conferences.length >= CONFERENCES_PER_PAGE) {
      const number = last === undefined ? 0 : last.number + 1;
      last = { key: keys.conferencePage(docId, number), number, old: null, conferences: [], changed: true };
      next.push(last);
    }
    last.conferences.push(conference);
    last.changed = true;
  }
  return next
    .filter((page) => page.changed)
    .map(({ key, old, conferences }) => ({
      key,
      page: conferences.length === 0 ? null : { schemaVersion: SCHEMA_VERSION, rev: (old?.rev ?? 0) + 1, docId, conferences },
    }));
}

/** The conference with this id as stored on the pages (whatever its version), or `null`. */
export function findConference(pages: readonly StoredPage[], conferenceId: string): unknown {
  for (const { page } of pages) {
    const found = page.conferences.find((stored) => conferenceIdOf(stored) === conferenceId);
    if (found !== undefined) return found;
  }
  return null;
}
