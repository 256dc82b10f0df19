import type { Position } from './document';

/** A box on the canvas, in flow coordinates. */
export interface CanvasBox extends Position {
  width: number;
  height: number;
}

/** The clear space kept between any two boxes, so cards never touch. */
export const CARD_GAP = 40;

function overlapsWithGap(a: CanvasBox, b: CanvasBox): boolean {
  return (
    a.x < b.x + b.width + CARD_GAP &&
    b.x < a.x + a.width + CARD_GAP &&
    a.y < b.y + b.height + CARD_GAP &&
    b.y < a.y + a.height + CARD_GAP
  );
}

/** How far `spot` is from `wanted`; going above the wanted row costs double, so rows grow down. */
function cost(spot: Position, wanted: Position): number {
  const dx = spot.x - wanted.x;
  const dy = spot.y < wanted.y ? 2 * (wanted.y - spot.y) : spot.y - wanted.y;

  return Math.hypot(dx, dy);
}

/**
 * The top-left corner nearest `wanted` where a box of `size` keeps `CARD_GAP` clear of every
 * box in `occupied`. The candidates are the wanted corner and the corners just right of and just
 * below each occupied box, which is where a box pushed aside by others comes to rest. The corner
 * below everything is always free, so an answer always exists.
 */
export function nearestFreeSpot(
  occupied: readonly CanvasBox[],
  wanted: Position,
  size: { width: number; height: number },
): Position {
  const xs = [wanted.x, ...occupied.map((box) => box.x + box.width + CARD_GAP)];
  const ys = [wanted.y, ...occupied.map((box) => box.y + box.height + CARD_GAP)];
  // Nearest first, so the search stops at the first free corner instead of testing them all.
  const candidates = xs
    .flatMap((x) => ys.map((y) => ({ x, y, cost: cost({ x, y }, wanted) })))
    .sort((a, b) => a.cost - b.cost);
  const free = candidates.find(
    ({ x, y }) => !occupied.some((box) => overlapsWithGap(box, { x, y, ...size })),
  );

  return free === undefined ? { x: wanted.x, y: Math.max(...ys) } : { x: free.x, y: free.y };
}

/** Whether any two of `boxes` overlap or come closer than `gap`; used by tests and checks. */
export function firstOverlap(
  boxes: readonly (CanvasBox & { id: string })[],
  gap = 0,
): [string, string] | undefined {
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      const apart =
        a.x + a.width + gap <= b.x ||
        b.x + b.width + gap <= a.x ||
        a.y + a.height + gap <= b.y ||
        b.y + b.height + gap <= a.y;
      if (!apart) {
        return [a.id, b.id];
      }
    }
  }

  return undefined;
}
