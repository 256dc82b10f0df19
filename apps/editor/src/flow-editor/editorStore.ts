import {
  addLogicNode,
  connectLogicNodes,
  disconnectLogicNodes,
  removeLogicNodes,
  updateLogicNode,
  withLogicLaidOut,
  type GraphDocument,
  type LogicConnection,
  type PaletteNodeType,
  type Position,
} from '@sanjay-flow/graph';
import type { LogicNode } from '@sanjay-flow/runtime';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';

import { toCanvas, withPositions, type CanvasEdge, type CanvasNode } from './canvasModel';
import {
  EMPTY_HISTORY,
  recordMove,
  recordStep,
  redoStep,
  undoStep,
  type EditHistory,
  type HistoryMove,
} from './history/history';
import { removeNodes } from './history/nodeSet';
import { typingFieldKey } from './history/typingField';
import { logicCardEstimate } from './logic/placement';

/**
 * The one store of the open flow: its document, the canvas nodes and edges drawn from it,
 * and the actions that change them. Logic edits go through the pure edit functions of
 * `@sanjay-flow/graph`; `documentEdits` counts the changes that must be saved, so autosave
 * can listen without comparing documents.
 */
interface EditorState {
  flowId: string | null;
  document: GraphDocument | null;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  documentEdits: number;
  /** Every edit of the document since it was loaded, for undo and redo. */
  history: EditHistory;
  /** Why the last connection the user drew was refused. */
  refusal: string | null;
  /** The node the panels show, and the component inside a screen (a JSON pointer). */
  selection: Selection | null;
  /**
   * The one way the document changes: every edit of screens, components and logic comes here.
   * `select` moves the selection with the edit (a node just added, a component just dropped).
   */
  applyEdit: (edit: Edit, options?: EditOptions) => void;
  /** Selects a node (and a component inside a screen), or clears the selection. */
  select: (selection: Selection | null) => void;
  /** Shows why an edit the user asked for was refused (a drop where a component cannot go). */
  refuse: (reason: string) => void;
  load: (flowId: string, document: GraphDocument) => void;
  unload: () => void;
  changeNodes: (changes: NodeChange<CanvasNode>[]) => void;
  changeEdges: (changes: EdgeChange<CanvasEdge>[]) => void;
  addLogicNode: (type: PaletteNodeType, position: Position) => void;
  updateLogicNode: (node: LogicNode) => void;
  removeLogicNodes: (ids: readonly string[]) => void;
  connect: (connection: LogicConnection) => void;
  disconnect: (from: string, port: string | undefined) => void;
  dismissRefusal: () => void;
  /** Counts a change made for the user (logic nodes placed on opening) as one to save. */
  markEdited: () => void;
  undo: () => void;
  redo: () => void;
}

/** A pure change of the document; returning the same document means nothing changed. */
export type Edit = (document: GraphDocument) => GraphDocument;

/** A selected canvas node; `pointer` names a component of a screen, e.g. `/layout/children/0`. */
export interface Selection {
  nodeId: string;
  pointer?: string;
}

export interface EditOptions {
  /** The selection after the edit; without it the selection stays where it was. */
  select?: Selection;
  /**
   * Edits with the same key in quick succession make one undo step. Without it, edits made
   * while one text field has the focus share that field's key: undo takes back what was typed.
   */
  coalesce?: string;
}

const empty = {
  flowId: null,
  document: null,
  nodes: [],
  edges: [],
  documentEdits: 0,
  history: EMPTY_HISTORY,
  refusal: null,
  selection: null,
};

function movesANode(changes: NodeChange<CanvasNode>[]): boolean {
  return changes.some((change) => change.type === 'position' && change.position !== undefined);
}

function dragRuns(changes: NodeChange<CanvasNode>[]): boolean {
  return changes.some((change) => change.type === 'position' && change.dragging === true);
}

function removedIds(changes: readonly (NodeChange | EdgeChange)[]): string[] {
  return changes.flatMap((change) => (change.type === 'remove' ? [change.id] : []));
}

/**
 * The state after a document edit: positions dragged so far are folded in first, the canvas is
 * drawn again from the edited document, and the selection survives (or moves to `select`).
 */
function afterEdit(
  state: EditorState,
  edit: Edit,
  select?: Selection,
  coalesce?: string,
): Partial<EditorState> {
  if (state.document === null) {
    return {};
  }
  const folded = withPositions(state.document, state.nodes);
  const document = edit(folded);
  if (document === folded) {
    return {};
  }

  return {
    ...redrawn(state, document, select),
    history: recordStep(state.history, folded, coalesce),
  };
}

/** The canvas drawn again from `document`, keeping the selection (or moving it to `select`). */
function redrawn(state: EditorState, document: GraphDocument, select?: Selection) {
  const selected = new Set(
    select === undefined
      ? [...state.nodes, ...state.edges].filter((item) => item.selected).map((item) => item.id)
      : [select.nodeId],
  );
  const canvas = toCanvas(document);
  // React Flow's measurements stay with a node that is drawn again, so it does not flicker.
  const measured = new Map(state.nodes.map((node) => [node.id, node.measured]));

  return {
    document,
    nodes: canvas.nodes.map((node) => ({
      ...node,
      selected: selected.has(node.id),
      measured: measured.get(node.id),
    })),
    edges: canvas.edges.map((edge) => ({ ...edge, selected: selected.has(edge.id) })),
    documentEdits: state.documentEdits + 1,
    refusal: null,
    selection: select ?? keptSelection(state.selection, document),
  };
}

/** The selection after an edit that did not move it: dropped when its node is gone. */
function keptSelection(selection: Selection | null, document: GraphDocument): Selection | null {
  if (selection === null) {
    return null;
  }
  const exists =
    document.nodes.some((node) => node.id === selection.nodeId) ||
    (document.logic?.nodes ?? []).some((node) => node.id === selection.nodeId);

  return exists ? selection : null;
}

/** The selection a canvas change leaves: the one node React Flow marks selected, if only one. */
function selectionAfterCanvasChange(
  state: EditorState,
  nodes: readonly CanvasNode[],
): Selection | null {
  const selected = nodes.filter((node) => node.selected === true);
  if (selected.length !== 1 || selected[0] === undefined) {
    return null;
  }

  return selected[0].id === state.selection?.nodeId ? state.selection : { nodeId: selected[0].id };
}

/** Undo or redo: the document the history moves to, drawn, and counted as an edit to save. */
function travel(
  state: EditorState,
  step: (history: EditHistory, current: GraphDocument) => HistoryMove | null,
): Partial<EditorState> {
  if (state.document === null) {
    return {};
  }
  const moved = step(state.history, withPositions(state.document, state.nodes));

  return moved === null ? {} : { ...redrawn(state, moved.document), history: moved.history };
}

export const useEditorStore = create<EditorState>()((set) => ({
  ...empty,
  applyEdit: (edit, options = {}) =>
    set((state) => afterEdit(state, edit, options.select, options.coalesce ?? typingFieldKey())),
  select: (selection) =>
    set((state) => ({
      selection,
      nodes: state.nodes.map((node) => {
        const selected = node.id === selection?.nodeId;

        return node.selected === selected ? node : { ...node, selected };
      }),
    })),
  refuse: (reason) => set({ refusal: reason }),
  load: (flowId, document) => set({ ...empty, flowId, document, ...toCanvas(document) }),
  unload: () => set(empty),
  changeNodes: (changes) =>
    set((state) => {
      const removed = removedIds(changes);
      if (removed.length > 0) {
        return afterEdit(state, (document) => removeNodes(document, new Set(removed)));
      }

      if (!movesANode(changes) || state.document === null) {
        const nodes = applyNodeChanges(changes, state.nodes);
        const selects = changes.some((change) => change.type === 'select');

        return selects ? { nodes, selection: selectionAfterCanvasChange(state, nodes) } : { nodes };
      }
      const before = withPositions(state.document, state.nodes);

      return {
        nodes: applyNodeChanges(changes, state.nodes),
        documentEdits: state.documentEdits + 1,
        history: recordMove(state.history, before, dragRuns(changes)),
      };
    }),
  changeEdges: (changes) =>
    set((state) => {
      const removed = new Set(removedIds(changes));
      const disconnected = state.edges.flatMap((edge) =>
        removed.has(edge.id) && edge.data?.kind === 'logic' ? [edge.data] : [],
      );
      if (disconnected.length > 0) {
        return afterEdit(state, (document) =>
          disconnected.reduce(
            (edited, edge) => disconnectLogicNodes(edited, edge.from, edge.port),
            document,
          ),
        );
      }

      return { edges: applyEdgeChanges(changes, state.edges) };
    }),
  addLogicNode: (type, position) =>
    set((state) => {
      if (state.document === null) {
        return {};
      }
      const added = addLogicNode(withPositions(state.document, state.nodes), type, position);

      return afterEdit(state, () => added.doc, { nodeId: added.id });
    }),
  updateLogicNode: (node) =>
    set((state) =>
      afterEdit(state, (doc) => updateLogicNode(doc, node), undefined, `logic:${node.id}`),
    ),
  removeLogicNodes: (ids) => set((state) => afterEdit(state, (doc) => removeLogicNodes(doc, ids))),
  connect: (connection) =>
    set((state) => {
      if (state.document === null) {
        return {};
      }
      const result = connectLogicNodes(state.document, connection);
      if (!result.ok) {
        return { refusal: result.reason };
      }

      return afterEdit(state, (document) => {
        const connected = connectLogicNodes(document, connection);

        return connected.ok ? connected.doc : document;
      });
    }),
  disconnect: (from, port) =>
    set((state) => afterEdit(state, (doc) => disconnectLogicNodes(doc, from, port))),
  dismissRefusal: () => set({ refusal: null }),
  markEdited: () => set((state) => ({ documentEdits: state.documentEdits + 1 })),
  undo: () => set((state) => travel(state, undoStep)),
  redo: () => set((state) => travel(state, redoStep)),
}));

interface OpenOptions {
  /** False once the page that asked has moved on: the document is then not loaded. */
  stillOpen?: () => boolean;
  /** Runs after the load and before the layout counts as an edit (the autosaver's reset). */
  afterLoad?: () => void;
}

/**
 * Opens a flow's document with its unplaced logic nodes laid out first. The positions found are
 * an edit like a drag, so the next autosave keeps them. A layout that fails leaves the nodes
 * where the canvas model puts unplaced ones: the flow still opens.
 */
export async function openDocument(
  flowId: string,
  document: GraphDocument,
  { stillOpen = () => true, afterLoad = () => undefined }: OpenOptions = {},
): Promise<void> {
  const laidOut = await withLogicLaidOut(document, logicCardEstimate).catch(() => document);
  if (!stillOpen()) {
    return;
  }
  const store = useEditorStore.getState();
  store.load(flowId, laidOut);
  afterLoad();
  if (laidOut !== document) {
    store.markEdited();
  }
}

/** The flow's document as it should be saved now: the loaded one with the current positions. */
export function currentDocument(flowId: string): GraphDocument | null {
  const state = useEditorStore.getState();
  if (state.flowId !== flowId || state.document === null) {
    return null;
  }

  return withPositions(state.document, state.nodes);
}
