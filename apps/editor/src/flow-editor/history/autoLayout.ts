import {
  importFlowJson,
  moveLogicNodes,
  screenNodes,
  withLogicLaidOut,
  type GraphDocument,
  type Position,
} from '@sanjay-flow/graph';

import { logicCardEstimate } from '../logic/placement';

/**
 * Where every node goes when the user asks for a fresh layout: screens left to right along
 * their navigation (the layout an imported Flow gets), then logic beside the screens it serves.
 */
export async function layoutPositions(document: GraphDocument): Promise<Map<string, Position>> {
  // Import lays screens out by their ids; node ids stand in for them so positions map back.
  const screens = screenNodes(document).map((node) => ({ ...node.screen, id: node.id }));
  const imported = await importFlowJson({ ...document.flow, screens });
  const placed: GraphDocument = {
    ...document,
    nodes: document.nodes.map((node) => {
      const found = imported.nodes.find((candidate) => candidate.id === node.id);

      return found === undefined ? node : { ...node, position: found.position };
    }),
    logic: document.logic && { ...document.logic, positions: {} },
  };
  const laidOut = await withLogicLaidOut(placed, logicCardEstimate);

  return new Map([
    ...laidOut.nodes.map((node): [string, Position] => [node.id, node.position]),
    ...Object.entries(laidOut.logic?.positions ?? {}),
  ]);
}

/** The document with nodes placed at `positions`; nodes not named there stay where they are. */
export function placedAt(
  document: GraphDocument,
  positions: ReadonlyMap<string, Position>,
): GraphDocument {
  return {
    ...moveLogicNodes(document, positions),
    nodes: document.nodes.map((node) => {
      const position = positions.get(node.id);

      return position === undefined ? node : { ...node, position };
    }),
  };
}
