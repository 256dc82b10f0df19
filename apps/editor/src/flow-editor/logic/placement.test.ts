import { describe, expect, it } from 'vitest';

import { freeSpot, NEW_CARD } from './placement';

describe('freeSpot', () => {
  const centre = { x: 1_000, y: 500 };
  const centreCell = { x: 1_000 - NEW_CARD.width / 2, y: 500 - NEW_CARD.height / 2 };

  it('puts the first node in the middle of the view', () => {
    expect(freeSpot([], centre)).toEqual(centreCell);
  });

  it('goes beside what already stands in the middle, on the same row first', () => {
    const screen = { x: 900, y: 400, width: 300, height: 200 };

    const spot = freeSpot([screen], centre);

    expect(spot.y).toBe(centreCell.y);
    expect(spot.x + NEW_CARD.width <= screen.x || spot.x >= screen.x + screen.width).toBe(true);
  });

  it('never overlaps any of several placed cards', () => {
    const placed = [];
    for (let count = 0; count < 10; count += 1) {
      const spot = freeSpot(placed, centre);
      for (const rect of placed) {
        const apart =
          spot.x >= rect.x + rect.width ||
          rect.x >= spot.x + NEW_CARD.width ||
          spot.y >= rect.y + rect.height ||
          rect.y >= spot.y + NEW_CARD.height;
        expect(apart).toBe(true);
      }
      placed.push({ ...spot, ...NEW_CARD });
    }
  });
});
