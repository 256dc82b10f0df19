import { useEditorStore } from '../editorStore';
import { layoutPositions, placedAt } from './autoLayout';
import { copyNodes, pasteNodes, readNodeSet, removeNodes, type NodeSet } from './nodeSet';

/**
 * The selection tools of the canvas, as commands on the editor store: each document change is
 * one `applyEdit`, so one undo takes it back. The clipboard lives in the browser's local
 * storage, which every tab of the product shares: nodes copied in one Flow paste into another.
 */
const CLIPBOARD_KEY = 'sanjay-flow.clipboard';

function selectedIds(): Set<string> {
  const { nodes } = useEditorStore.getState();

  return new Set(nodes.filter((node) => node.selected === true).map((node) => node.id));
}

/**
 * Marks exactly these canvas nodes selected (React Flow's multi-selection); the panels show
 * the node when it is the only one, as after a click.
 */
function selectOnly(ids: ReadonlySet<string>): void {
  const [only] = ids;
  useEditorStore.setState((state) => ({
    selection: ids.size === 1 && only !== undefined ? { nodeId: only } : null,
    nodes: state.nodes.map((node) =>
      node.selected === ids.has(node.id) ? node : { ...node, selected: ids.has(node.id) },
    ),
    edges: state.edges.map((edge) =>
      edge.selected === true ? { ...edge, selected: false } : edge,
    ),
  }));
}

function pasteSet(set: NodeSet): void {
  let pastedIds: string[] = [];
  useEditorStore.getState().applyEdit((document) => {
    const pasted = pasteNodes(document, set);
    pastedIds = pasted.ids;

    return pasted.document;
  });
  selectOnly(new Set(pastedIds));
}

export function selectAll(): void {
  selectOnly(new Set(useEditorStore.getState().nodes.map((node) => node.id)));
}

/** Copies the selected nodes; answers how many were copied. */
export function copySelection(): number {
  const { document } = useEditorStore.getState();
  const set = document && copyNodes(document, selectedIds());
  if (!set) {
    return 0;
  }
  const text = JSON.stringify(set);
  window.localStorage.setItem(CLIPBOARD_KEY, text);
  // The system clipboard too, for pasting the nodes as text; refused silently without focus.
  void navigator.clipboard?.writeText(text).catch(() => undefined);

  return set.screens.length + set.logic.nodes.length;
}

/** Pastes what was last copied, in this Flow or another; `false` when nothing was. */
export function pasteClipboard(): boolean {
  const set = readNodeSet(window.localStorage.getItem(CLIPBOARD_KEY) ?? '');
  if (set === null) {
    return false;
  }
  pasteSet(set);

  return true;
}

export function duplicateSelection(): void {
  const { document } = useEditorStore.getState();
  const set = document && copyNodes(document, selectedIds());
  if (set) {
    pasteSet(set);
  }
}

export function deleteSelection(): void {
  const ids = selectedIds();
  if (ids.size > 0) {
    useEditorStore.getState().applyEdit((document) => removeNodes(document, ids));
  }
}

/** Lays every node out afresh, as one step to undo. */
export async function layoutAll(): Promise<void> {
  const { document } = useEditorStore.getState();
  if (document === null) {
    return;
  }
  const positions = await layoutPositions(document);
  useEditorStore.getState().applyEdit((current) => placedAt(current, positions));
}
