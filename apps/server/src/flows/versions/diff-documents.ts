import { isJsonObject, walkComponents } from '@sanjay-flow/flow-json';
import { logicOf, screenNodes, type GraphDocument, type ScreenNode } from '@sanjay-flow/graph';

/**
 * A readable difference between two graph documents: one entry per Flow setting, screen,
 * component, screen property, component property or logic node that changed, each placed by a
 * path a business user can follow (`Screen “CONTACT”`, `TextInput “email”`, `label`), never by
 * raw JSON lines. Positions on the canvas are not part of it.
 */
export interface DiffEntry {
  change: 'added' | 'removed' | 'changed';
  area: 'flow' | 'screen' | 'component' | 'logic';
  path: string[];
  before?: unknown;
  after?: unknown;
}

// Component properties that hold other components: those are compared as components.
const SLOT_KEYS = new Set(['children', 'then', 'else', 'cases']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function present(value: unknown): value is NonNullable<unknown> {
  return value !== undefined;
}

/** Property by property; nested objects are walked, lists and plain values compared whole. */
function diffProperties(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  area: DiffEntry['area'],
  path: string[],
  skip: ReadonlySet<string> = new Set(),
): DiffEntry[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];

  return keys
    .filter((key) => !skip.has(key))
    .flatMap((key): DiffEntry[] => {
      const [old, now] = [before[key], after[key]];
      if (same(old, now)) {
        return [];
      }
      if (isJsonObject(old) && isJsonObject(now)) {
        return diffProperties(old, now, area, [...path, key]);
      }
      const change = !present(old) ? 'added' : !present(now) ? 'removed' : 'changed';

      return [{ change, area, path: [...path, key], before: old, after: now }];
    });
}

interface PlacedComponent {
  key: string;
  label: string;
  properties: Record<string, unknown>;
}

/** A screen's components, each named by its field name or by its type and rank. */
function componentsOf(node: ScreenNode): PlacedComponent[] {
  const found: PlacedComponent[] = [];
  const seen = new Map<string, number>();
  const layout = node.screen.layout;
  walkComponents(isJsonObject(layout) ? layout.children : undefined, '', ({ component }) => {
    if (!isJsonObject(component)) {
      return;
    }
    const type = typeof component.type === 'string' ? component.type : 'Component';
    if (typeof component.name === 'string') {
      found.push({
        key: `name:${component.name}`,
        label: `${type} “${component.name}”`,
        properties: component,
      });

      return;
    }
    const rank = (seen.get(type) ?? 0) + 1;
    seen.set(type, rank);
    found.push({
      key: `${type}#${rank}`,
      label: rank === 1 ? type : `${type} ${rank}`,
      properties: component,
    });
  });

  return found;
}

function diffComponents(before: ScreenNode, after: ScreenNode, screen: string): DiffEntry[] {
  const old = componentsOf(before);
  const now = componentsOf(after);
  const oldByKey = new Map(old.map((component) => [component.key, component]));
  const nowByKey = new Map(now.map((component) => [component.key, component]));
  const entries: DiffEntry[] = [];
  for (const component of old.filter((item) => !nowByKey.has(item.key))) {
    entries.push({
      change: 'removed',
      area: 'component',
      path: [screen, component.label],
      before: component.properties,
    });
  }
  for (const component of now) {
    const previous = oldByKey.get(component.key);
    entries.push(
      ...(previous === undefined
        ? [
            {
              change: 'added' as const,
              area: 'component' as const,
              path: [screen, component.label],
              after: component.properties,
            },
          ]
        : diffProperties(
            previous.properties,
            component.properties,
            'component',
            [screen, component.label],
            SLOT_KEYS,
          )),
    );
  }
  const oldOrder = old
    .map((item) => item.label)
    .filter((label) => now.some((item) => item.label === label));
  const nowOrder = now
    .map((item) => item.label)
    .filter((label) => old.some((item) => item.label === label));
  if (!same(oldOrder, nowOrder)) {
    entries.push({
      change: 'changed',
      area: 'screen',
      path: [screen, 'order of components'],
      before: oldOrder,
      after: nowOrder,
    });
  }

  return entries;
}

function screenIdOf(node: ScreenNode): string {
  return typeof node.screen.id === 'string' ? node.screen.id : node.id;
}

function diffScreens(before: GraphDocument, after: GraphDocument): DiffEntry[] {
  const old = new Map(screenNodes(before).map((node) => [screenIdOf(node), node]));
  const now = new Map(screenNodes(after).map((node) => [screenIdOf(node), node]));
  const entries: DiffEntry[] = [];
  for (const [id, node] of old) {
    if (!now.has(id)) {
      entries.push({
        change: 'removed',
        area: 'screen',
        path: [`Screen “${id}”`],
        before: node.screen,
      });
    }
  }
  for (const [id, node] of now) {
    const label = `Screen “${id}”`;
    const previous = old.get(id);
    if (previous === undefined) {
      entries.push({ change: 'added', area: 'screen', path: [label], after: node.screen });
      continue;
    }
    entries.push(
      ...diffProperties(previous.screen, node.screen, 'screen', [label], new Set(['layout'])),
      ...diffComponents(previous, node, label),
    );
  }

  return entries;
}

function edgeLabel(edge: { from: string; to: string; port?: string | undefined }): string {
  return `${edge.from}${edge.port === undefined ? '' : ` (${edge.port})`} → ${edge.to}`;
}

function diffLogic(before: GraphDocument, after: GraphDocument): DiffEntry[] {
  const [old, now] = [logicOf(before), logicOf(after)];
  const oldById = new Map(old.nodes.map((node) => [node.id, node]));
  const nowById = new Map(now.nodes.map((node) => [node.id, node]));
  const label = (node: { id: string; type: string }) => `Logic “${node.id}” (${node.type})`;
  const entries: DiffEntry[] = old.nodes
    .filter((node) => !nowById.has(node.id))
    .map((node) => ({ change: 'removed', area: 'logic', path: [label(node)], before: node }));
  for (const node of now.nodes) {
    const previous = oldById.get(node.id);
    entries.push(
      ...(previous === undefined
        ? [{ change: 'added' as const, area: 'logic' as const, path: [label(node)], after: node }]
        : diffProperties(previous, node, 'logic', [label(node)])),
    );
  }
  const oldEdges = new Set(old.edges.map(edgeLabel));
  const nowEdges = new Set(now.edges.map(edgeLabel));
  for (const edge of oldEdges) {
    if (!nowEdges.has(edge)) {
      entries.push({ change: 'removed', area: 'logic', path: ['Logic connection', edge] });
    }
  }
  for (const edge of nowEdges) {
    if (!oldEdges.has(edge)) {
      entries.push({ change: 'added', area: 'logic', path: ['Logic connection', edge] });
    }
  }

  return entries;
}

/** Every difference from `before` to `after`: Flow settings, then screens, then logic. */
export function diffDocuments(before: GraphDocument, after: GraphDocument): DiffEntry[] {
  return [
    ...diffProperties(before.flow, after.flow, 'flow', ['Flow']),
    ...diffScreens(before, after),
    ...diffLogic(before, after),
  ];
}
