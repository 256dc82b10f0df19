import { isJsonObject, walkComponents } from '@sanjay-flow/flow-json';
import type { RoutingModel } from '@sanjay-flow/flow-json';

import { screenNodes } from './document';
import type { GraphDocument, ScreenNode } from './document';
import { screenEdges } from './edges';

const ACTION_KEYS = ['on-click-action', 'on-select-action', 'on-unselect-action'];

/**
 * The routing model of a document's navigation (spec A8): every screen as a key, in canvas
 * order, with the distinct screens its navigate actions lead to, in the order they appear.
 * Self edges are left out (the validator reports them).
 */
export function deriveRoutingModel(doc: GraphDocument): RoutingModel {
  const screenIdOf = new Map(screenNodes(doc).map((node) => [node.id, screenIdOfNode(node)]));
  const routingModel: RoutingModel = {};
  for (const node of screenNodes(doc)) {
    routingModel[screenIdOfNode(node)] = [];
  }
  for (const edge of screenEdges(doc)) {
    const from = screenIdOf.get(edge.source);
    const to = screenIdOf.get(edge.target);
    const targets = from === undefined ? undefined : routingModel[from];
    if (
      edge.kind === 'navigate' &&
      targets !== undefined &&
      to !== undefined &&
      to !== from &&
      !targets.includes(to)
    ) {
      targets.push(to);
    }
  }

  return routingModel;
}

/**
 * Whether the Flow calls an endpoint: a `data_exchange` action anywhere, or a screen with
 * `refresh_on_back: true` (spec A10).
 */
export function usesEndpoint(doc: GraphDocument): boolean {
  return screenNodes(doc).some(
    (node) => node.screen.refresh_on_back === true || screenExchangesData(node),
  );
}

function screenExchangesData(node: ScreenNode): boolean {
  const layout = isJsonObject(node.screen.layout) ? node.screen.layout : {};
  let found = false;
  walkComponents(layout.children, '', ({ component }) => {
    if (!found && isJsonObject(component)) {
      found = holdsDataExchange(component);
    }
  });

  return found;
}

function holdsDataExchange(holder: Record<string, unknown>): boolean {
  const own = ACTION_KEYS.some((key) => {
    const action = holder[key];

    return isJsonObject(action) && action.name === 'data_exchange';
  });
  const lists = [holder['data-source'], holder['list-items']].filter(Array.isArray);

  return (
    own ||
    lists.some((items) =>
      items.some((item: unknown) => isJsonObject(item) && holdsDataExchange(item)),
    )
  );
}

function screenIdOfNode(node: ScreenNode): string {
  return typeof node.screen.id === 'string' ? node.screen.id : node.id;
}
