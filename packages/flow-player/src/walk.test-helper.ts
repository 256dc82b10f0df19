import { suggestedValues } from './index';
import type { FlowPlayer, JsonObject, PlayerState, ScreenView, Step } from './index';

/** Answers a `data_exchange` or `BACK` request the way a business's endpoint would. */
export type FakeEndpoint = (request: {
  action: 'data_exchange' | 'BACK';
  /** Whether an input's on-select action sent it, rather than a button or link. */
  origin: 'input' | 'press';
  screen: string;
  payload: JsonObject;
  state: PlayerState;
}) => unknown;

export interface Walk {
  state: PlayerState;
  /** Screens shown, in order. */
  screens: string[];
  /** The `complete` step's payload, when the Flow ended with one. */
  completed?: JsonObject;
  /** The payload keys the `complete` action that ended the Flow declares. */
  declaredKeys?: string[];
}

const MAX_STEPS = 60;

/**
 * Plays a Flow as a customer who fills in every shown input with a value the screen accepts
 * and presses the Footer (or else the first list item or link), until the Flow finishes.
 */
export function walkFlow(player: FlowPlayer, start: PlayerState, endpoint: FakeEndpoint): Walk {
  let state = start;
  const screens = [state.screen];
  for (let count = 0; count < MAX_STEPS; count += 1) {
    state = fillInputs(player, state, endpoint);
    const view = player.view(state);
    const step = player.press(state, targetOf(view));
    if (step.kind === 'complete') {
      return {
        state: step.state,
        screens,
        completed: step.payload,
        declaredKeys: declaredKeys(view),
      };
    }
    state = settle(player, step, endpoint);
    if (state.status !== 'open') {
      return { state, screens };
    }
    if (state.screen !== screens.at(-1)) {
      screens.push(state.screen);
    }
  }
  throw new Error(`the Flow did not finish in ${MAX_STEPS} steps: ${screens.join(' > ')}`);
}

function fillInputs(player: FlowPlayer, start: PlayerState, endpoint: FakeEndpoint): PlayerState {
  let state = start;
  const done = new Set<string>();
  for (;;) {
    const view = player.view(state);
    const next = view.components.find(
      (component) => component.input !== undefined && !done.has(component.input.name),
    );
    if (next?.input === undefined) {
      return state;
    }
    done.add(next.input.name);
    if (next.input.enabled && (next.input.value === undefined || next.input.error !== undefined)) {
      state = firstAccepted(player, state, next.input.name, suggestedValues(next), endpoint);
    }
  }
}

function firstAccepted(
  player: FlowPlayer,
  state: PlayerState,
  name: string,
  candidates: unknown[],
  endpoint: FakeEndpoint,
): PlayerState {
  for (const candidate of candidates) {
    const next = settle(player, player.input(state, name, candidate), endpoint, 'input');
    const input = player.view(next).inputs.find((entry) => entry.name === name);
    if (input?.error === undefined) {
      return next;
    }
  }
  throw new Error(`no generated value suits input “${name}” on ${state.screen}`);
}

function settle(
  player: FlowPlayer,
  step: Step,
  endpoint: FakeEndpoint,
  origin: 'input' | 'press' = 'press',
): PlayerState {
  switch (step.kind) {
    case 'update':
    case 'navigate':
    case 'close':
      return step.state;
    case 'data_exchange':
      return player.receive(step.state, endpoint({ ...step, origin }));
    case 'complete':
      return step.state;
    case 'invalid':
      throw new Error(
        `the screen refused: ${step.errors.map((error) => error.message).join('; ')}`,
      );
    case 'open_url':
      throw new Error(`the walk pressed a link to ${step.url}`);
  }
}

function targetOf(view: ScreenView): string {
  const target =
    view.footer ??
    view.targets.find((entry) => entry.type === 'NavigationList') ??
    view.targets.find((entry) => entry.type === 'EmbeddedLink');
  if (target === undefined) {
    throw new Error(`screen ${view.screen} has nothing to press`);
  }

  return target.target;
}

function declaredKeys(view: ScreenView): string[] {
  const footer = view.components.find((component) => component.type === 'Footer');
  const action = footer?.properties['on-click-action'] as { payload?: JsonObject } | undefined;

  return Object.keys(action?.payload ?? {}).sort();
}

/**
 * An endpoint that leads each screen to the first screen its routing model lists, with that
 * screen's `__example__` data, re-shows a screen after an input's on-select request, and
 * finishes the Flow (SUCCESS with the payload as params) from a terminal screen or one that
 * routes nowhere.
 */
export function routingEndpoint(flow: {
  routing_model?: Record<string, string[]>;
  screens: Array<{
    id: string;
    terminal?: boolean;
    data?: Record<string, { __example__?: unknown }>;
  }>;
}): FakeEndpoint {
  const terminal = new Set(
    flow.screens.filter((screen) => screen.terminal === true).map((s) => s.id),
  );
  const examples = (id: string): JsonObject =>
    Object.fromEntries(
      Object.entries(flow.screens.find((screen) => screen.id === id)?.data ?? {}).map(
        ([key, field]) => [key, field.__example__],
      ),
    );

  return ({ action, origin, screen, payload, state }) => {
    if (origin === 'input') {
      return { screen, data: state.screens[screen]?.data ?? {} };
    }
    if (action === 'BACK') {
      const previous = state.history.at(-1) ?? screen;

      return { screen: previous, data: examples(previous) };
    }
    const next = terminal.has(screen) ? undefined : flow.routing_model?.[screen]?.[0];
    if (next === undefined) {
      const params = { flow_token: 'flow-token-0001', ...payload };

      return { screen: 'SUCCESS', data: { extension_message_response: { params } } };
    }

    return { screen: next, data: examples(next) };
  };
}
