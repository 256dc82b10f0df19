import {
  compileProgram,
  expressionProblems,
  logicOf,
  logicScreenLinks,
  type GraphDocument,
} from '@sanjay-flow/graph';
import { checkProgram, isTrigger, portsOf, type LogicNode } from '@sanjay-flow/runtime';
import { MarkerType, type Edge, type Node } from '@xyflow/react';

/** Translates the logic part of the graph document to React Flow nodes and edges. */

/** The card families of logic nodes; each has its own memoised component. */
export type LogicFamily = 'trigger' | 'branch' | 'step' | 'end';

export type LogicCardData = {
  node: LogicNode;
  /** Handle ids of the exits, in the order `portsOf` gives them. */
  exits: string[];
  problems: string[];
};

export type LogicCanvasNode = Node<LogicCardData, LogicFamily>;

export type LogicEdgeData = { kind: 'logic'; from: string; port: string | undefined };
export type LogicLinkEdgeData = { kind: 'screen-link' };
export type LogicCanvasEdge = Edge<LogicEdgeData | LogicLinkEdgeData>;

/** The handle of a node's single unnamed exit; no runtime port has this name. */
export const DEFAULT_EXIT = 'next';
/** The handles that join a logic node to a screen; the user never drags from them. */
export const SCREEN_HANDLE = 'screen';
export const ENTRY_HANDLE = 'in';

const BRANCHES = new Set<string>(['condition', 'lookup_table']);

export function familyOf(node: LogicNode): LogicFamily {
  if (isTrigger(node)) {
    return 'trigger';
  }
  if (BRANCHES.has(node.type)) {
    return 'branch';
  }

  return portsOf(node).length === 0 ? 'end' : 'step';
}

export function exitHandle(port: string | undefined): string {
  return port ?? DEFAULT_EXIT;
}

export function portOfHandle(handle: string | null | undefined): string | undefined {
  return handle === null || handle === undefined || handle === DEFAULT_EXIT ? undefined : handle;
}

/** What the runtime would refuse in each node: unparsable expressions and program checks. */
export function logicProblems(document: GraphDocument): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (nodeId: string, message: string) => {
    problems.set(nodeId, [...(problems.get(nodeId) ?? []), message]);
  };
  try {
    for (const problem of checkProgram(compileProgram(document))) {
      if (problem.nodeId !== undefined) {
        add(
          problem.nodeId,
          `${problem.field === undefined ? '' : `${problem.field}: `}${problem.message}`,
        );
      }
    }
  } catch {
    // A screen the runtime cannot read: the checks by field below still hold.
    for (const node of logicOf(document).nodes) {
      for (const problem of expressionProblems(node)) {
        add(node.id, `${problem.field}: ${problem.message}`);
      }
    }
  }

  return problems;
}

export function toLogicCanvasNodes(document: GraphDocument): LogicCanvasNode[] {
  const logic = logicOf(document);
  const problems = logicProblems(document);

  return logic.nodes.map((node, index) => ({
    id: node.id,
    type: familyOf(node),
    position: logic.positions[node.id] ?? { x: 40 + index * 30, y: 40 + index * 30 },
    data: { node, exits: portsOf(node).map(exitHandle), problems: problems.get(node.id) ?? [] },
  }));
}

export function toLogicCanvasEdges(document: GraphDocument): LogicCanvasEdge[] {
  const links = logicScreenLinks(document).map((link): LogicCanvasEdge => ({
    id: link.id,
    source: link.source,
    target: link.target,
    ...(link.kind === 'go_to_screen' || link.kind === 'show_error'
      ? { sourceHandle: SCREEN_HANDLE }
      : { targetHandle: SCREEN_HANDLE }),
    label: link.label,
    data: { kind: 'screen-link' },
    selectable: false,
    deletable: false,
    className: `logic-edge logic-edge--screen logic-edge--${link.kind}`,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  const edges = logicOf(document).edges.map((edge): LogicCanvasEdge => ({
    id: `logic:${edge.from}:${exitHandle(edge.port)}`,
    source: edge.from,
    sourceHandle: exitHandle(edge.port),
    target: edge.to,
    targetHandle: ENTRY_HANDLE,
    ...(edge.port === undefined ? {} : { label: edge.port }),
    data: { kind: 'logic', from: edge.from, port: edge.port },
    className: `logic-edge${edge.port === undefined ? '' : ` logic-edge--${edge.port}`}`,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));

  return [...links, ...edges];
}
