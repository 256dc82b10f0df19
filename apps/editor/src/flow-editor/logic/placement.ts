import {
  CARD_GAP,
  logicCardSize,
  SCREEN_CARD_WIDTH,
  screenCardHeight,
  type CardSize,
} from '@sanjay-flow/graph';
import type { LogicNode } from '@sanjay-flow/runtime';

import type { CanvasNode } from '../canvasModel';
import { summaryOf } from './logicLabels';

/** Where a new logic node goes: the free spot nearest the middle of the view. */

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

/** The room a new card takes, with a margin, before React Flow has measured it. */
export const NEW_CARD = { width: 260, height: 150 };
const MAX_RINGS = 12;

/** Whether two cards overlap or come closer than `CARD_GAP`: touching cards read as one. */
function crowds(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width + CARD_GAP &&
    b.x < a.x + a.width + CARD_GAP &&
    a.y < b.y + b.height + CARD_GAP &&
    b.y < a.y + a.height + CARD_GAP
  );
}

// The summary is monospace at 0.75rem in a 15rem card: about 30 characters a line, fewer
// when words wrap early, and some 17px a line.
const SUMMARY_CHARS_PER_LINE = 26;
const SUMMARY_LINE_HEIGHT = 17;

/** A logic card's size before it is drawn, from how many lines its summary will take. */
export function logicCardEstimate(node: LogicNode): CardSize {
  const base = logicCardSize(node);
  const lines = Math.max(1, Math.ceil(summaryOf(node).length / SUMMARY_CHARS_PER_LINE));

  return { width: base.width, height: base.height + (lines - 1) * SUMMARY_LINE_HEIGHT };
}

/** The room each card takes: as measured once drawn, else the size its content will give it. */
export function occupiedRects(nodes: readonly CanvasNode[]): Rect[] {
  return nodes.map((node) => {
    const estimate =
      node.type === 'screen'
        ? { width: SCREEN_CARD_WIDTH, height: screenCardHeight(node.data.components.length) }
        : logicCardEstimate(node.data.node);

    return {
      ...node.position,
      width: node.measured?.width ?? estimate.width,
      height: node.measured?.height ?? estimate.height,
    };
  });
}

/** The grid cells `ring` steps away from the centre cell, nearest rows first. */
function ring(distance: number): Point[] {
  const cells: Point[] = [];
  for (let dy = -distance; dy <= distance; dy += 1) {
    for (let dx = -distance; dx <= distance; dx += 1) {
      if (Math.max(Math.abs(dx), Math.abs(dy)) === distance) {
        cells.push({ x: dx, y: dy });
      }
    }
  }

  return cells.sort((a, b) => Math.abs(a.y) - Math.abs(b.y) || a.x - b.x);
}

/**
 * The top-left corner of the first cell, searching outwards from `centre` on a grid of card
 * sizes and gaps, where a new card keeps `CARD_GAP` clear of all of `occupied`. When the view is full it falls back to
 * the centre: overlapping is better than placing a node where the user cannot see it.
 */
export function freeSpot(occupied: readonly Rect[], centre: Point, size = NEW_CARD): Point {
  const origin = { x: centre.x - size.width / 2, y: centre.y - size.height / 2 };
  for (let distance = 0; distance <= MAX_RINGS; distance += 1) {
    for (const cell of ring(distance)) {
      const spot = {
        x: Math.round(origin.x + cell.x * (size.width + CARD_GAP)),
        y: Math.round(origin.y + cell.y * (size.height + CARD_GAP)),
      };
      if (!occupied.some((rect) => crowds(rect, { ...spot, ...size }))) {
        return spot;
      }
    }
  }

  return { x: Math.round(origin.x), y: Math.round(origin.y) };
}
