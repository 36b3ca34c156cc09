import { describe, expect, it } from 'vitest';
import { readPrefixInBatches, transact, write } from './db';
import { useFreshNotebook } from './test-helpers';

useFreshNotebook();

async function batchesOf(prefix: string, batchSize: number): Promise<unknown[][]> {
  return transact('readonly', async (records) => Promise.all(await readPrefixInBatches(records, prefix, batchSize)));
}

describe('readPrefixInBatches', () => {
  it('reads every record with the prefix once, in key order, a batch at a time', async () => {
    await transact('readwrite', async (records) => {
      // Written out of order, with neighbours on either side of the prefix.
      for (const n of [4, 0, 3, 1, 2]) await write(records, `page:${n}`, { n });
      await write(records, 'pag', { n: 'before' });
      await write(records, 'pagf', { n: 'after' });
      await write(records, 'page;', { n: 'after too' });
    });
    expect(await batchesOf('page:', 2)).toEqual([[{ n: 0 }, { n: 1 }], [{ n: 2 }, { n: 3 }], [{ n: 4 }]]);
    expect(await batchesOf('page:', 5)).toEqual([[{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]]);
    expect(await batchesOf('page:', 100)).toEqual([[{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]]);
  });

  it('has no batches when nothing has the prefix', async () => {
    await transact('readwrite', (records) => write(records, 'other:1', {}));
    expect(await batchesOf('page:', 2)).toEqual([]);
  });
});
