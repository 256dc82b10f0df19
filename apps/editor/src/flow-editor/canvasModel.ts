import {
  moveLogicNodes,
  screenEdges,
  summarizeScreen,
  type GraphDocument,
  type ScreenNode,
} from '@sanjay-flow/graph';
import { MarkerType, type Edge, type Node } from '@xyflow/react';

import { navigateSourceHandle } from './screens/handles';
import {
  toLogicCanvasEdges,
  toLogicCanvasNodes,
  type LogicCanvasEdge,
  type LogicCanvasNode,
} from './logicCanvasModel';

/** Translates the graph document to React Flow nodes and edges, and positions back. */
export type ScreenComponentLine = ReturnType<typeof summarizeScreen>['components'][number];

export type ScreenCardData = {
  screenId: string;
  title: string;
  terminal: boolean;
  components: ScreenComponentLine[];
};

export type ScreenCanvasNode = Node<ScreenCardData, 'screen'>;

export type NavigationEdgeData = { kind: 'navigate' | 'route' };

export type NavigationCanvasEdge = Edge<NavigationEdgeData>;

function isScreenNode(node: GraphDocument['nodes'][number]): node is ScreenNode {
  return node.kind === 'screen';
}

export function toCanvasNodes(document: GraphDocument): ScreenCanvasNode[] {
  return document.nodes.filter(isScreenNode).map((node) => {
    const summary = summarizeScreen(node.screen);

    return {
      id: node.id,
      type: 'screen',
      position: { x: node.position.x, y: node.position.y },
      data: {
        screenId: node.id,
        title: summary.title,
        terminal: node.screen.terminal === true,
        components: summary.components,
      },
    };
  });
}

export function toCanvasEdges(document: GraphDocument): NavigationCanvasEdge[] {
  return screenEdges(document).map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...navigateSourceHandle(edge),
    label: edge.label,
    data: { kind: edge.kind },
    className: `navigation-edge navigation-edge--${edge.kind}`,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
}

export type CanvasNode = ScreenCanvasNode | LogicCanvasNode;
export type CanvasEdge = NavigationCanvasEdge | LogicCanvasEdge;

/** Everything the canvas draws: screens, logic nodes, navigation, logic edges, screen links. */
export function toCanvas(document: GraphDocument): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return {
    nodes: [...toCanvasNodes(document), ...toLogicCanvasNodes(document)],
    edges: [...toCanvasEdges(document), ...toLogicCanvasEdges(document)],
  };
}

/** The document with each screen and logic node placed where its canvas node now stands. */
export function withPositions(
  document: GraphDocument,
  nodes: readonly CanvasNode[],
): GraphDocument {
  const positions = new Map(nodes.map((node) => [node.id, node.position]));

  return {
    ...moveLogicNodes(document, positions),
    nodes: document.nodes.map((node) => {
      const position = positions.get(node.id);

      return position === undefined
        ? node
        : { ...node, position: { x: position.x, y: position.y } };
    }),
  };
}
