import type { GraphDocument } from '@sanjay-flow/graph';
import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';

import {
  toCanvasEdges,
  toCanvasNodes,
  withPositions,
  type NavigationCanvasEdge,
  type ScreenCanvasNode,
} from './canvasModel';

/**
 * The one store of the open flow: its document, the canvas nodes and edges drawn from it,
 * and the actions that change them. `documentEdits` counts the changes that must be saved,
 * so autosave can listen without comparing documents.
 */
interface EditorState {
  flowId: string | null;
  document: GraphDocument | null;
  nodes: ScreenCanvasNode[];
  edges: NavigationCanvasEdge[];
  documentEdits: number;
  load: (flowId: string, document: GraphDocument) => void;
  unload: () => void;
  changeNodes: (changes: NodeChange<ScreenCanvasNode>[]) => void;
}

function movesAScreen(changes: NodeChange<ScreenCanvasNode>[]): boolean {
  return changes.some((change) => change.type === 'position' && change.position !== undefined);
}

const empty = { flowId: null, document: null, nodes: [], edges: [], documentEdits: 0 };

export const useEditorStore = create<EditorState>()((set) => ({
  ...empty,

  load: (flowId, document) =>
    set({ flowId, document, nodes: toCanvasNodes(document), edges: toCanvasEdges(document) }),

  unload: () => set(empty),

  changeNodes: (changes) =>
    set((state) => ({
      nodes: applyNodeChanges(changes, state.nodes),
      documentEdits: movesAScreen(changes) ? state.documentEdits + 1 : state.documentEdits,
    })),
}));

/** The flow's document as it should be saved now: the loaded one with the current positions. */
export function currentDocument(flowId: string): GraphDocument | null {
  const state = useEditorStore.getState();
  if (state.flowId !== flowId || state.document === null) {
    return null;
  }

  return withPositions(state.document, state.nodes);
}
