import { describe, expect, it } from 'vitest';

import { createSendRateLimiter } from './rate-limiter';

function fakeClock() {
  let current = 0;
  const sleeps: number[] = [];

  return {
    now: () => current,
    sleep: (ms: number) => {
      sleeps.push(ms);
      current += ms;

      return Promise.resolve();
    },
    sleeps,
  };
}

describe('send rate limiter', () => {
  it('lets a burst through, then spaces sends at the rate, per phone number', async () => {
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perSecond: 2, burst: 2, ...clock });
    await limiter.acquire('A');
    await limiter.acquire('A');
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire('A');
    expect(clock.sleeps).toEqual([500]);
    await limiter.acquire('B');
    expect(clock.sleeps).toEqual([500]);
  });

  it('holds a paused number back until the pause ends', async () => {
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perSecond: 10, ...clock });
    limiter.pause('A', 3000);
    await limiter.acquire('A');
    expect(clock.now()).toBeGreaterThanOrEqual(3000);
    await limiter.acquire('B');
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(3200);
  });
});
