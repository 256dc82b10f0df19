import { readFileSync } from 'node:fs';

import { portsOf, type LogicNode } from '@sanjay-flow/runtime';

import { describe, expect, it } from 'vitest';

import type { GraphDocument } from './document';
import {
  layoutUnplacedLogic,
  logicCardSize,
  screenBoxes,
  withLogicLaidOut,
  type CardSize,
} from './logic-layout';
import { defaultLogicNode, logicOf, type PaletteNodeType } from './logic-nodes';
import { CARD_GAP, firstOverlap } from './logic-packing';

// Read as saved, without the schema check: its request URLs name a host the e2e run fills in.
const booking = JSON.parse(
  readFileSync(new URL('../test-data/booking.graph.json', import.meta.url), 'utf8'),
) as GraphDocument;

/** Every card of the laid-out document as a box: screens, then logic nodes. */
function allBoxes(doc: GraphDocument, sizeOf: (node: LogicNode) => CardSize = logicCardSize) {
  const logic = logicOf(doc);

  return [
    ...screenBoxes(doc).values(),
    ...logic.nodes.map((node) => {
      const position = logic.positions[node.id];
      expect(position, `position of ${node.id}`).toBeDefined();

      return { id: node.id, x: 0, y: 0, ...position, ...sizeOf(node) };
    }),
  ];
}

const STEP_TYPES: PaletteNodeType[] = ['set_data', 'condition', 'http_request', 'lookup_table'];

/** 100 logic nodes: a trigger per screen, long chains with branches, loose steps, no positions. */
function generatedLogic(doc: GraphDocument): GraphDocument {
  const screens = [...screenBoxes(doc).keys()];
  const nodes = [];
  const edges: { from: string; to: string; port?: string }[] = [];
  for (let index = 0; index < 100; index += 1) {
    const screen = screens[index % screens.length] ?? '';
    const startsChain = index % 10 === 0;
    const type: PaletteNodeType = startsChain
      ? 'trigger.screen_submitted'
      : (STEP_TYPES[index % STEP_TYPES.length] ?? 'set_data');
    nodes.push(defaultLogicNode(type, `n${index}`, screen));
    if (!startsChain && index % 7 !== 0) {
      const from = nodes[index - 1];
      const port = from === undefined ? undefined : portsOf(from)[0];
      const edge = { from: `n${index - 1}`, to: `n${index}` };
      edges.push(port === undefined ? edge : { ...edge, port });
    }
  }
  // A few branches that rejoin and jump across chains, as hand-built logic does.
  edges.push({ from: 'n5', to: 'n9', port: 'false' }, { from: 'n21', to: 'n38', port: 'false' });

  return { ...doc, logic: { nodes, edges, positions: {} } };
}

describe('layoutUnplacedLogic', () => {
  it('places every booking logic node clear of the screens and of each other', async () => {
    const laidOut = await withLogicLaidOut(booking);

    expect(firstOverlap(allBoxes(laidOut), CARD_GAP - 1)).toBeUndefined();
  });

  it('puts a screen trigger under its screen and its steps to its right, in order', async () => {
    const positions = await layoutUnplacedLogic(booking);
    const screen = screenBoxes(booking).get('CHOOSE_DATE');
    const trigger = positions.get('date_chosen');
    const chain = ['date_chosen', 'remember_date', 'fetch_slots', 'show_slots'].map(
      (id) => positions.get(id)?.x ?? Number.NaN,
    );

    expect(screen).toBeDefined();
    expect(trigger?.y).toBeGreaterThanOrEqual((screen?.y ?? 0) + (screen?.height ?? 0));
    expect(chain).toEqual([...chain].sort((a, b) => a - b));
    expect(new Set(chain).size).toBe(chain.length);
  });

  it('lays out a generated 100-node logic graph with no two cards overlapping', async () => {
    const laidOut = await withLogicLaidOut(generatedLogic(booking));

    expect(Object.keys(logicOf(laidOut).positions)).toHaveLength(100);
    expect(firstOverlap(allBoxes(laidOut), CARD_GAP - 1)).toBeUndefined();
  });

  it('never moves a node that has a position, and places the rest around it', async () => {
    const logic = logicOf(booking);
    const pinned = { x: 0, y: 400 };
    const partly = { ...booking, logic: { ...logic, positions: { asked: pinned } } };

    const laidOut = await withLogicLaidOut(partly);

    expect(logicOf(laidOut).positions.asked).toEqual(pinned);
    expect(firstOverlap(allBoxes(laidOut), CARD_GAP - 1)).toBeUndefined();
  });

  it('returns the same document when every node already has a position', async () => {
    const laidOut = await withLogicLaidOut(booking);

    expect(await withLogicLaidOut(laidOut)).toBe(laidOut);
  });

  it('keeps apart cards of the sizes the caller gives, however tall', async () => {
    const sizeOf = (node: LogicNode) =>
      node.type === 'send_message' ? { width: 240, height: 400 } : logicCardSize(node);

    const laidOut = await withLogicLaidOut(booking, sizeOf);

    expect(firstOverlap(allBoxes(laidOut, sizeOf), CARD_GAP - 1)).toBeUndefined();
    expect(firstOverlap(allBoxes(laidOut), 0)).toBeUndefined();
  });
});
