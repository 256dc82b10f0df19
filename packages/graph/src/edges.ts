import { NavigateActionSchema, isJsonObject, walkComponents } from '@sanjay-flow/flow-json';
import type { JsonObject } from '@sanjay-flow/flow-json';

import { screenNodes } from './document';
import type { GraphDocument, ScreenNode } from './document';

export interface ScreenEdge {
  id: string;
  /** Node ids. */
  source: string;
  target: string;
  /** `navigate`: a client-side navigate action; `route`: a routing_model entry only the endpoint follows. */
  kind: 'navigate' | 'route';
  /** What triggers the move, in words shown on the canvas. */
  label: string;
}

interface NavigateFound {
  target: string;
  label: string;
  pointer: string;
}

/**
 * The screen-to-screen edges of a document: one per navigate action, then one per
 * routing_model entry that no navigate action already draws. Edges whose screens do not exist
 * are left out (the validator reports them).
 */
export function screenEdges(doc: GraphDocument): ScreenEdge[] {
  const screens = screenNodes(doc);
  const nodeIdByScreenId = new Map<string, string>();
  for (const node of screens) {
    const screenId = typeof node.screen.id === 'string' ? node.screen.id : node.id;
    if (!nodeIdByScreenId.has(screenId)) {
      nodeIdByScreenId.set(screenId, node.id);
    }
  }
  const navigateEdges = screens.flatMap((node) =>
    findNavigations(node).flatMap(({ target, label, pointer }): ScreenEdge[] => {
      const targetNode = nodeIdByScreenId.get(target);

      return targetNode === undefined
        ? []
        : [
            {
              id: `navigate:${node.id}:${pointer}`,
              source: node.id,
              target: targetNode,
              kind: 'navigate',
              label,
            },
          ];
    }),
  );

  return [...navigateEdges, ...routeEdges(doc.flow.routing_model, nodeIdByScreenId, navigateEdges)];
}

function findNavigations(node: ScreenNode): NavigateFound[] {
  const found: NavigateFound[] = [];
  const layout = isJsonObject(node.screen.layout) ? node.screen.layout : {};
  walkComponents(layout.children, '/layout/children', ({ component, pointer }) => {
    if (isJsonObject(component)) {
      found.push(...componentNavigations(component, pointer));
    }
  });

  return found;
}

function componentNavigations(component: JsonObject, pointer: string): NavigateFound[] {
  const found: NavigateFound[] = [];
  const target = navigateTarget(component['on-click-action']);
  if (target !== undefined) {
    found.push({ target, label: triggerLabel(component), pointer: `${pointer}/on-click-action` });
  }
  if (component.type === 'NavigationList' && Array.isArray(component['list-items'])) {
    component['list-items'].forEach((item: unknown, index) => {
      const itemTarget = isJsonObject(item) ? navigateTarget(item['on-click-action']) : undefined;
      if (isJsonObject(item) && itemTarget !== undefined) {
        const itemPointer = `${pointer}/list-items/${index}/on-click-action`;
        found.push({
          target: itemTarget,
          label: `NavigationList item ${quoted(listItemTitle(item) ?? String(index + 1))}`,
          pointer: itemPointer,
        });
      }
    });
  }

  return found;
}

function navigateTarget(action: unknown): string | undefined {
  const parsed = NavigateActionSchema.safeParse(action);

  return parsed.success ? parsed.data.next.name : undefined;
}

function triggerLabel(component: JsonObject): string {
  const type = typeof component.type === 'string' ? component.type : 'Component';
  switch (type) {
    case 'Footer':
      return `Footer ${quoted(component.label)}`;
    case 'EmbeddedLink':
      return `EmbeddedLink ${quoted(component.text)}`;
    case 'OptIn':
      return 'OptIn read more';
    case 'NavigationList':
      return `NavigationList ${quoted(component.label ?? component.name)}`;
    default:
      return type;
  }
}

function listItemTitle(item: JsonObject): string | undefined {
  const content = item['main-content'];

  return isJsonObject(content) && typeof content.title === 'string' ? content.title : undefined;
}

function quoted(text: unknown): string {
  return typeof text === 'string' ? `“${text}”` : '';
}

function routeEdges(
  routingModel: unknown,
  nodeIdByScreenId: ReadonlyMap<string, string>,
  navigateEdges: readonly ScreenEdge[],
): ScreenEdge[] {
  if (!isJsonObject(routingModel)) {
    return [];
  }
  const drawn = new Set(navigateEdges.map((edge) => `${edge.source}\n${edge.target}`));
  const edges: ScreenEdge[] = [];
  for (const [sourceScreen, targets] of Object.entries(routingModel)) {
    const source = nodeIdByScreenId.get(sourceScreen);
    if (source === undefined || !Array.isArray(targets)) {
      continue;
    }
    for (const targetScreen of targets) {
      const target =
        typeof targetScreen === 'string' ? nodeIdByScreenId.get(targetScreen) : undefined;
      if (target === undefined || drawn.has(`${source}\n${target}`)) {
        continue;
      }
      drawn.add(`${source}\n${target}`);
      edges.push({
        id: `route:${source}:${target}`,
        source,
        target,
        kind: 'route',
        label: 'Routing model',
      });
    }
  }

  return edges;
}
