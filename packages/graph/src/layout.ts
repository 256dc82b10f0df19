import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';

import type { Position } from './document';

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
}

export interface LayoutLink {
  id: string;
  source: string;
  target: string;
}

/** Card sizes on the canvas: a fixed width, a height that grows with the component list. */
export const SCREEN_CARD_WIDTH = 260;
export const SCREEN_CARD_BASE_HEIGHT = 80;
export const SCREEN_CARD_ROW_HEIGHT = 28;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '60',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  // Keeps screens that no edge orders in the order the Flow lists them.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/**
 * Layered layout slows down sharply with edges that run backwards or skip layers: a Flow whose
 * routing_model joins every screen to every other would block the server for minutes. The
 * picture only needs the main direction of travel, so ELK is given a spanning forest of the
 * links, found breadth-first from the entry screens; every other link is still drawn on the
 * canvas, it just does not move the boxes.
 */
let elk: InstanceType<typeof ELK> | undefined;

export function screenCardHeight(componentCount: number): number {
  return SCREEN_CARD_BASE_HEIGHT + SCREEN_CARD_ROW_HEIGHT * componentCount;
}

/** Places boxes left to right along their links with ELK's layered algorithm. */
export async function layeredLayout(
  boxes: readonly LayoutBox[],
  links: readonly LayoutLink[],
): Promise<Map<string, Position>> {
  // The bundled build runs in the calling thread, in Node and in the browser alike.
  elk ??= new ELK();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: boxes.map(({ id, width, height }) => ({ id, width, height })),
    edges: linksWorthLayingOut(boxes, links).map(({ id, source, target }) => ({
      id,
      sources: [source],
      targets: [target],
    })),
  };
  const laidOut = await elk.layout(graph);
  const positions = new Map<string, Position>();
  for (const child of laidOut.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }

  return positions;
}

/** The links of a breadth-first spanning forest, rooted at boxes no link enters, in order. */
export function linksWorthLayingOut(
  boxes: readonly LayoutBox[],
  links: readonly LayoutLink[],
): LayoutLink[] {
  const outgoing = new Map<string, LayoutLink[]>();
  const entered = new Set<string>();
  for (const link of links) {
    if (link.source !== link.target) {
      outgoing.set(link.source, [...(outgoing.get(link.source) ?? []), link]);
      entered.add(link.target);
    }
  }
  const roots = [
    ...boxes.filter(({ id }) => !entered.has(id)),
    ...boxes.filter(({ id }) => entered.has(id)),
  ];
  const reached = new Set<string>();
  const tree: LayoutLink[] = [];
  for (const root of roots) {
    if (reached.has(root.id)) {
      continue;
    }
    reached.add(root.id);
    const queue = [root.id];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const link of outgoing.get(next) ?? []) {
        if (!reached.has(link.target)) {
          reached.add(link.target);
          tree.push(link);
          queue.push(link.target);
        }
      }
    }
  }

  return tree;
}
