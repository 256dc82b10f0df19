import { isTrigger, portsOf, type LogicNode } from '@sanjay-flow/runtime';

import { screenNodes, type GraphDocument, type Position } from './document';
import { layeredLayout, SCREEN_CARD_WIDTH, screenCardHeight } from './layout';
import { logicOf } from './logic-nodes';
import { CARD_GAP, nearestFreeSpot, type CanvasBox } from './logic-packing';
import { summarizeScreen } from './summarize';

/**
 * Places the logic nodes a document holds without a canvas position (a graph saved through the
 * API, say): each trigger with the steps it leads to is laid out left to right by ELK, then the
 * group goes to the free spot nearest the screen it belongs to, clear of every screen card and
 * of every node already placed. Nodes that have a position never move.
 */

/**
 * Card sizes before the browser has measured them, with room to spare; the editor passes its
 * own estimate, which knows how long each card's summary is.
 * TODO: a card whose text wraps more than its estimate allows can still reach into the card
 * below it; a layout pass after the browser has measured the cards would close that gap.
 */
export const LOGIC_CARD_WIDTH = 240;
const LOGIC_CARD_BASE_HEIGHT = 90;
const LOGIC_CARD_EXIT_HEIGHT = 24;

export type CardSize = { width: number; height: number };

export function logicCardSize(node: LogicNode): CardSize {
  return {
    width: LOGIC_CARD_WIDTH,
    height: LOGIC_CARD_BASE_HEIGHT + LOGIC_CARD_EXIT_HEIGHT * portsOf(node).length,
  };
}

/** The screen cards of the document where they stand, keyed by the screen id logic names. */
export function screenBoxes(doc: GraphDocument): Map<string, CanvasBox & { id: string }> {
  const boxes = new Map<string, CanvasBox & { id: string }>();
  for (const node of screenNodes(doc)) {
    const screenId = typeof node.screen.id === 'string' ? node.screen.id : node.id;
    const height = screenCardHeight(summarizeScreen(node.screen).components.length);
    if (!boxes.has(screenId)) {
      boxes.set(screenId, { id: node.id, ...node.position, width: SCREEN_CARD_WIDTH, height });
    }
  }

  return boxes;
}

/** The unplaced nodes in groups: each root (triggers first) with what it reaches, in order. */
function groupsOf(unplaced: readonly LogicNode[], doc: GraphDocument): LogicNode[][] {
  const byId = new Map(unplaced.map((node) => [node.id, node]));
  const next = new Map<string, string[]>();
  const entered = new Set<string>();
  for (const edge of logicOf(doc).edges) {
    if (byId.has(edge.from) && byId.has(edge.to) && edge.from !== edge.to) {
      next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
      entered.add(edge.to);
    }
  }
  // Screen triggers first: they take the places under their screens before the rest queue up.
  const screenTrigger = (node: LogicNode) => isTrigger(node) && 'screen' in node;
  const roots = [
    ...unplaced.filter((node) => screenTrigger(node)),
    ...unplaced.filter((node) => isTrigger(node) && !screenTrigger(node)),
    ...unplaced.filter((node) => !isTrigger(node) && !entered.has(node.id)),
    ...unplaced,
  ];
  const taken = new Set<string>();
  const groups: LogicNode[][] = [];
  for (const root of roots) {
    if (taken.has(root.id)) {
      continue;
    }
    taken.add(root.id);
    const group = [root];
    for (let index = 0; index < group.length; index += 1) {
      for (const id of next.get(group[index]?.id ?? '') ?? []) {
        const node = byId.get(id);
        if (node !== undefined && !taken.has(id)) {
          taken.add(id);
          group.push(node);
        }
      }
    }
    groups.push(group);
  }

  return groups;
}

/** Each group's nodes relative to the group's top-left corner, and the group's size. */
async function arrange(
  group: readonly LogicNode[],
  doc: GraphDocument,
  sizeOf: (node: LogicNode) => CardSize,
) {
  const ids = new Set(group.map((node) => node.id));
  const boxes = group.map((node) => ({ id: node.id, ...sizeOf(node) }));
  const links = logicOf(doc)
    .edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to))
    .map((edge) => ({ id: `${edge.from}:${edge.port ?? ''}`, source: edge.from, target: edge.to }));
  const positions = await layeredLayout(boxes, links);
  const placed = boxes.map((box) => ({ ...box, ...(positions.get(box.id) ?? { x: 0, y: 0 }) }));
  const left = Math.min(...placed.map((box) => box.x));
  const top = Math.min(...placed.map((box) => box.y));
  const relative = placed.map((box) => ({ ...box, x: box.x - left, y: box.y - top }));

  return {
    relative,
    width: Math.max(...relative.map((box) => box.x + box.width)),
    height: Math.max(...relative.map((box) => box.y + box.height)),
  };
}

/**
 * Where a group would best stand: under the screen its trigger belongs to, right of a placed
 * node that leads into it, or else under all the screens, at the left.
 */
function wantedSpot(
  root: LogicNode,
  doc: GraphDocument,
  screens: Map<string, CanvasBox>,
  placed: Map<string, CanvasBox>,
): Position {
  const screen =
    'screen' in root && root.screen !== undefined ? screens.get(root.screen) : undefined;
  if (isTrigger(root) && screen !== undefined) {
    return { x: screen.x, y: screen.y + screen.height + CARD_GAP };
  }
  const feeder = logicOf(doc).edges.find((edge) => edge.to === root.id && placed.has(edge.from));
  const before = feeder === undefined ? undefined : placed.get(feeder.from);
  if (before !== undefined) {
    return { x: before.x + before.width + CARD_GAP * 2, y: before.y };
  }
  const all = [...screens.values()];

  return {
    x: Math.min(0, ...all.map((box) => box.x)),
    y: Math.max(0, ...all.map((box) => box.y + box.height)) + CARD_GAP,
  };
}

/** Positions for every logic node the document holds without one; placed nodes keep theirs. */
export async function layoutUnplacedLogic(
  doc: GraphDocument,
  sizeOf: (node: LogicNode) => CardSize = logicCardSize,
): Promise<Map<string, Position>> {
  const logic = logicOf(doc);
  const unplaced = logic.nodes.filter((node) => logic.positions[node.id] === undefined);
  const found = new Map<string, Position>();
  if (unplaced.length === 0) {
    return found;
  }
  const screens = screenBoxes(doc);
  const placed = new Map<string, CanvasBox>();
  for (const node of logic.nodes) {
    const position = logic.positions[node.id];
    if (position !== undefined) {
      placed.set(node.id, { ...position, ...sizeOf(node) });
    }
  }
  for (const group of groupsOf(unplaced, doc)) {
    const { relative, width, height } = await arrange(group, doc, sizeOf);
    const root = group[0] as LogicNode;
    const wanted = wantedSpot(root, doc, screens, placed);
    const corner = nearestFreeSpot([...screens.values(), ...placed.values()], wanted, {
      width,
      height,
    });
    for (const box of relative) {
      const position = { x: corner.x + box.x, y: corner.y + box.y };
      found.set(box.id, position);
      placed.set(box.id, { ...position, width: box.width, height: box.height });
    }
  }

  return found;
}

/** The document with every logic node placed; the same object when none lacked a position. */
export async function withLogicLaidOut(
  doc: GraphDocument,
  sizeOf: (node: LogicNode) => CardSize = logicCardSize,
): Promise<GraphDocument> {
  const positions = await layoutUnplacedLogic(doc, sizeOf);
  if (positions.size === 0 || doc.logic === undefined) {
    return doc;
  }

  return {
    ...doc,
    logic: {
      ...doc.logic,
      positions: { ...doc.logic.positions, ...Object.fromEntries(positions) },
    },
  };
}
