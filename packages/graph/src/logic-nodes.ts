import {
  defaultBackTrigger,
  defaultConditionNode,
  defaultFinishFlowNode,
  defaultFlowCompletedTrigger,
  defaultFlowOpenedTrigger,
  defaultForwardSubmissionNode,
  defaultGoToScreenNode,
  defaultHttpRequestNode,
  defaultLookupTableNode,
  defaultMessageReceivedTrigger,
  defaultSaveSubmissionNode,
  defaultScreenSubmittedTrigger,
  defaultSendMessageNode,
  defaultSetDataNode,
  defaultShowErrorNode,
} from '@sanjay-flow/runtime';
import type { LogicNode, LogicNodeType } from '@sanjay-flow/runtime';

import { screenNodes } from './document';
import type { GraphDocument, GraphLogic, Position } from './document';
import { GraphError } from './errors';

/** Every logic node kind, in the order a palette lists them: triggers, then steps. */
export const LOGIC_NODE_TYPES = [
  'trigger.flow_opened',
  'trigger.screen_submitted',
  'trigger.back',
  'trigger.message_received',
  'trigger.flow_completed',
  'condition',
  'set_data',
  'http_request',
  'lookup_table',
  'save_submission',
  'forward_submission',
  'send_message',
  'go_to_screen',
  'show_error',
  'finish_flow',
] as const satisfies readonly LogicNodeType[];

export const EMPTY_LOGIC: GraphLogic = { nodes: [], edges: [], positions: {} };

export function logicOf(doc: GraphDocument): GraphLogic {
  return doc.logic ?? EMPTY_LOGIC;
}

/** The screen ids of the document, in canvas order: what a node's `screen` field may name. */
export function screenIdsOf(doc: GraphDocument): string[] {
  return screenNodes(doc).map((node) =>
    typeof node.screen.id === 'string' ? node.screen.id : node.id,
  );
}

/** A kind the palette offers. */
export type PaletteNodeType = (typeof LOGIC_NODE_TYPES)[number];

type NodeDefaults = {
  [T in PaletteNodeType]: (id: string, screen: string) => Extract<LogicNode, { type: T }>;
};

const NODE_DEFAULTS: NodeDefaults = {
  'trigger.flow_opened': (id) => defaultFlowOpenedTrigger(id),
  'trigger.screen_submitted': (id, screen) => defaultScreenSubmittedTrigger(id, screen),
  'trigger.back': (id, screen) => defaultBackTrigger(id, screen),
  'trigger.message_received': (id) => defaultMessageReceivedTrigger(id),
  'trigger.flow_completed': (id) => defaultFlowCompletedTrigger(id),
  condition: (id) => defaultConditionNode(id),
  set_data: (id) => defaultSetDataNode(id),
  http_request: (id) => defaultHttpRequestNode(id),
  lookup_table: (id) => defaultLookupTableNode(id),
  save_submission: (id) => defaultSaveSubmissionNode(id),
  forward_submission: (id) => defaultForwardSubmissionNode(id),
  send_message: (id) => defaultSendMessageNode(id),
  go_to_screen: (id, screen) => defaultGoToScreenNode(id, screen),
  show_error: (id) => defaultShowErrorNode(id),
  finish_flow: (id) => defaultFinishFlowNode(id),
};

/**
 * A node of `type` with its kind's defaults. Kinds that need a screen get `screen`, which
 * should be one of the document's screens; the inspector lets the user pick another.
 */
export function defaultLogicNode(type: PaletteNodeType, id: string, screen: string): LogicNode {
  return NODE_DEFAULTS[type](id, screen);
}

/**
 * An id no node of the document uses yet, screens included: the canvas keeps screens and
 * logic nodes in one id space.
 */
export function newLogicNodeId(doc: GraphDocument, type: LogicNodeType): string {
  const taken = new Set([
    ...doc.nodes.map((node) => node.id),
    ...logicOf(doc).nodes.map((n) => n.id),
  ]);
  const base = type.replace('trigger.', '');
  let counter = 1;
  while (taken.has(`${base}_${counter}`)) {
    counter += 1;
  }

  return `${base}_${counter}`;
}

/** Adds a new node of `type` with its defaults at `position`; returns the document and the id. */
export function addLogicNode(
  doc: GraphDocument,
  type: PaletteNodeType,
  position: Position,
): { doc: GraphDocument; id: string } {
  const id = newLogicNodeId(doc, type);
  const screen = screenIdsOf(doc)[0] ?? 'SCREEN';
  const logic = logicOf(doc);

  return {
    id,
    doc: {
      ...doc,
      logic: {
        nodes: [...logic.nodes, defaultLogicNode(type, id, screen)],
        edges: logic.edges,
        positions: { ...logic.positions, [id]: { x: position.x, y: position.y } },
      },
    },
  };
}

/** Replaces the node with the same id; its kind and id may not change. */
export function updateLogicNode(doc: GraphDocument, node: LogicNode): GraphDocument {
  const logic = logicOf(doc);
  const current = logic.nodes.find((candidate) => candidate.id === node.id);
  if (current === undefined) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', `No logic node has the id '${node.id}'`);
  }
  if (current.type !== node.type) {
    throw new GraphError(
      'INVALID_GRAPH_DOCUMENT',
      `Node '${node.id}' is a '${current.type}' and cannot become a '${node.type}'`,
    );
  }

  return {
    ...doc,
    logic: {
      ...logic,
      nodes: logic.nodes.map((candidate) => (candidate.id === node.id ? node : candidate)),
    },
  };
}

/** Removes the nodes with these ids, every edge that touches them and their positions. */
export function removeLogicNodes(doc: GraphDocument, ids: readonly string[]): GraphDocument {
  const removed = new Set(ids);
  const logic = logicOf(doc);
  if (!logic.nodes.some((node) => removed.has(node.id))) {
    return doc;
  }

  return {
    ...doc,
    logic: {
      nodes: logic.nodes.filter((node) => !removed.has(node.id)),
      edges: logic.edges.filter((edge) => !removed.has(edge.from) && !removed.has(edge.to)),
      positions: Object.fromEntries(
        Object.entries(logic.positions).filter(([id]) => !removed.has(id)),
      ),
    },
  };
}

/** Places logic nodes; ids that are not logic nodes are ignored. */
export function moveLogicNodes(
  doc: GraphDocument,
  positions: ReadonlyMap<string, Position>,
): GraphDocument {
  const logic = doc.logic;
  if (logic === undefined) {
    return doc;
  }
  const moved = { ...logic.positions };
  for (const node of logic.nodes) {
    const position = positions.get(node.id);
    if (position !== undefined) {
      moved[node.id] = { x: position.x, y: position.y };
    }
  }

  return { ...doc, logic: { ...logic, positions: moved } };
}
