import { isJsonObject, RoutingModelSchema } from '@sanjay-flow/flow-json';

import { screenNodes } from './document';
import type { GraphDocument, Position } from './document';
import { GraphError } from './errors';
import {
  componentList,
  insertAt,
  screenNode,
  splitComponentPointer,
  updateScreenAt,
  valueAt,
  withLayout,
  withScreen,
} from './screen-tree';
import type { ComponentPlace, ComponentSlot } from './screen-tree';

/** Screen ids take letters and underscores only (Flow JSON refuses digits), so suffixes are letters. */
function letterSuffix(counter: number): string {
  let rest = counter;
  let suffix = '';
  do {
    suffix = String.fromCharCode(65 + (rest % 26)) + suffix;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);

  return suffix;
}

/** A screen id (and node id) no node of the document uses: `SCREEN_A`, `SCREEN_B`, … */
export function newScreenId(doc: GraphDocument): string {
  const taken = new Set([
    ...doc.nodes.map((node) => node.id),
    ...screenNodes(doc).map((node) => node.screen.id),
    ...(doc.logic?.nodes ?? []).map((node) => node.id),
  ]);
  let counter = 0;
  while (taken.has(`SCREEN_${letterSuffix(counter)}`)) {
    counter += 1;
  }

  return `SCREEN_${letterSuffix(counter)}`;
}

/** Adds an empty screen at `position`; returns the document and the new node id. */
export function addScreen(
  doc: GraphDocument,
  position: Position,
): { doc: GraphDocument; id: string } {
  const id = newScreenId(doc);
  const screen = {
    id,
    title: 'New screen',
    data: {},
    layout: { type: 'SingleColumnLayout', children: [] },
  };

  return {
    id,
    doc: {
      ...doc,
      nodes: [
        ...doc.nodes,
        { kind: 'screen', id, position: { x: position.x, y: position.y }, screen },
      ],
    },
  };
}

function screenIdOf(doc: GraphDocument, nodeId: string): string {
  const node = screenNode(doc, nodeId);

  return typeof node.screen.id === 'string' ? node.screen.id : node.id;
}

/** Removes a screen node and its `routing_model` entries; navigate actions into it are left for the validator to report. */
export function removeScreen(doc: GraphDocument, nodeId: string): GraphDocument {
  if (!doc.nodes.some((node) => node.id === nodeId)) {
    return doc;
  }
  const screenId = screenIdOf(doc, nodeId);
  const parsed = RoutingModelSchema.safeParse(doc.flow.routing_model);
  const flow = parsed.success
    ? {
        ...doc.flow,
        routing_model: Object.fromEntries(
          Object.entries(parsed.data)
            .filter(([source]) => source !== screenId)
            .map(([source, targets]) => [source, targets.filter((target) => target !== screenId)]),
        ),
      }
    : doc.flow;

  return { ...doc, flow, nodes: doc.nodes.filter((node) => node.id !== nodeId) };
}

/** Sets (or, with `undefined`, removes) top-level screen properties such as `title`, `terminal`, `data`. */
export function updateScreenProperties(
  doc: GraphDocument,
  nodeId: string,
  properties: Readonly<Record<string, unknown>>,
): GraphDocument {
  if ('id' in properties || 'layout' in properties) {
    throw new GraphError(
      'INVALID_GRAPH_DOCUMENT',
      'A screen id changes with renameScreen, its layout with the component edits',
    );
  }

  return withScreen(doc, nodeId, (screen) => {
    const next: Record<string, unknown> = { ...screen };
    for (const [key, value] of Object.entries(properties)) {
      if (value === undefined) {
        delete next[key];
      } else {
        next[key] = value;
      }
    }

    return next;
  });
}

/** Adds `component` at a slot of a screen. */
export function addComponent(
  doc: GraphDocument,
  slot: ComponentSlot,
  component: Record<string, unknown>,
): GraphDocument {
  return withScreen(doc, slot.nodeId, (screen) => insertInto(withLayout(screen), slot, component));
}

function insertInto(
  screen: Record<string, unknown>,
  slot: ComponentSlot,
  component: unknown,
): Record<string, unknown> {
  const list = componentList(screen, slot.list);

  return updateScreenAt(screen, slot.list, () => insertAt(list, slot.index, component));
}

/** Replaces the component at `place` (its properties are the caller's to check). */
export function updateComponent(
  doc: GraphDocument,
  place: ComponentPlace,
  component: Record<string, unknown>,
): GraphDocument {
  if (!isJsonObject(valueAt(screenNode(doc, place.nodeId).screen, place.pointer))) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', `No component at '${place.pointer}'`);
  }

  return withScreen(doc, place.nodeId, (screen) =>
    updateScreenAt(screen, place.pointer, () => component),
  );
}

/** Removes the component at `place`, with whatever it holds. */
export function removeComponent(doc: GraphDocument, place: ComponentPlace): GraphDocument {
  const { list, index } = splitComponentPointer(place.pointer);

  return withScreen(doc, place.nodeId, (screen) => {
    const items = componentList(screen, list);
    if (index >= items.length) {
      throw new GraphError('INVALID_GRAPH_DOCUMENT', `No component at '${place.pointer}'`);
    }

    return updateScreenAt(screen, list, () => items.filter((_, at) => at !== index));
  });
}

/**
 * Where `slot` ends up once the component at `from` has left its list (same screen only):
 * later siblings, and lists inside them, move up by one.
 */
function slotAfterRemoval(slot: ComponentSlot, from: ComponentPlace): ComponentSlot {
  if (slot.nodeId !== from.nodeId) {
    return slot;
  }
  const { list, index } = splitComponentPointer(from.pointer);
  if (slot.list === list) {
    return slot.index > index ? { ...slot, index: slot.index - 1 } : slot;
  }
  const prefix = `${list}/`;
  if (!slot.list.startsWith(prefix)) {
    return slot;
  }
  const [head = '', ...rest] = slot.list.slice(prefix.length).split('/');
  const sibling = Number(head);
  if (sibling <= index) {
    return slot;
  }

  return { ...slot, list: [list, String(sibling - 1), ...rest].join('/') };
}

/** Why `to` cannot take the component at `from` (itself or its own content), or `null`. */
export function moveRefusal(from: ComponentPlace, to: ComponentSlot): string | null {
  const inside = to.nodeId === from.nodeId && `${to.list}/`.startsWith(`${from.pointer}/`);

  return inside ? 'A component cannot be moved into itself' : null;
}

/** Moves a component to another place, in the same screen or another one. */
export function moveComponent(
  doc: GraphDocument,
  from: ComponentPlace,
  to: ComponentSlot,
): GraphDocument {
  const refusal = moveRefusal(from, to);
  if (refusal !== null) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', refusal);
  }
  const component = valueAt(screenNode(doc, from.nodeId).screen, from.pointer);
  if (!isJsonObject(component)) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', `No component at '${from.pointer}'`);
  }
  const removed = removeComponent(doc, from);

  return withScreen(removed, to.nodeId, (screen) =>
    insertInto(withLayout(screen), slotAfterRemoval(to, from), component),
  );
}
