import type { Action } from '@sanjay-flow/flow-json';

import { scopeOf, screenOf } from './context';
import type { FlowContext } from './context';
import { asText } from './evaluate';
import { isInputType, parseInputValue } from './inputs';
import { resolvePayload, resolveValue } from './resolve';
import { ownValue } from './state';
import type { JsonObject, PlayerState, ScreenState } from './state';
import type { Step } from './steps';
import { shownComponents } from './view';

/** Runs an action of the current screen (spec A7). */
export function runAction(context: FlowContext, state: PlayerState, action: Action): Step {
  switch (action.name) {
    case 'navigate': {
      const payload = resolvePayload(action.payload, scopeOf(context, state, 'navigate'));

      return { kind: 'navigate', state: enterScreen(context, state, action.next.name, payload) };
    }
    case 'data_exchange': {
      const payload = resolvePayload(action.payload, scopeOf(context, state, 'data_exchange'));
      const pending = { action: 'data_exchange' as const, screen: state.screen };
      const { errorMessage: _shown, ...rest } = state;

      return {
        kind: 'data_exchange',
        action: 'data_exchange',
        screen: state.screen,
        payload,
        state: { ...rest, pending },
      };
    }
    case 'complete': {
      const payload = resolvePayload(action.payload, scopeOf(context, state, 'complete'));

      return {
        kind: 'complete',
        payload,
        state: { ...state, status: 'completed', response: payload },
      };
    }
    case 'update_data': {
      const payload = resolvePayload(action.payload, scopeOf(context, state, 'update_data'));
      const current = currentScreen(state);

      return {
        kind: 'update',
        state: withScreen(state, state.screen, {
          ...current,
          data: { ...current.data, ...payload },
        }),
      };
    }
    case 'open_url':
      return {
        kind: 'open_url',
        url: asText(resolveValue(action.url, scopeOf(context, state, 'view'))),
        state,
      };
  }
}

/**
 * Shows a screen with `data`: the current screen goes on the history (unless `replace`), the
 * new one starts with its inputs' initial values (`init-value`, Form `init-values`).
 */
export function enterScreen(
  context: FlowContext,
  state: PlayerState,
  screen: string,
  data: JsonObject,
  history: string[] = [...state.history, state.screen],
): PlayerState {
  screenOf(context, screen);
  const { pending: _pending, errorMessage: _message, ...rest } = state;
  const entered: PlayerState = {
    ...rest,
    screen,
    history,
    screens: { ...state.screens, [screen]: { data, form: {} } },
  };

  return withInitialValues(context, entered);
}

// Flow JSON 6.0–6.3 also fired component on-select actions when a screen was shown; 7.0
// reverted that, and the player follows 7.0 for every version (README, known limitations).
function withInitialValues(context: FlowContext, state: PlayerState): PlayerState {
  const form: ScreenState['form'] = {};
  const scope = scopeOf(context, state, 'view');
  for (const item of shownComponents(context, state)) {
    const { component, form: container } = item.placed;
    if (!isInputType(component.type)) {
      continue;
    }
    const name = asText(item.properties.name);
    const formValues = resolveValue(container?.['init-values'], scope);
    const initial =
      item.properties['init-value'] ??
      (typeof formValues === 'object' && formValues !== null
        ? (formValues as JsonObject)[name]
        : undefined);
    try {
      const value = parseInputValue(component.type, item.properties, initial, context.dateFormat);
      if (value !== undefined) {
        form[name] = value;
      }
    } catch {
      // An initial value the input cannot hold (an option the list no longer offers) is not shown.
    }
  }

  return withScreen(state, state.screen, { ...currentScreen(state), form });
}

export function currentScreen(state: PlayerState): ScreenState {
  return ownValue(state.screens, state.screen) ?? { data: {}, form: {} };
}

export function withScreen(state: PlayerState, screen: string, entry: ScreenState): PlayerState {
  return { ...state, screens: { ...state.screens, [screen]: entry } };
}
