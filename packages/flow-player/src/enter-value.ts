import type { Action } from '@sanjay-flow/flow-json';

import { currentScreen, runAction, withScreen } from './actions';
import type { FlowContext } from './context';
import { FlowPlayerError } from './errors';
import { asText } from './evaluate';
import { parseInputValue } from './inputs';
import type { InputType } from './inputs';
import type { FormValue, JsonObject, PlayerState } from './state';
import { ensureActive } from './steps';
import type { Step } from './steps';
import { shownComponents } from './view';
import type { ShownComponent } from './view';

/**
 * Types into or chooses in the input `name` of the current screen (`undefined` clears it),
 * then runs what the choice triggers: `update_data` actions at once, a `data_exchange`
 * on-select action as the returned step.
 */
export function enterValue(
  context: FlowContext,
  state: PlayerState,
  name: string,
  value: unknown,
): Step {
  ensureActive(state);
  const shown = shownComponents(context, state);
  const item = shown.find((candidate) => candidate.input?.name === name);
  if (item?.input === undefined) {
    const names = shown.flatMap((candidate) => candidate.input?.name ?? []);
    throw new FlowPlayerError(
      'UNKNOWN_INPUT',
      `screen ${state.screen} shows no input “${name}”; it shows ${names.join(', ') || 'none'}`,
    );
  }
  if (!item.input.enabled) {
    throw new FlowPlayerError('INVALID_INPUT', `“${name}” is disabled`);
  }
  const { type } = item.input;
  const parsed = parseInputValue(type, item.properties, value, context.dateFormat);
  const current = currentScreen(state);
  const before = current.form[name];
  const { [name]: _old, ...others } = current.form;
  const form = parsed === undefined ? others : { ...others, [name]: parsed };
  const next = withScreen(state, state.screen, { ...current, form });

  return runAll(context, next, triggeredActions(type, item, before, parsed));
}

function runAll(context: FlowContext, state: PlayerState, actions: Action[]): Step {
  let step: Step = { kind: 'update', state };
  for (const action of actions) {
    step = runAction(context, step.state, action);
    if (step.kind !== 'update') {
      return step;
    }
  }

  return step;
}

function triggeredActions(
  type: InputType,
  item: ShownComponent,
  before: FormValue | undefined,
  after: FormValue | undefined,
): Action[] {
  const component = item.placed.component;
  switch (type) {
    case 'CheckboxGroup':
    case 'ChipsSelector':
    case 'RadioButtonsGroup':
    case 'Dropdown':
      return selectionActions(component, item.properties, idsOf(before), idsOf(after));
    case 'OptIn':
      return (before === true) === (after === true)
        ? []
        : eventActions(component, after === true, after !== true);
    case 'DatePicker':
    case 'CalendarPicker':
      return after === undefined || JSON.stringify(before) === JSON.stringify(after)
        ? []
        : eventActions(component, true, false);
    case 'TextInput':
    case 'TextArea':
    case 'PhotoPicker':
    case 'DocumentPicker':
      return [];
  }
}

function idsOf(value: FormValue | undefined): string[] {
  if (typeof value === 'string') {
    return [value];
  }

  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** Item actions of the options chosen or dropped, then the component's own (spec A5). */
function selectionActions(
  component: JsonObject,
  properties: JsonObject,
  before: string[],
  after: string[],
): Action[] {
  const selected = after.filter((id) => !before.includes(id));
  const unselected = before.filter((id) => !after.includes(id));
  const items = Array.isArray(properties['data-source'])
    ? (properties['data-source'] as JsonObject[])
    : [];
  const itemActions = items.flatMap((entry) => {
    const id = asText(entry.id);

    return eventActions(entry, selected.includes(id), unselected.includes(id));
  });
  const own = eventActions(
    component,
    selected.length > 0,
    selected.length === 0 && unselected.length > 0,
  );

  return [...itemActions, ...own];
}

/** When only `on-select-action` is set it answers unselecting too; otherwise each its own. */
function eventActions(owner: JsonObject, selected: boolean, unselected: boolean): Action[] {
  const onSelect = owner['on-select-action'] as Action | undefined;
  const onUnselect = (owner['on-unselect-action'] as Action | undefined) ?? onSelect;
  const action = selected ? onSelect : unselected ? onUnselect : undefined;

  return action === undefined ? [] : [action];
}
