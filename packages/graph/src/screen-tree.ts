import { isJsonObject, parsePointer, pointerTo } from '@sanjay-flow/flow-json';

import type { GraphDocument, ScreenNode } from './document';
import { GraphError } from './errors';

/**
 * Reading and rewriting values inside a screen by JSON pointer, without mutating anything:
 * every object and list on the way to the change is copied, everything else is shared.
 */

/** Where a component goes: a list of components inside a screen, and a position in it. */
export interface ComponentSlot {
  nodeId: string;
  /** Pointer of a component list: `/layout/children`, `…/children`, `…/then`, `…/cases/a`. */
  list: string;
  index: number;
}

/** A component of a screen. */
export interface ComponentPlace {
  nodeId: string;
  pointer: string;
}

export function screenNode(doc: GraphDocument, nodeId: string): ScreenNode {
  const node = doc.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.kind !== 'screen') {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', `No screen has the node id '${nodeId}'`);
  }

  return node;
}

/** The value at `pointer` inside `root`, or `undefined` when the path does not exist. */
export function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(value)) {
      value = value[Number(segment)];
    } else if (isJsonObject(value)) {
      value = Object.hasOwn(value, segment) ? value[segment] : undefined;
    } else {
      return undefined;
    }
  }

  return value;
}

/** A copy of `root` with the value at `path` replaced by `change(old)`; objects on the way must exist. */
function updateIn(
  root: unknown,
  path: readonly string[],
  change: (old: unknown) => unknown,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) {
    return change(root);
  }
  if (Array.isArray(root)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= root.length) {
      throw new GraphError('INVALID_GRAPH_DOCUMENT', `No item ${head} in the list`);
    }
    const copy: unknown[] = [...(root as unknown[])];
    copy[index] = updateIn(copy[index], rest, change);

    return copy;
  }
  if (isJsonObject(root)) {
    return { ...root, [head]: updateIn(root[head], rest, change) };
  }
  throw new GraphError('INVALID_GRAPH_DOCUMENT', `Nothing to change at '${head}'`);
}

/** The screen with the value at `pointer` replaced (or set, when only the last key is new). */
export function updateScreenAt(
  screen: Record<string, unknown>,
  pointer: string,
  change: (old: unknown) => unknown,
): Record<string, unknown> {
  return updateIn(screen, parsePointer(pointer), change) as Record<string, unknown>;
}

/** The document with one screen node's screen replaced by `change(screen)`. */
export function withScreen(
  doc: GraphDocument,
  nodeId: string,
  change: (screen: Record<string, unknown>) => Record<string, unknown>,
): GraphDocument {
  const node = screenNode(doc, nodeId);
  const screen = change(node.screen);
  if (screen === node.screen) {
    return doc;
  }

  return {
    ...doc,
    nodes: doc.nodes.map((candidate) =>
      candidate.id === nodeId ? { ...node, screen } : candidate,
    ),
  };
}

/** The component list at `pointer` of a screen; a missing layout list counts as empty. */
export function componentList(screen: Record<string, unknown>, pointer: string): unknown[] {
  const list = valueAt(screen, pointer);
  if (list === undefined) {
    return [];
  }
  if (!Array.isArray(list)) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', `'${pointer}' is not a list of components`);
  }

  return list;
}

/** The pointer of the list holding a component, and its index there. */
export function splitComponentPointer(pointer: string): { list: string; index: number } {
  const segments = parsePointer(pointer);
  const last = segments.at(-1);
  const index = Number(last);
  if (last === undefined || !Number.isInteger(index) || index < 0) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', `'${pointer}' does not name a component`);
  }

  return { list: pointerTo(...segments.slice(0, -1)), index };
}

/** A screen whose layout exists, so its component list can be written. */
export function withLayout(screen: Record<string, unknown>): Record<string, unknown> {
  const layout = isJsonObject(screen.layout) ? screen.layout : {};
  if (Array.isArray(layout.children) && layout.type !== undefined) {
    return screen;
  }

  return {
    ...screen,
    layout: {
      type: 'SingleColumnLayout',
      ...layout,
      children: Array.isArray(layout.children) ? layout.children : [],
    },
  };
}

/** The list with `item` inserted at `index` (clamped to the list). */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const at = Math.max(0, Math.min(index, list.length));

  return [...list.slice(0, at), item, ...list.slice(at)];
}
