import { checkInput } from './checks';
import { scopeOf, screenOf } from './context';
import type { FlowContext } from './context';
import { asText, isEnabled } from './evaluate';
import { isInputType, isRequired, labelOf, optionsOf } from './inputs';
import type { InputType, Option } from './inputs';
import { resolveValue } from './resolve';
import { ownValue } from './state';
import type { FormValue, JsonObject, PlayerState } from './state';
import { visibleComponents } from './tree';
import type { PlacedComponent } from './tree';

/** An input as the phone shows it. */
export interface InputView {
  name: string;
  type: InputType;
  label: string;
  required: boolean;
  enabled: boolean;
  value?: FormValue;
  /** The choices of a selection list. */
  options?: Option[];
  /** What is wrong with the value now (required and empty, too long, not a date allowed…). */
  error?: string;
  /** The error text the Flow itself sets on the input (`error-message`, Form `error-messages`). */
  message?: string;
  /**
   * Listed in the screen's `sensitive` (5.1+): masked in the summary shown after completion.
   * TODO: the summary itself is not built, so masking is left to the caller.
   */
  sensitive: boolean;
}

/** Something that can be pressed: the Footer, an EmbeddedLink, an OptIn's "Read more", a list item. */
export interface TargetView {
  /** What to pass to `press`: "footer", a component's JSON pointer, or pointer#item-id. */
  target: string;
  type: 'Footer' | 'EmbeddedLink' | 'OptIn' | 'NavigationList';
  label: string;
  enabled: boolean;
}

/** A shown component: its properties with every dynamic value resolved (actions as written). */
export interface ComponentView {
  type: string;
  /** Where the component is written in the screen, e.g. /layout/children/0/children/2. */
  pointer: string;
  properties: JsonObject;
  input?: InputView;
}

export interface ScreenView {
  screen: string;
  title?: string;
  terminal: boolean;
  components: ComponentView[];
  inputs: InputView[];
  targets: TargetView[];
  footer?: TargetView;
  /** The endpoint's last `error_message` for this screen. */
  errorMessage?: string;
}

/** A shown component with its resolved properties, as the player's actions need it. */
export interface ShownComponent {
  placed: PlacedComponent;
  properties: JsonObject;
  input?: InputView;
}

/** The components the current screen shows, resolved against the state. */
export function shownComponents(context: FlowContext, state: PlayerState): ShownComponent[] {
  const screen = screenOf(context, state.screen);
  const scope = scopeOf(context, state, 'view');
  const placed = visibleComponents(screen.layout.children, '/layout/children', scope);

  return placed.map((item) => {
    const properties = resolveValue(item.component, scope) as JsonObject;
    const type = item.component.type;
    if (!isInputType(type)) {
      return { placed: item, properties };
    }

    return { placed: item, properties, input: inputView(context, state, item, type, properties) };
  });
}

function inputView(
  context: FlowContext,
  state: PlayerState,
  placed: PlacedComponent,
  type: InputType,
  properties: JsonObject,
): InputView {
  const name = asText(properties.name);
  const entry = ownValue(state.screens, state.screen);
  const value = entry === undefined ? undefined : ownValue(entry.form, name);
  const error = checkInput(type, properties, value, context.dateFormat);
  const message = declaredMessage(context, state, placed, properties, name);
  const hasOptions = 'data-source' in properties;

  return {
    name,
    type,
    label: labelOf(properties),
    required: isRequired(type, properties),
    sensitive: screenOf(context, state.screen).sensitive?.includes(name) === true,
    enabled: isEnabled(properties.enabled),
    ...(value === undefined ? {} : { value }),
    ...(hasOptions ? { options: optionsOf(properties) } : {}),
    ...(error === undefined ? {} : { error }),
    ...(message === undefined ? {} : { message }),
  };
}

function declaredMessage(
  context: FlowContext,
  state: PlayerState,
  placed: PlacedComponent,
  properties: JsonObject,
  name: string,
): string | undefined {
  let message: unknown = properties['error-message'];
  if (message === undefined && placed.form !== undefined) {
    const all = resolveValue(placed.form['error-messages'], scopeOf(context, state, 'view'));
    message =
      typeof all === 'object' && all !== null ? ownValue(all as JsonObject, name) : undefined;
  }
  if (typeof message === 'object' && message !== null) {
    // A picker's messages per file: `{ media_id: message }`.
    message = Object.values(message).map(asText).join('; ');
  }

  return typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

/** The current screen as the phone renders it. */
export function viewScreen(context: FlowContext, state: PlayerState): ScreenView {
  const screen = screenOf(context, state.screen);
  const shown = shownComponents(context, state);
  const inputs = shown.flatMap((item) => (item.input === undefined ? [] : [item.input]));
  const targets = shown.flatMap((item) => targetsOf(item, inputs));
  const footer = targets.find((target) => target.type === 'Footer');
  const title = resolveValue(screen.title, scopeOf(context, state, 'view'));

  return {
    screen: screen.id,
    ...(title === undefined ? {} : { title: asText(title) }),
    terminal: screen.terminal === true,
    components: shown.map((item) => ({
      type: item.placed.component.type,
      pointer: item.placed.pointer,
      properties: item.properties,
      ...(item.input === undefined ? {} : { input: item.input }),
    })),
    inputs,
    targets,
    ...(footer === undefined ? {} : { footer }),
    ...(state.errorMessage === undefined ? {} : { errorMessage: state.errorMessage }),
  };
}

function targetsOf(item: ShownComponent, inputs: readonly InputView[]): TargetView[] {
  const { component, pointer } = item.placed;
  const { properties } = item;
  switch (component.type) {
    case 'Footer': {
      const ready = inputs.every((input) => input.error === undefined);
      const enabled = isEnabled(properties.enabled) && ready;

      return [{ target: 'footer', type: 'Footer', label: asText(properties.label), enabled }];
    }
    case 'EmbeddedLink':
      return [
        { target: pointer, type: 'EmbeddedLink', label: asText(properties.text), enabled: true },
      ];
    case 'OptIn':
      return component['on-click-action'] === undefined
        ? []
        : [{ target: pointer, type: 'OptIn', label: asText(properties.label), enabled: true }];
    case 'NavigationList':
      return listItems(properties).map((entry) => ({
        target: `${pointer}#${asText(entry.id)}`,
        type: 'NavigationList' as const,
        label: asText((entry['main-content'] as JsonObject | undefined)?.title),
        enabled: true,
      }));
    default:
      return [];
  }
}

export function listItems(properties: JsonObject): JsonObject[] {
  const items = properties['list-items'];

  return Array.isArray(items)
    ? items.filter((entry): entry is JsonObject => typeof entry === 'object' && entry !== null)
    : [];
}
