import { describe, expect, it } from 'vitest';

import { createBatchWriter } from './batch-writer';

describe('createBatchWriter', () => {
  const limits = { maxItems: 3, maxWeight: 10, weigh: (item: string) => item.length };

  it('writes the first item alone and what arrives meanwhile together, within the limits', async () => {
    const batches: string[][] = [];
    const write = createBatchWriter((items: string[]) => {
      batches.push(items);

      return Promise.resolve(items.map((item) => item.toUpperCase()));
    }, limits);

    const results = await Promise.all(['a', 'b', 'c', 'd', 'eeeeeeeeee', 'f'].map(write));

    expect(results).toEqual(['A', 'B', 'C', 'D', 'EEEEEEEEEE', 'F']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['eeeeeeeeee'], ['f']]);
  });

  it('fails only the item that cannot be written when its batch fails', async () => {
    const write = createBatchWriter(
      (items: string[]) =>
        items.includes('bad')
          ? Promise.reject(new Error('bad item'))
          : Promise.resolve(items.map((item) => `${item}!`)),
      limits,
    );

    const results = await Promise.allSettled(['x', 'y', 'bad', 'z'].map(write));

    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(results[3]).toEqual({ status: 'fulfilled', value: 'z!' });
  });

  it('is busy while any item is unwritten', async () => {
    let finish: () => void = () => {};
    const write = createBatchWriter(
      (items: string[]) =>
        new Promise<string[]>((resolve) => {
          finish = () => resolve(items);
        }),
      limits,
    );

    expect(write.busy()).toBe(false);
    const written = write('a');
    expect(write.busy()).toBe(true);
    finish();
    await written;
    expect(write.busy()).toBe(false);
  });
});
