import { describe, expect, it } from 'vitest';

import { createWindowCounter } from './window-counter';

function clock(start = 1_000_000) {
  let at = start;

  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('createWindowCounter', () => {
  it('allows the limit per key and window, then says when to retry', () => {
    const time = clock();
    const counter = createWindowCounter(2, 60_000, time.now);

    expect(counter.take('a')).toEqual({ allowed: true });
    time.advance(15_000);
    expect(counter.take('a')).toEqual({ allowed: true });
    expect(counter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(counter.take('b')).toEqual({ allowed: true });
    time.advance(45_000);
    expect(counter.take('a')).toEqual({ allowed: true });
  });

  it('gives a count back, never below none', () => {
    const counter = createWindowCounter(1, 60_000, clock().now);

    expect(counter.take('a')).toEqual({ allowed: true });
    counter.giveBack('a');
    counter.giveBack('a');
    expect(counter.take('a')).toEqual({ allowed: true });
    expect(counter.take('a').allowed).toBe(false);
  });

  it('forgets keys whose window ended', () => {
    const time = clock();
    const counter = createWindowCounter(1, 1_000, time.now);
    for (let index = 0; index < 100; index += 1) {
      counter.take(`key ${index}`);
    }
    expect(counter.size()).toBe(100);
    time.advance(1_000);

    expect(counter.take('key 5')).toEqual({ allowed: true });
    expect(counter.size()).toBe(1);
  });
});
