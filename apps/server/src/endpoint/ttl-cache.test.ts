import { describe, expect, it } from 'vitest';

import { createTtlCache } from './ttl-cache';

describe('createTtlCache', () => {
  it('reuses a value until it expires, per key', async () => {
    let clock = 0;
    let loads = 0;
    const cache = createTtlCache<number>(1_000, () => clock);
    const load = () => Promise.resolve((loads += 1));

    expect(await cache('a', load)).toBe(1);
    expect(await cache('a', load)).toBe(1);
    expect(await cache('b', load)).toBe(2);
    clock = 1_000;
    expect(await cache('a', load)).toBe(3);
  });

  it('forgets a failed lookup and loads every time when turned off', async () => {
    const cache = createTtlCache<number>(1_000, () => 0);
    await expect(cache('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache('a', () => Promise.resolve(7))).toBe(7);

    let loads = 0;
    const off = createTtlCache<number>(0, () => 0);
    await off('a', () => Promise.resolve((loads += 1)));
    await off('a', () => Promise.resolve((loads += 1)));
    expect(loads).toBe(2);
  });
});
