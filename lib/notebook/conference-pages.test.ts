import { describe, expect, it } from 'vitest';
import { findConference, pagesAfter, type StoredPage } from './conference-pages';
import { SCHEMA_VERSION, keys } from './model';

const DOC = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd';
const conference = (id: string, focus = id) => ({ id, focus });
const page = (number: number, ids: string[], rev = 1): StoredPage => ({
  key: keys.conferencePage(DOC, number),
  number,
  page: { schemaVersion: SCHEMA_VERSION, rev, docId: DOC, conferences: ids.map((id) => conference(id)) },
});
const put = (...conferences: { id: string }[]) => ({ put: new Map(conferences.map((item) => [item.id, item])) });
const idsOn = (written: ReturnType<typeof pagesAfter>) => written.map(({ key, page }) => [key, page?.conferences.map((item) => (item as { id: string }).id) ?? null]);

describe('conference pages', () => {
  it('start a document’s first page with its first conference', () => {
    expect(pagesAfter(DOC, [], put(conference('a')))).toEqual([
      { key: keys.conferencePage(DOC, 0), page: { schemaVersion: SCHEMA_VERSION, rev: 1, docId: DOC, conferences: [conference('a')] } },
    ]);
  });

  it('fill the last page to five, then start the next one', () => {
    const written = pagesAfter(DOC, [page(0, ['a', 'b', 'c'], 4)], put(conference('d'), conference('e'), conference('f')));
    expect(idsOn(written)).toEqual([
      [keys.conferencePage(DOC, 0), ['a', 'b', 'c', 'd', 'e']],
      [keys.conferencePage(DOC, 1), ['f']],
    ]);
    expect(written[0]!.page!.rev).toBe(5);
  });

  it('change a conference where it is and leave the other pages unwritten', () => {
    const written = pagesAfter(DOC, [page(0, ['a', 'b', 'c', 'd', 'e']), page(1, ['f'])], put(conference('b', 'Leads that hook')));
    expect(written).toEqual([{ key: keys.conferencePage(DOC, 0), page: expect.objectContaining({ rev: 2, conferences: [conference('a'), conference('b', 'Leads that hook'), conference('c'), conference('d'), conference('e')] }) }]);
  });

  it('add after the last page even when an earlier one has room, and number pages after gaps', () => {
    expect(idsOn(pagesAfter(DOC, [page(0, ['a']), page(3, ['b', 'c'])], put(conference('d'))))).toEqual([[keys.conferencePage(DOC, 3), ['b', 'c', 'd']]]);
    expect(idsOn(pagesAfter(DOC, [page(0, ['a']), page(3, ['b', 'c', 'd', 'e', 'f'])], put(conference('g'))))).toEqual([[keys.conferencePage(DOC, 4), ['g']]]);
  });

  it('delete a page when its last conference is taken out', () => {
    expect(pagesAfter(DOC, [page(0, ['a', 'b']), page(1, ['c'])], { remove: 'c' })).toEqual([{ key: keys.conferencePage(DOC, 1), page: null }]);
    expect(idsOn(pagesAfter(DOC, [page(0, ['a', 'b']), page(1, ['c'])], { remove: 'a' }))).toEqual([[keys.conferencePage(DOC, 0), ['b']]]);
    expect(pagesAfter(DOC, [page(0, ['a'])], { remove: 'not-here' })).toEqual([]);
  });

  it('keep what this version can’t read exactly as stored', () => {
    const damaged = { no: 'id' };
    const newer = { schemaVersion: 99, id: 'n', shape: 'new' };
    const stored: StoredPage = { key: keys.conferencePage(DOC, 0), number: 0, page: { schemaVersion: SCHEMA_VERSION, rev: 1, docId: DOC, conferences: [damaged, newer, conference('a')] } };
    const [written] = pagesAfter(DOC, [stored], { remove: 'a' });
    expect(written!.page!.conferences[0]).toBe(damaged);
    expect(written!.page!.conferences[1]).toBe(newer);
    expect(findConference([stored], 'n')).toBe(newer);
    expect(findConference([stored], 'gone')).toBeNull();
  });
});
