import { FlowJsonSchema, validateFlowJson } from '@sanjay-flow/flow-json';
import type { Problem } from '@sanjay-flow/flow-json';

import { enterScreen } from './actions';
import { createContext, screenOf } from './context';
import type { FlowContext } from './context';
import { enterValue } from './enter-value';
import { FlowPlayerError } from './errors';
import { press } from './press';
import { back, receive } from './receive';
import { checkScreenData, exampleData } from './screen-data';
import type { JsonObject, PlayerState } from './state';
import type { Step } from './steps';
import { viewScreen } from './view';
import type { ScreenView } from './view';

export interface StartOptions {
  /** The first screen (the message's `flow_action_payload.screen`); by default the entry screen. */
  screen?: string;
  /** Its data (`flow_action_payload.data`, or the endpoint's INIT reply). */
  data?: JsonObject;
  /** Without `data`, show the screen with its declared `__example__` values, as a preview does. */
  examples?: boolean;
}

/** Plays one Flow JSON document the way WhatsApp renders and runs it. Pure: no I/O, no clock. */
export interface FlowPlayer {
  start(options?: StartOptions): PlayerState;
  view(state: PlayerState): ScreenView;
  input(state: PlayerState, name: string, value: unknown): Step;
  press(state: PlayerState, target?: string): Step;
  receive(state: PlayerState, reply: unknown): PlayerState;
  back(state: PlayerState): Step;
}

/**
 * Validates `flowJson` with Meta's rules (throws `INVALID_FLOW_JSON` listing the errors) and
 * returns a player for it.
 */
export function createFlowPlayer(flowJson: unknown): FlowPlayer {
  const context = createContext(parseFlow(flowJson));

  return {
    start: (options = {}) => start(context, options),
    view: (state) => viewScreen(context, state),
    input: (state, name, value) => enterValue(context, state, name, value),
    press: (state, target) => press(context, state, target),
    receive: (state, reply) => receive(context, state, reply),
    back: (state) => back(context, state),
  };
}

function parseFlow(flowJson: unknown) {
  const errors = validateFlowJson(flowJson).filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new FlowPlayerError(
      'INVALID_FLOW_JSON',
      `the Flow JSON cannot be played: ${errors.slice(0, 3).map(describe).join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`,
      errors.map((problem) => ({ pointer: problem.pointer, message: problem.message })),
    );
  }

  return FlowJsonSchema.parse(flowJson);
}

function describe(problem: Problem): string {
  return `${problem.pointer || '/'}: ${problem.message}`;
}

function start(context: FlowContext, options: StartOptions): PlayerState {
  const id = options.screen ?? entryScreen(context);
  const screen = screenOf(context, id);
  const given = options.data ?? (options.examples === true ? exampleData(screen) : {});
  const checked = checkScreenData(screen, given, `the data for ${id}`);
  const empty: PlayerState = { screen: id, screens: {}, history: [], status: 'open' };
  const state = enterScreen(context, empty, id, checked.data, []);

  return checked.errorMessage === undefined
    ? state
    : { ...state, errorMessage: checked.errorMessage };
}

/** The first screen, in document order, that no route leads to (spec A8). */
function entryScreen(context: FlowContext): string {
  const targets = new Set(Object.values(context.routes).flat());
  const entry = context.flow.screens.find((screen) => !targets.has(screen.id));

  return (entry ?? context.flow.screens[0])?.id ?? '';
}
