import { isJsonObject } from '../json-value';
import { childPointer, pointerTo } from '../pointer';
import { error, warning } from '../problem';
import type { Problem } from '../problem';
import { actionsOf, navigateTarget } from './actions-index';
import type { RuleContext } from './context';
import { versionAtLeast } from './context';

/** Spec A8: at most this many screens may follow one screen. */
export const MAX_ROUTES_PER_SCREEN = 10;

interface Edge {
  from: string;
  to: string;
  pointer: string;
}

/**
 * The routing rules (spec A8). Endpoint Flows are checked on their `routing_model`; other
 * Flows on the model Meta derives from their navigate actions.
 */
export function checkRouting(context: RuleContext): Problem[] {
  const ids = new Set(
    context.models.flatMap((model) => (model.entry.id === undefined ? [] : [model.entry.id])),
  );
  if (ids.size === 0) {
    return [];
  }
  const navigations = navigateEdges(context);
  const declared = context.document.routing_model;
  const presence = checkPresence(context);
  if (context.hasEndpoint && isJsonObject(declared)) {
    const edges = routingEdges(declared);

    return [
      ...presence,
      ...checkKnownScreens(edges, ids, declared),
      ...checkGraph(context, edges, ids),
      ...checkTerminalRoutes(context, declared),
      ...checkNavigationsRouted(navigations, edges),
    ];
  }

  return [
    ...presence,
    ...checkGraph(
      context,
      navigations.filter((edge) => ids.has(edge.to)),
      ids,
    ),
  ];
}

function checkPresence(context: RuleContext): Problem[] {
  const routingModel = context.document.routing_model;
  if (context.hasEndpoint && routingModel === undefined) {
    return [
      error(
        '/routing_model',
        'MISSING_REQUIRED_PROPERTY',
        'The Flow has a “data_api_version”, so it needs a “routing_model” listing, for each screen, the screens the endpoint may open next.',
      ),
    ];
  }
  if (context.hasEndpoint && !callsEndpoint(context)) {
    // Community reports (C): a Flow with a data_api_version but no endpoint fails when opened.
    return [
      warning(
        '/data_api_version',
        'UNUSED_DATA_API_VERSION',
        'The Flow has a “data_api_version” but never calls the endpoint (no data_exchange, no refresh_on_back). Without an endpoint configured, WhatsApp fails to open such a Flow: remove it unless the Flow starts with an endpoint INIT.',
      ),
    ];
  }
  if (!context.hasEndpoint && routingModel !== undefined) {
    return [
      warning(
        '/routing_model',
        'UNUSED_ROUTING_MODEL',
        'The Flow has a “routing_model” but no “data_api_version”: WhatsApp derives the routes from the navigate actions and only endpoint Flows need one.',
      ),
    ];
  }

  return [];
}

function navigateEdges(context: RuleContext): Edge[] {
  return context.models.flatMap((model) =>
    actionsOf(model).flatMap((found) => {
      const target = navigateTarget(found.action);
      const from = model.entry.id;

      return target === undefined || from === undefined || target === from
        ? []
        : [{ from, to: target, pointer: childPointer(found.pointer, 'next', 'name') }];
    }),
  );
}

function routingEdges(routingModel: Record<string, unknown>): Edge[] {
  return Object.entries(routingModel).flatMap(([from, targets]) =>
    Array.isArray(targets)
      ? targets.flatMap((to: unknown, index) =>
          typeof to === 'string'
            ? [{ from, to, pointer: pointerTo('routing_model', from, index) }]
            : [],
        )
      : [],
  );
}

function checkKnownScreens(
  edges: readonly Edge[],
  ids: ReadonlySet<string>,
  routingModel: Record<string, unknown>,
): Problem[] {
  const keys = Object.keys(routingModel)
    .filter((key) => !ids.has(key))
    .map((key) =>
      error(
        pointerTo('routing_model', key),
        'INVALID_ROUTING_MODEL',
        `The routing model lists “${key}”, which is not a screen of this Flow.`,
      ),
    );
  const targets = edges
    .filter((edge) => ids.has(edge.from) && !ids.has(edge.to))
    .map((edge) =>
      error(
        edge.pointer,
        'INVALID_ROUTING_MODEL',
        `The routing model lets “${edge.from}” lead to “${edge.to}”, which is not a screen of this Flow.`,
        edge.from,
      ),
    );

  return [...keys, ...targets];
}

function checkGraph(
  context: RuleContext,
  allEdges: readonly Edge[],
  ids: ReadonlySet<string>,
): Problem[] {
  const edges = allEdges.filter((edge) => ids.has(edge.from) && ids.has(edge.to));
  const problems: Problem[] = [];
  const targetsByScreen = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.from === edge.to) {
      problems.push(
        error(
          edge.pointer,
          'INVALID_ROUTING_MODEL',
          `Screen “${edge.from}” cannot lead to itself.`,
          edge.from,
        ),
      );
      continue;
    }
    const targets = targetsByScreen.get(edge.from) ?? new Set<string>();
    targets.add(edge.to);
    targetsByScreen.set(edge.from, targets);
    if (targets.size === MAX_ROUTES_PER_SCREEN + 1) {
      problems.push(
        error(
          edge.pointer,
          'INVALID_ROUTING_MODEL',
          `Screen “${edge.from}” leads to more than ${MAX_ROUTES_PER_SCREEN} screens.`,
          edge.from,
        ),
      );
    }
  }
  problems.push(
    ...checkLoops(
      edges.filter((edge) => edge.from !== edge.to),
      targetsByScreen,
    ),
  );
  problems.push(...checkEntryAndReach(context, targetsByScreen, ids));

  return problems;
}

/** Forward edges only: any cycle, including A→B with B→A, is "Loop detected". Scope of the rule is (U): every cycle is refused. */
function checkLoops(
  edges: readonly Edge[],
  targetsByScreen: ReadonlyMap<string, Set<string>>,
): Problem[] {
  const state = new Map<string, 'open' | 'done'>();
  const problems: Problem[] = [];
  const visit = (screen: string): void => {
    state.set(screen, 'open');
    for (const edge of edges.filter((candidate) => candidate.from === screen)) {
      const next = state.get(edge.to);
      if (next === 'open') {
        const back = targetsByScreen.get(edge.to)?.has(edge.from) === true;
        const detail = back
          ? `“${edge.from}” and “${edge.to}” lead to each other; going back is implicit, list only the forward route`
          : `“${edge.from}” leads back to “${edge.to}”, closing a cycle`;
        problems.push(
          error(edge.pointer, 'INVALID_ROUTING_MODEL', `Loop detected: ${detail}.`, edge.from),
        );
      } else if (next === undefined) {
        visit(edge.to);
      }
    }
    state.set(screen, 'done');
  };
  for (const screen of targetsByScreen.keys()) {
    if (!state.has(screen)) {
      visit(screen);
    }
  }

  return problems;
}

/** ≥ 1 entry screen (no route into it), and every screen connected to the others. */
function checkEntryAndReach(
  context: RuleContext,
  targetsByScreen: ReadonlyMap<string, Set<string>>,
  ids: ReadonlySet<string>,
): Problem[] {
  const inbound = new Set([...targetsByScreen.values()].flatMap((targets) => [...targets]));
  if ([...ids].every((id) => inbound.has(id))) {
    return [
      error(
        '/screens',
        'INVALID_ROUTING_MODEL',
        'Every screen can be reached from another one, so the Flow has no entry screen to start on.',
      ),
    ];
  }
  const neighbours = new Map<string, Set<string>>([...ids].map((id) => [id, new Set<string>()]));
  for (const [from, targets] of targetsByScreen) {
    for (const to of targets) {
      neighbours.get(from)?.add(to);
      neighbours.get(to)?.add(from);
    }
  }
  const [first] = ids;
  const reached = new Set<string>();
  const queue = first === undefined ? [] : [first];
  for (let screen = queue.shift(); screen !== undefined; screen = queue.shift()) {
    if (!reached.has(screen)) {
      reached.add(screen);
      queue.push(...(neighbours.get(screen) ?? []));
    }
  }

  return context.models
    .filter((model) => model.entry.id !== undefined && !reached.has(model.entry.id))
    .slice(0, 1)
    .map((model) =>
      error(
        model.entry.pointer,
        'INVALID_ROUTING_MODEL',
        `Screen “${model.entry.id ?? '?'}” is not connected to the rest of the Flow: no route leads to it or from it to the other screens.`,
        model.entry.id,
      ),
    );
}

/**
 * Terminal screens lead nowhere. Meta's own 2.1 documentation examples route terminal screens
 * to a terms screen, so the rule applies from 3.0.
 */
function checkTerminalRoutes(
  context: RuleContext,
  routingModel: Record<string, unknown>,
): Problem[] {
  if (!versionAtLeast(context, '3.0')) {
    return [];
  }

  return context.models
    .filter((model) => model.terminal && model.entry.id !== undefined)
    .flatMap((model) => {
      const targets = routingModel[model.entry.id ?? ''];

      return Array.isArray(targets) && targets.length > 0
        ? [
            error(
              pointerTo('routing_model', model.entry.id ?? ''),
              'INVALID_ROUTING_MODEL',
              `Screen “${model.entry.id ?? '?'}” is terminal, so its routing model entry must be an empty list.`,
              model.entry.id,
            ),
          ]
        : [];
    });
}

/** In endpoint Flows every navigate action must follow a route of the routing model. */
function checkNavigationsRouted(navigations: readonly Edge[], edges: readonly Edge[]): Problem[] {
  const routes = new Set(edges.map((edge) => `${edge.from}\n${edge.to}`));

  return navigations
    .filter((edge) => !routes.has(`${edge.from}\n${edge.to}`))
    .map((edge) =>
      error(
        edge.pointer,
        'INVALID_ROUTING_MODEL',
        `Screen “${edge.from}” navigates to “${edge.to}”, but the routing model has no such route. Add "${edge.to}" to routing_model.${edge.from}.`,
        edge.from,
      ),
    );
}

/** Whether any screen calls the endpoint: a data_exchange action or refresh_on_back. */
function callsEndpoint(context: RuleContext): boolean {
  return context.models.some(
    (model) =>
      model.screen.refresh_on_back === true ||
      actionsOf(model).some((found) => found.action.name === 'data_exchange'),
  );
}
