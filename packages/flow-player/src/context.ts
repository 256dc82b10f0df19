import { walkComponents } from '@sanjay-flow/flow-json';
import type { FlowJson, FlowJsonVersion, Screen } from '@sanjay-flow/flow-json';

import { dateFormatOf } from './dates';
import type { DateFormat } from './dates';
import { FlowPlayerError } from './errors';
import type { Purpose } from './media';
import type { Scope } from './resolve';
import type { PlayerState } from './state';

/** What the player knows of a Flow, worked out once when it is created. */
export interface FlowContext {
  flow: FlowJson;
  version: FlowJsonVersion;
  dateFormat: DateFormat;
  screens: ReadonlyMap<string, Screen>;
  /** Names of each screen's PhotoPicker and DocumentPicker inputs. */
  pickers: ReadonlyMap<string, ReadonlySet<string>>;
  /** The routing model, or for Flows without one the screens each screen navigates to. */
  routes: Readonly<Record<string, readonly string[]>>;
}

export function createContext(flow: FlowJson): FlowContext {
  const version = flow.version as FlowJsonVersion;

  return {
    flow,
    version,
    dateFormat: dateFormatOf(version),
    screens: new Map(flow.screens.map((screen) => [screen.id, screen])),
    pickers: new Map(flow.screens.map((screen) => [screen.id, pickersOf(screen)])),
    routes: flow.routing_model ?? navigateRoutes(flow),
  };
}

export function screenOf(context: FlowContext, id: string): Screen {
  const screen = context.screens.get(id);
  if (screen === undefined) {
    throw new FlowPlayerError(
      'UNKNOWN_SCREEN',
      `the Flow has no screen “${id}”; it has ${[...context.screens.keys()].join(', ')}`,
    );
  }

  return screen;
}

export function scopeOf(
  context: FlowContext,
  state: PlayerState,
  purpose: Purpose,
  screen: string = state.screen,
): Scope {
  return {
    state,
    screen,
    purpose,
    isPicker: (id, name) => context.pickers.get(id)?.has(name) === true,
  };
}

function pickersOf(screen: Screen): Set<string> {
  const names = new Set<string>();
  walkComponents(screen.layout.children, '', ({ component }) => {
    const { type, name } = component as { type?: unknown; name?: unknown };
    if ((type === 'PhotoPicker' || type === 'DocumentPicker') && typeof name === 'string') {
      names.add(name);
    }
  });

  return names;
}

function navigateRoutes(flow: FlowJson): Record<string, string[]> {
  return Object.fromEntries(
    flow.screens.map((screen) => {
      const targets = new Set<string>();
      collectTargets(screen.layout.children, targets);

      return [screen.id, [...targets]];
    }),
  );
}

function collectTargets(value: unknown, targets: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item) => collectTargets(item, targets));

    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  const record = value as Record<string, unknown>;
  const next = record.next as { name?: unknown } | undefined;
  if (record.name === 'navigate' && typeof next?.name === 'string') {
    targets.add(next.name);
  }
  Object.values(record).forEach((item) => collectTargets(item, targets));
}
