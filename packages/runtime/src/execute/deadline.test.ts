import { describe, expect, it } from 'vitest';

import { FakeClock } from '../testing/fakes.test-helper';
import { DEFAULT_BUDGET_MS, MAX_BUDGET_MS, createDeadline } from './deadline';

describe('createDeadline', () => {
  it('counts down from the budget on the injected clock', () => {
    const clock = new FakeClock();
    const deadline = createDeadline(clock.now);
    expect(deadline.remainingMs()).toBe(DEFAULT_BUDGET_MS);
    clock.advance(1_250);
    expect(deadline.remainingMs()).toBe(DEFAULT_BUDGET_MS - 1_250);
  });

  it('never allows more than Meta waits for', () => {
    const clock = new FakeClock();
    expect(createDeadline(clock.now, 60_000).remainingMs()).toBe(MAX_BUDGET_MS);
    expect(MAX_BUDGET_MS).toBeLessThan(10_000);
    expect(createDeadline(clock.now, -5).remainingMs()).toBe(0);
  });
});
