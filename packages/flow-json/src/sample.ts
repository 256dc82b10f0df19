import { isAtLeast } from './versions';
import type { FlowJsonVersion } from './versions';

/** Input components the sample builder knows, with the version that introduced each. */
export const SAMPLE_INPUT_KINDS = {
  TextInput: '2.1',
  TextArea: '2.1',
  CheckboxGroup: '2.1',
  RadioButtonsGroup: '2.1',
  Dropdown: '2.1',
  DatePicker: '2.1',
  OptIn: '2.1',
  CalendarPicker: '6.1',
  ChipsSelector: '6.3',
} as const satisfies Record<string, FlowJsonVersion>;

export type SampleInputKind = keyof typeof SAMPLE_INPUT_KINDS;

export interface SampleScreenSpec {
  /** Index of the screen that leads here (ignored for the first screen). */
  parent: number;
  inputs: SampleInputKind[];
  /** Non-blank texts of at most 20 characters, used for headings, labels and options. */
  texts: string[];
  /** Wrap the screen in a Form (always done before 4.0, where inputs need one). */
  useForm: boolean;
  /** Send the first input's value to the screens this one leads to. */
  passData: boolean;
}

export interface SampleFlowSpec {
  version: FlowJsonVersion;
  withEndpoint: boolean;
  screens: SampleScreenSpec[];
}

type Json = Record<string, unknown>;

/** At most this many screens follow one screen: a Footer and two EmbeddedLinks. */
const MAX_CHILDREN = 3;

/**
 * Builds a valid Flow from a description: screens in a tree of navigate actions (Footer first,
 * then EmbeddedLinks), inputs of the kinds the version has, screen data passed along navigate
 * payloads with `__example__` values, expressions and global references where the version has
 * them, and an endpoint (`data_exchange`, `routing_model`) when asked. Leaves are terminal and
 * complete the Flow. Used as a starting Flow and by tests and benchmarks.
 */
export function buildSampleFlow(spec: SampleFlowSpec): Json {
  const ids = spec.screens.map((_, index) => screenId(index));
  const parents = assignParents(spec.screens);
  const children = ids.map((_, index) =>
    parents.flatMap((parent, child) => (parent === index ? [child] : [])),
  );
  const passed = spec.screens.map((screen, index) => passedField(spec, index, screen));
  const firstLeaf = children.findIndex((list) => list.length === 0);
  const screens = spec.screens.map((screen, index) => {
    const parent = parents[index] ?? -1;
    const received = parent >= 0 ? passed[parent] : undefined;

    return buildScreen(spec, {
      index,
      ids,
      children: children[index] ?? [],
      received,
      passed,
      parent,
      firstLeaf,
    });
  });
  if (!spec.withEndpoint) {
    return { version: spec.version, screens };
  }
  const routingModel = Object.fromEntries(
    ids.map((id, index) => [id, (children[index] ?? []).map((child) => ids[child])]),
  );

  return { version: spec.version, data_api_version: '3.0', routing_model: routingModel, screens };
}

function assignParents(screens: readonly SampleScreenSpec[]): number[] {
  const counts = screens.map(() => 0);

  return screens.map((screen, index) => {
    if (index === 0) {
      return -1;
    }
    const wanted = Math.min(Math.max(screen.parent, 0), index - 1);
    const parent = (counts[wanted] ?? 0) < MAX_CHILDREN ? wanted : index - 1;
    counts[parent] = (counts[parent] ?? 0) + 1;

    return parent;
  });
}

/** Screen ids are letters and underscores only: A, B, …, Z, BA, BB, … */
export function screenId(index: number): string {
  let letters = '';
  let rest = index;
  do {
    letters = String.fromCharCode(65 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26);
  } while (rest > 0);

  return `SCREEN_${letters}`;
}

interface Passed {
  input: string;
  field: string;
  type: 'string' | 'array' | 'boolean';
}

function passedField(
  spec: SampleFlowSpec,
  index: number,
  screen: SampleScreenSpec,
): Passed | undefined {
  const kind = usableInputs(spec.version, screen)[0];
  if (!screen.passData || kind === undefined) {
    return undefined;
  }
  const type =
    kind === 'CheckboxGroup' || kind === 'ChipsSelector'
      ? 'array'
      : kind === 'OptIn'
        ? 'boolean'
        : kind === 'CalendarPicker'
          ? undefined
          : 'string';

  return type === undefined
    ? undefined
    : { input: inputName(kind, 0), field: `from_${screenId(index).toLowerCase()}`, type };
}

function usableInputs(version: FlowJsonVersion, screen: SampleScreenSpec): SampleInputKind[] {
  return screen.inputs.filter((kind) => isAtLeast(version, SAMPLE_INPUT_KINDS[kind])).slice(0, 6);
}

function inputName(kind: SampleInputKind, position: number): string {
  return `${kind.toLowerCase()}_${String.fromCharCode(97 + position)}`;
}

interface ScreenPlace {
  index: number;
  ids: readonly string[];
  children: readonly number[];
  received: Passed | undefined;
  passed: ReadonlyArray<Passed | undefined>;
  parent: number;
  /** The first terminal screen: in endpoint Flows it always asks the endpoint. */
  firstLeaf: number;
}

function buildScreen(spec: SampleFlowSpec, place: ScreenPlace): Json {
  const screen = spec.screens[place.index] as SampleScreenSpec;
  const text = (position: number) =>
    screen.texts[position % Math.max(screen.texts.length, 1)] ?? 'Sample text';
  const kinds = usableInputs(spec.version, screen);
  const inputs = kinds.map((kind, position) =>
    buildInput(spec, kind, inputName(kind, position), text),
  );
  const body: Json[] = [
    { type: 'TextHeading', text: text(0) },
    ...displayReceived(spec, place),
    ...inputs,
  ];
  const terminal = place.children.length === 0;
  const footer = terminal
    ? completeFooter(spec, kinds, place, text)
    : navigateFooter(place, place.children[0] as number, text);
  const links = place.children.slice(1).map((child) => ({
    type: 'EmbeddedLink',
    text: text(child).slice(0, 25),
    'on-click-action': navigate(place, child),
  }));
  const useForm = screen.useForm || !isAtLeast(spec.version, '4.0');
  const children = useForm
    ? [{ type: 'Form', name: 'form', children: [...body, ...links, footer] }]
    : [...body, ...links, footer];
  const data =
    place.received === undefined
      ? {}
      : {
          [place.received.field]: {
            ...fieldType(place.received.type),
            __example__: example(place.received.type),
          },
        };

  return {
    id: place.ids[place.index],
    title: text(1),
    ...(terminal ? { terminal: true } : {}),
    data,
    layout: { type: 'SingleColumnLayout', children },
  };
}

function displayReceived(spec: SampleFlowSpec, place: ScreenPlace): Json[] {
  const received = place.received;
  const shown: Json[] = [];
  if (received?.type === 'string') {
    const expression = isAtLeast(spec.version, '6.0')
      ? `\`'You said ' \${data.${received.field}}\``
      : `\${data.${received.field}}`;
    shown.push({ type: 'TextBody', text: expression });
  }
  const parentInput = place.passed[place.parent];
  if (
    parentInput !== undefined &&
    parentInput.type === 'string' &&
    isAtLeast(spec.version, '4.0')
  ) {
    shown.push({
      type: 'TextCaption',
      text: `\${screen.${place.ids[place.parent] ?? ''}.form.${parentInput.input}}`,
    });
  }

  return shown;
}

function fieldType(type: Passed['type']): Json {
  return type === 'array' ? { type: 'array', items: { type: 'string' } } : { type };
}

function example(type: Passed['type']): unknown {
  return type === 'array' ? ['1'] : type === 'boolean' ? true : 'Example';
}

function options(text: (position: number) => string, count: number): Json[] {
  return Array.from({ length: count }, (_, position) => ({
    id: String(position + 1),
    title: text(position + 2).slice(0, 30),
  }));
}

function buildInput(
  spec: SampleFlowSpec,
  kind: SampleInputKind,
  name: string,
  text: (position: number) => string,
): Json {
  const label = text(3).slice(0, 20);
  const exchange = spec.withEndpoint
    ? { 'on-select-action': { name: 'data_exchange', payload: { [name]: `\${form.${name}}` } } }
    : {};
  switch (kind) {
    case 'TextInput':
      return { type: kind, name, label, 'input-type': 'text', required: true };
    case 'TextArea':
      return { type: kind, name, label, required: false };
    case 'CheckboxGroup':
    case 'RadioButtonsGroup':
      return { type: kind, name, label, 'data-source': options(text, 3) };
    case 'Dropdown':
      return { type: kind, name, label, 'data-source': options(text, 4), ...exchange };
    case 'ChipsSelector':
      return { type: kind, name, label, 'data-source': options(text, 3) };
    case 'DatePicker':
      return {
        type: kind,
        name,
        label,
        'min-date': isAtLeast(spec.version, '5.0') ? '2024-10-21' : '1696892400000',
      };
    case 'CalendarPicker':
      return { type: kind, name, label, mode: 'single', 'min-date': '2024-10-21' };
    case 'OptIn':
      return { type: kind, name, label: text(4) };
  }
}

function navigate(place: ScreenPlace, child: number): Json {
  const passed = place.passed[place.index];

  return {
    name: 'navigate',
    next: { type: 'screen', name: place.ids[child] },
    payload: passed === undefined ? {} : { [passed.field]: `\${form.${passed.input}}` },
  };
}

function navigateFooter(
  place: ScreenPlace,
  child: number,
  text: (position: number) => string,
): Json {
  return { type: 'Footer', label: text(5).slice(0, 35), 'on-click-action': navigate(place, child) };
}

function completeFooter(
  spec: SampleFlowSpec,
  kinds: readonly SampleInputKind[],
  place: ScreenPlace,
  text: (position: number) => string,
): Json {
  const payload: Json = Object.fromEntries(
    kinds.map((kind, position) => [
      inputName(kind, position),
      `\${form.${inputName(kind, position)}}`,
    ]),
  );
  if (place.received !== undefined) {
    payload[place.received.field] = `\${data.${place.received.field}}`;
  }
  const action =
    spec.withEndpoint && (place.index % 2 === 1 || place.index === place.firstLeaf)
      ? { name: 'data_exchange', payload }
      : { name: 'complete', payload };

  return { type: 'Footer', label: text(6).slice(0, 35), 'on-click-action': action };
}
