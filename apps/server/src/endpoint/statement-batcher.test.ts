import { describe, expect, it } from 'vitest';

import { createBatcher } from './statement-batcher';

function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });

  return { promise, release };
}

describe('the statement batcher', () => {
  it('sends the items that arrive during a statement together in the next one', async () => {
    const gate = deferred();
    const statements: string[][] = [];
    const run = createBatcher<string, string>({
      run: async (items) => {
        statements.push(items);
        await gate.promise;

        return items.map((item) => item.toUpperCase());
      },
      keyOf: (item) => item,
      maxBatch: 10,
    });

    const first = run('a');
    const rest = ['b', 'c', 'd'].map(run);
    gate.release();

    expect(await Promise.all([first, ...rest])).toEqual(['A', 'B', 'C', 'D']);
    expect(statements).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps items with the same key in separate statements, in order, within the size limit', async () => {
    const gate = deferred();
    const statements: string[][] = [];
    const run = createBatcher<string, number>({
      run: async (items) => {
        statements.push(items);
        await gate.promise;

        return items.map((item) => item.length);
      },
      keyOf: (item) => item.slice(0, 1),
      maxBatch: 2,
    });

    const all = ['x', 'a1', 'a2', 'b', 'c'].map(run);
    gate.release();
    await Promise.all(all);

    expect(statements).toEqual([['x'], ['a1', 'b'], ['a2', 'c']]);
  });

  it('tries the items of a failed statement one by one, so that only the bad one fails', async () => {
    const gate = deferred();
    const statements: number[][] = [];
    const run = createBatcher<number, number>({
      run: async (items) => {
        statements.push(items);
        await gate.promise;

        return items.includes(13) ? Promise.reject(new Error('bad row')) : items;
      },
      keyOf: String,
      maxBatch: 10,
    });

    const first = run(1);
    const rest = [12, 13, 14].map((item) => run(item).catch((error: Error) => error.message));
    gate.release();

    expect(await Promise.all([first, ...rest])).toEqual([1, 12, 'bad row', 14]);
    expect(statements).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('fails the item of a failed statement and goes on with the next', async () => {
    let calls = 0;
    const run = createBatcher<number, number>({
      run: (items) => {
        calls += 1;

        return calls === 1 ? Promise.reject(new Error('database gone')) : Promise.resolve(items);
      },
      keyOf: String,
      maxBatch: 10,
    });

    await expect(run(1)).rejects.toThrow('database gone');
    expect(await run(2)).toBe(2);
  });
});
