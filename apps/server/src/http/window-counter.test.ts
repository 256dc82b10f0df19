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

    expect(counter.take('a').allowed).toBe(true);
    time.advance(15_000);
    expect(counter.refusal('a')).toBeUndefined();
    expect(counter.take('a').allowed).toBe(true);
    expect(counter.refusal('a')).toBe(45);
    expect(counter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(counter.take('b').allowed).toBe(true);
    time.advance(45_000);
    expect(counter.refusal('a')).toBeUndefined();
    expect(counter.take('a').allowed).toBe(true);
  });

  it('forgets a key whose every count was given back, and never counts a refusal check', () => {
    const counter = createWindowCounter(1, 60_000, clock().now);

    for (let index = 0; index < 1_000; index += 1) {
      expect(counter.refusal(`refused ${index}`)).toBeUndefined();
      const taken = counter.take(`refused ${index}`);
      if (taken.allowed) {
        taken.giveBack();
      }
    }

    expect(counter.size()).toBe(0);
    expect(counter.take('refused 1').allowed).toBe(true);
    expect(counter.take('refused 1').allowed).toBe(false);
  });

  it('gives a count back to the window it was taken in, not to a later one', () => {
    const time = clock();
    const counter = createWindowCounter(2, 60_000, time.now);
    const early = counter.take('a');
    time.advance(60_000);
    expect(counter.take('a').allowed).toBe(true);
    expect(counter.take('a').allowed).toBe(true);
    if (early.allowed) {
      early.giveBack();
    }

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

    expect(counter.take('key 5').allowed).toBe(true);
    expect(counter.size()).toBe(1);
  });
});
