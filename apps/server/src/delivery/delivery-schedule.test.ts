import { describe, expect, it } from 'vitest';

import { DELIVERY_ATTEMPTS, deliveryBackoff } from './start-delivery-worker';

const HOUR = 60 * 60_000;

describe('the delivery retry schedule', () => {
  it('keeps trying a destination that is down for about a day', () => {
    const waits = Array.from({ length: DELIVERY_ATTEMPTS - 1 }, (_, index) =>
      deliveryBackoff(index + 1),
    );
    const total = waits.reduce((sum, wait) => sum + wait, 0);

    expect(total).toBeGreaterThan(20 * HOUR);
    expect(total).toBeLessThan(36 * HOUR);
  });

  it('starts within a minute and never waits more than an hour and a fifth', () => {
    expect(deliveryBackoff(1)).toBeGreaterThanOrEqual(30_000);
    expect(deliveryBackoff(1)).toBeLessThanOrEqual(36_000);
    expect(deliveryBackoff(2)).toBeGreaterThanOrEqual(60_000);
    expect(deliveryBackoff(25)).toBeGreaterThanOrEqual(HOUR);
    expect(deliveryBackoff(25)).toBeLessThanOrEqual(1.2 * HOUR);
  });
});
