import { isJsonObject, walkComponents } from '@sanjay-flow/flow-json';
import type { JsonObject } from '@sanjay-flow/flow-json';

/** What a submission's answer key means in the Flow version that was sent. */
export interface FieldInfo {
  /** The answer's key in `response_json`. */
  key: string;
  /** The component's label as the customer saw it; the key when it has none. */
  label: string;
  componentType: string | null;
  required: boolean;
  /** Option id → title, for the selection components whose options are written in the Flow. */
  options: ReadonlyMap<string, string>;
}

/** The answer keys a `complete` action sends, with what each field is. */
export interface CompletionShape {
  screen: string;
  fields: FieldInfo[];
}

export interface FieldCatalog {
  completions: CompletionShape[];
  /** Every named input component, by name, for answers no `complete` payload explains. */
  components: ReadonlyMap<string, FieldInfo>;
}

interface ScreenIndex {
  components: Map<string, JsonObject>;
  /** The text shown just before a component, its label when it has none of its own. */
  headings: Map<string, string>;
  actions: JsonObject[];
}

const REFERENCE = /^\$\{(form|data)\.([A-Za-z0-9_]+)\}$/;
const SCREEN_REFERENCE = /^\$\{screen\.([A-Za-z0-9_]+)\.form\.([A-Za-z0-9_]+)\}$/;
const MAX_TRACE_DEPTH = 16;

/**
 * Reads a Flow JSON document for what its answers mean: each `complete` action's payload keys
 * traced back to the component that filled them (through `${form.x}`, `${screen.S.form.x}`, and
 * `${data.x}` carried by a `navigate` payload from an earlier screen). Tolerates any document:
 * what it cannot read contributes nothing.
 */
export function buildFieldCatalog(flowJson: unknown): FieldCatalog {
  const screens = indexScreens(flowJson);
  const components = new Map<string, FieldInfo>();
  for (const index of screens.values()) {
    for (const [name, component] of index.components) {
      if (!components.has(name)) {
        components.set(name, fieldInfo(name, component, index.headings.get(name)));
      }
    }
  }
  const completions: CompletionShape[] = [];
  for (const [screenId, index] of screens) {
    for (const action of index.actions) {
      if (action.name === 'complete') {
        completions.push({ screen: screenId, fields: completionFields(screens, screenId, action) });
      }
    }
  }

  return { completions, components };
}

function completionFields(
  screens: Map<string, ScreenIndex>,
  screenId: string,
  action: JsonObject,
): FieldInfo[] {
  const payload = isJsonObject(action.payload) ? action.payload : {};

  return Object.entries(payload).map(([key, value]) => {
    const found = typeof value === 'string' ? trace(screens, screenId, value, 0) : null;

    return found === null
      ? { key, label: key, componentType: null, required: false, options: new Map() }
      : fieldInfo(key, found.component, found.heading);
  });
}

/** The component whose value `reference` carries into `screenId`, if it can be told. */
function trace(
  screens: Map<string, ScreenIndex>,
  screenId: string,
  reference: string,
  depth: number,
): Traced | null {
  const onScreen = SCREEN_REFERENCE.exec(reference);
  if (onScreen) {
    return componentOn(screens.get(onScreen[1] ?? ''), onScreen[2] ?? '');
  }
  const local = REFERENCE.exec(reference);
  if (!local || depth > MAX_TRACE_DEPTH) {
    return null;
  }
  const [, scope, name = ''] = local;
  if (scope === 'form') {
    return componentOn(screens.get(screenId), name);
  }
  for (const [sourceId, source] of screens) {
    for (const action of source.actions) {
      const next = isJsonObject(action.next) ? action.next : {};
      const payload = isJsonObject(action.payload) ? action.payload : {};
      const carried = payload[name];
      if (action.name === 'navigate' && next.name === screenId && typeof carried === 'string') {
        const found = trace(screens, sourceId, carried, depth + 1);
        if (found) {
          return found;
        }
      }
    }
  }

  return null;
}

interface Traced {
  component: JsonObject;
  heading: string | undefined;
}

function componentOn(screen: ScreenIndex | undefined, name: string): Traced | null {
  const component = screen?.components.get(name);

  return component ? { component, heading: screen?.headings.get(name) } : null;
}

const TEXT_TYPES = new Set(['TextHeading', 'TextSubheading', 'TextBody', 'TextCaption']);

function indexScreens(flowJson: unknown): Map<string, ScreenIndex> {
  const screens = new Map<string, ScreenIndex>();
  const list = isJsonObject(flowJson) && Array.isArray(flowJson.screens) ? flowJson.screens : [];
  for (const screen of list) {
    if (!isJsonObject(screen) || typeof screen.id !== 'string') {
      continue;
    }
    const index: ScreenIndex = { components: new Map(), headings: new Map(), actions: [] };
    const layout = isJsonObject(screen.layout) ? screen.layout : {};
    let lastText: string | undefined;
    walkComponents(layout.children, '', ({ component }) => {
      if (!isJsonObject(component)) {
        return;
      }
      if (TEXT_TYPES.has(String(component.type)) && typeof component.text === 'string') {
        lastText = component.text;
      }
      if (typeof component.name === 'string') {
        index.components.set(component.name, component);
        if (lastText !== undefined) {
          index.headings.set(component.name, lastText);
        }
      }
      for (const [property, value] of Object.entries(component)) {
        if (property.endsWith('-action') && isJsonObject(value)) {
          index.actions.push(value);
        }
      }
    });
    screens.set(screen.id, index);
  }

  return screens;
}

function fieldInfo(key: string, component: JsonObject, heading?: string): FieldInfo {
  const label = [component.label, component.text, heading].find(
    (text): text is string => typeof text === 'string' && !text.startsWith('${'),
  );

  return {
    key,
    label: label ?? key,
    componentType: typeof component.type === 'string' ? component.type : null,
    required: component.required === true,
    options: optionsOf(component['data-source']),
  };
}

function optionsOf(source: unknown): Map<string, string> {
  const options = new Map<string, string>();
  // A data source bound to `${data.…}` was filled by the endpoint at run time: its titles are
  // not in the Flow, and the answer keeps its ids.
  if (!Array.isArray(source)) {
    return options;
  }
  for (const option of source) {
    if (isJsonObject(option) && typeof option.id === 'string') {
      options.set(option.id, typeof option.title === 'string' ? option.title : option.id);
    }
  }

  return options;
}
