import { readFileSync } from 'node:fs';

import { CARD_GAP, type GraphDocument } from '@sanjay-flow/graph';
import { defaultSendMessageNode } from '@sanjay-flow/runtime';
import { describe, expect, it } from 'vitest';

import { toCanvasNodes } from '../canvasModel';
import { freeSpot, logicCardEstimate, NEW_CARD, occupiedRects, type Rect } from './placement';

function apart(a: Rect, b: Rect, gap: number): boolean {
  return (
    a.x + a.width + gap <= b.x ||
    b.x + b.width + gap <= a.x ||
    a.y + a.height + gap <= b.y ||
    b.y + b.height + gap <= a.y
  );
}

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

  it('keeps a gap from unmeasured screen cards sized by their components', () => {
    const booking = JSON.parse(
      readFileSync(
        new URL('../../../../../e2e/test-data/booking.graph.json', import.meta.url),
        'utf8',
      ),
    ) as GraphDocument;
    const screens = occupiedRects(toCanvasNodes(booking));
    const first = screens[0];

    const spot = freeSpot(screens, { x: (first?.x ?? 0) + 50, y: (first?.y ?? 0) + 50 });

    expect(screens).toHaveLength(3);
    for (const screen of screens) {
      expect(apart(screen, { ...spot, ...NEW_CARD }, CARD_GAP)).toBe(true);
    }
  });

  it('expects a card with a long summary to be taller than one with a short one', () => {
    const short = defaultSendMessageNode('short');
    const long = {
      ...short,
      message: { kind: 'text' as const, body: 'A confirmation that runs on. '.repeat(8) },
    };

    expect(logicCardEstimate(long).height).toBeGreaterThan(logicCardEstimate(short).height);
  });
});
