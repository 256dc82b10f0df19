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

  it('is backlogged while items wait for the write in flight', async () => {
    const finishes: (() => void)[] = [];
    const write = createBatchWriter(
      (items: string[]) =>
        new Promise<string[]>((resolve) => {
          finishes.push(() => resolve(items));
        }),
      limits,
    );

    const first = write('a');
    expect(write.backlogged()).toBe(false); // written at once
    const second = write('b');
    expect(write.backlogged()).toBe(true);
    finishes[0]?.();
    await first;
    expect(write.backlogged()).toBe(false); // 'b' is being written
    finishes[1]?.();
    await second;
    expect(write.backlogged()).toBe(false);
  });
});
