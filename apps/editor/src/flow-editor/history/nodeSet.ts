import {
  GraphDocumentSchema,
  logicOf,
  newLogicNodeId,
  type GraphDocument,
  type GraphLogic,
  type Position,
  type ScreenNode,
} from '@sanjay-flow/graph';

/**
 * A set of canvas nodes taken out of one document to be put into another (or the same):
 * copy, paste, duplicate and delete. Screens keep their Flow JSON; logic nodes keep the
 * edges between them and their positions.
 */
export interface NodeSet {
  format: 'sanjay-flow/nodes';
  version: 1;
  screens: ScreenNode[];
  logic: GraphLogic;
  /** The routing_model entries of the copied screens, when the Flow has one. */
  routes: Record<string, string[]>;
}

const NODE_SET_HEADER = { format: 'sanjay-flow/nodes', version: 1 } as const;

/** How far a pasted copy sits from its original, so that both can be seen. */
export const PASTE_OFFSET: Position = { x: 40, y: 40 };

function screenIdOf(node: ScreenNode): string {
  return typeof node.screen.id === 'string' ? node.screen.id : node.id;
}

function routingModelOf(document: GraphDocument): Record<string, string[]> | undefined {
  const model = document.flow.routing_model;
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    return undefined;
  }

  return model as Record<string, string[]>;
}

/** The nodes with these ids, with the logic edges that join two of them; `null` when none. */
export function copyNodes(document: GraphDocument, ids: ReadonlySet<string>): NodeSet | null {
  const screens = document.nodes.filter((node) => ids.has(node.id));
  const logic = logicOf(document);
  const nodes = logic.nodes.filter((node) => ids.has(node.id));
  if (screens.length === 0 && nodes.length === 0) {
    return null;
  }
  const routing = routingModelOf(document) ?? {};
  const copied = new Set(screens.map(screenIdOf));

  return {
    ...NODE_SET_HEADER,
    screens: structuredClone(screens),
    logic: structuredClone({
      nodes,
      edges: logic.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to)),
      positions: Object.fromEntries(Object.entries(logic.positions).filter(([id]) => ids.has(id))),
    }),
    routes: Object.fromEntries(
      [...copied].map((id) => [id, (routing[id] ?? []).filter((target) => copied.has(target))]),
    ),
  };
}

/** Reads a node set from clipboard text; `null` for anything else the clipboard may hold. */
export function readNodeSet(text: string): NodeSet | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const set = value as Partial<NodeSet>;
  // The screens and logic are checked as the graph document that would hold them.
  const parsed = GraphDocumentSchema.safeParse({
    schemaVersion: 1,
    flow: {},
    nodes: set.screens,
    logic: set.logic,
  });
  const routes = readRoutes(set.routes);
  if (set.format !== 'sanjay-flow/nodes' || set.version !== 1 || !parsed.success || !routes) {
    return null;
  }
  const { nodes, logic } = parsed.data;

  return {
    ...NODE_SET_HEADER,
    screens: nodes,
    logic: logic ?? { nodes: [], edges: [], positions: {} },
    routes,
  };
}

function readRoutes(value: unknown): Record<string, string[]> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const valid = entries.every(
    ([, targets]) =>
      Array.isArray(targets) && targets.every((target) => typeof target === 'string'),
  );

  return valid ? (value as Record<string, string[]>) : null;
}

/** Screen ids hold letters and underscores only, so copies are told apart by letters. */
function freeScreenId(wanted: string, taken: ReadonlySet<string>): string {
  const base = `${wanted}_COPY`;
  if (!taken.has(base)) {
    return base;
  }
  for (let index = 0; ; index += 1) {
    const candidate = `${base}_${letters(index)}`;
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
}

function letters(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));

  return index < 26 ? letter : `${letters(Math.floor(index / 26) - 1)}${letter}`;
}

/** Every place a screen id is named: navigate targets, logic `screen` fields, references. */
function renameScreens(value: unknown, renamed: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{screen\.([A-Za-z_]+)\./g, (whole, id: string) => {
      const next = renamed.get(id);

      return next === undefined ? whole : `\${screen.${next}.`;
    });
  }
  if (Array.isArray(value)) {
    return value.map((item) => renameScreens(item, renamed));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const target = 'type' in value && value.type === 'screen';

  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const names = (key === 'screen' || (target && key === 'name')) && typeof item === 'string';

      return [key, names ? (renamed.get(item) ?? item) : renameScreens(item, renamed)];
    }),
  );
}

function shifted(position: Position, offset: Position): Position {
  return { x: position.x + offset.x, y: position.y + offset.y };
}

/** New ids for the pasted screens, none taken in `document` (or by each other). */
function screenRenames(document: GraphDocument, set: NodeSet): Map<string, string> {
  const taken = new Set([
    ...document.nodes.flatMap((node) => [node.id, screenIdOf(node)]),
    ...logicOf(document).nodes.map((node) => node.id),
  ]);
  const renamed = new Map<string, string>();
  for (const node of set.screens) {
    const id = freeScreenId(screenIdOf(node), taken);
    taken.add(id);
    renamed.set(screenIdOf(node), id);
  }

  return renamed;
}

function pastedScreens(set: NodeSet, renamed: Map<string, string>, offset: Position) {
  return set.screens.map((node): ScreenNode => {
    const id = renamed.get(screenIdOf(node)) ?? screenIdOf(node);
    const screen = renameScreens(node.screen, renamed) as Record<string, unknown>;

    return {
      kind: 'screen',
      id,
      position: shifted(node.position, offset),
      screen: { ...screen, id },
    };
  });
}

/** The logic of `document` with the set's logic added under fresh ids. */
function pastedLogic(
  document: GraphDocument,
  set: NodeSet,
  renamed: Map<string, string>,
  offset: Position,
): { logic: GraphLogic; ids: string[] } {
  let logic = logicOf(document);
  const ids = new Map<string, string>();
  for (const node of set.logic.nodes) {
    const id = newLogicNodeId({ ...document, logic }, node.type);
    ids.set(node.id, id);
    const copy = { ...(renameScreens(node, renamed) as typeof node), id };
    const position = set.logic.positions[node.id];
    logic = {
      ...logic,
      nodes: [...logic.nodes, copy],
      positions:
        position === undefined
          ? logic.positions
          : { ...logic.positions, [id]: shifted(position, offset) },
    };
  }
  const edges = set.logic.edges.map((edge) => ({
    ...edge,
    from: ids.get(edge.from) ?? edge.from,
    to: ids.get(edge.to) ?? edge.to,
  }));

  return { logic: { ...logic, edges: [...logic.edges, ...edges] }, ids: [...ids.values()] };
}

/**
 * Puts a copy of the set into `document`, `offset` away from where it was copied. Screens get
 * new ids (and every reference among the copied nodes follows), logic nodes new ids; a Flow
 * with a routing_model gets an entry for each pasted screen. Answers the new node ids.
 */
export function pasteNodes(
  document: GraphDocument,
  set: NodeSet,
  offset: Position = PASTE_OFFSET,
): { document: GraphDocument; ids: string[] } {
  const renamed = screenRenames(document, set);
  const screens = pastedScreens(set, renamed, offset);
  const { logic, ids } = pastedLogic(document, set, renamed, offset);
  const routing = routingModelOf(document);
  const flow =
    routing === undefined
      ? document.flow
      : {
          ...document.flow,
          routing_model: {
            ...routing,
            ...Object.fromEntries(
              Object.entries(set.routes).map(([id, targets]) => [
                renamed.get(id) ?? id,
                targets.map((target) => renamed.get(target) ?? target),
              ]),
            ),
          },
        };
  const pasted = { ...document, flow, nodes: [...document.nodes, ...screens] };

  return {
    document: set.logic.nodes.length === 0 ? pasted : { ...pasted, logic },
    ids: [...screens.map((node) => node.id), ...ids],
  };
}

/**
 * The document without the nodes with these ids: logic nodes with their edges, screens with
 * their routing_model entries. The last screen stays: a Flow needs one.
 */
export function removeNodes(document: GraphDocument, ids: ReadonlySet<string>): GraphDocument {
  const screens = document.nodes.filter((node) => !ids.has(node.id));
  const kept = screens.length > 0 ? screens : document.nodes.slice(0, 1);
  const gone = new Set(document.nodes.filter((node) => !kept.includes(node)).map(screenIdOf));
  const logic = logicOf(document);
  const removedLogic = logic.nodes.some((node) => ids.has(node.id));
  if (gone.size === 0 && !removedLogic) {
    return document;
  }
  const routing = routingModelOf(document);
  const flow =
    routing === undefined || gone.size === 0
      ? document.flow
      : {
          ...document.flow,
          routing_model: Object.fromEntries(
            Object.entries(routing)
              .filter(([id]) => !gone.has(id))
              .map(([id, targets]) => [id, targets.filter((target) => !gone.has(target))]),
          ),
        };
  const withoutScreens = { ...document, flow, nodes: kept };

  return removedLogic
    ? {
        ...withoutScreens,
        logic: {
          nodes: logic.nodes.filter((node) => !ids.has(node.id)),
          edges: logic.edges.filter((edge) => !ids.has(edge.from) && !ids.has(edge.to)),
          positions: Object.fromEntries(
            Object.entries(logic.positions).filter(([id]) => !ids.has(id)),
          ),
        },
      }
    : withoutScreens;
}
