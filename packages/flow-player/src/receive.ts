import { z } from 'zod';

import { enterScreen } from './actions';
import { screenOf } from './context';
import type { FlowContext } from './context';
import { FlowPlayerError } from './errors';
import { checkScreenData } from './screen-data';
import { EndpointReplySchema, ownValue } from './state';
import type { JsonObject, PlayerState } from './state';
import type { Step } from './steps';
import { ensureActive } from './steps';

const SuccessDataSchema = z.looseObject({
  extension_message_response: z.looseObject({
    params: z.record(z.string(), z.unknown()),
  }),
});

/**
 * Takes the endpoint's reply to a `data_exchange` or `BACK` request (spec B4): the same
 * screen with new data, a screen the routing model allows from here, for BACK a screen behind
 * the current one, or SUCCESS, which finishes the Flow with its params.
 */
export function receive(context: FlowContext, state: PlayerState, reply: unknown): PlayerState {
  if (state.status !== 'open') {
    throw new FlowPlayerError('FLOW_FINISHED', `the Flow is ${state.status}`);
  }
  if (state.pending === undefined) {
    throw new FlowPlayerError(
      'NO_REQUEST',
      `screen ${state.screen} sent no request to the endpoint; a reply is taken only after a data_exchange or BACK step (to open a Flow on the INIT reply, use start)`,
    );
  }
  const parsed = EndpointReplySchema.safeParse(reply);
  if (!parsed.success) {
    throw new FlowPlayerError(
      'INVALID_REPLY',
      `the endpoint reply is not {screen, data}: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { screen, data = {} } = parsed.data;
  if (screen === 'SUCCESS') {
    return finish(state, data);
  }
  const target = screenOf(context, screen);
  const move = moveTo(context, state, screen);
  const checked = checkScreenData(target, data, `the reply for ${screen}`);
  const next = arrive(context, state, screen, checked.data, move);

  return checked.errorMessage === undefined
    ? next
    : { ...next, errorMessage: checked.errorMessage };
}

function finish(state: PlayerState, data: JsonObject): PlayerState {
  const parsed = SuccessDataSchema.safeParse(data);
  if (!parsed.success) {
    throw new FlowPlayerError(
      'INVALID_REPLY',
      'a SUCCESS reply needs data.extension_message_response.params (an object)',
    );
  }
  const { pending: _pending, errorMessage: _message, ...rest } = state;

  return { ...rest, status: 'completed', response: parsed.data.extension_message_response.params };
}

type Move = 'same' | 'forward' | 'back';

/**
 * Where the reply may lead (spec A8): the same screen or one the routing model lists from
 * here; answering BACK, also a screen shown before or one that routes here. Anything else the
 * phone refuses as `invalid-screen-transition`.
 */
function moveTo(context: FlowContext, state: PlayerState, screen: string): Move {
  const from = state.pending?.screen ?? state.screen;
  const routes = ownValue(context.routes, from) ?? [];
  if (screen === from) {
    return 'same';
  }
  if (routes.includes(screen)) {
    return 'forward';
  }
  const leadsHere = (ownValue(context.routes, screen) ?? []).includes(from);
  if (state.pending?.action === 'BACK' && (state.history.includes(screen) || leadsHere)) {
    return 'back';
  }
  throw new FlowPlayerError(
    'INVALID_SCREEN_TRANSITION',
    `the endpoint answered ${screen} from ${from}, but the routing model leads from ${from} only to ${routes.join(', ') || 'nowhere'}`,
  );
}

function arrive(
  context: FlowContext,
  state: PlayerState,
  screen: string,
  data: JsonObject,
  move: Move,
): PlayerState {
  const { pending: _pending, errorMessage: _message, ...rest } = state;
  const form = ownValue(state.screens, screen)?.form ?? {};
  const behind = state.history.lastIndexOf(screen);
  switch (move) {
    case 'same':
      return { ...rest, screens: { ...state.screens, [screen]: { data, form } } };
    case 'forward':
      return enterScreen(context, state, screen, data);
    case 'back':
      // Back to a screen shown before: its inputs keep what the customer entered. Back along
      // a route to a screen never shown here (the Flow opened further on) enters it afresh.
      return behind === -1
        ? enterScreen(context, state, screen, data, state.history)
        : {
            ...rest,
            screen,
            history: state.history.slice(0, behind),
            screens: { ...state.screens, [screen]: { data, form } },
          };
  }
}

/**
 * Back from the current screen: the previous screen as it was left, a BACK request when the
 * screen has `refresh_on_back`, or closing the Flow from its first screen.
 */
export function back(context: FlowContext, state: PlayerState): Step {
  ensureActive(state);
  const screen = screenOf(context, state.screen);
  if (screen.refresh_on_back === true && context.flow.data_api_version !== undefined) {
    const pending = { action: 'BACK' as const, screen: screen.id };

    return {
      kind: 'data_exchange',
      action: 'BACK',
      screen: screen.id,
      payload: {},
      state: { ...state, pending },
    };
  }
  const previous = state.history.at(-1);
  if (previous === undefined) {
    return { kind: 'close', state: { ...state, status: 'closed' } };
  }
  const { errorMessage: _message, ...rest } = state;

  return {
    kind: 'navigate',
    state: { ...rest, screen: previous, history: state.history.slice(0, -1) },
  };
}
