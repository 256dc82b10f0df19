import {
  INPUT_COMPONENT_TYPES,
  isJsonObject,
  NavigateActionSchema,
  RoutingModelSchema,
  walkComponents,
} from '@sanjay-flow/flow-json';

import type { GraphDocument } from './document';
import { screenNode, updateScreenAt, valueAt, withScreen } from './screen-tree';
import type { ComponentPlace } from './screen-tree';

/**
 * What starts a navigation: a component with an `on-click-action` (Footer, EmbeddedLink,
 * OptIn) or an item of a NavigationList (`…/list-items/2`).
 */
export type NavigateSource = ComponentPlace;

export type NavigateResult = { ok: true; doc: GraphDocument } | { ok: false; reason: string };

const CLICKABLE = new Set(['Footer', 'EmbeddedLink', 'OptIn']);
// Pickers' files cannot travel in a navigate payload (the validator says so too).
const NOT_IN_PAYLOAD = new Set(['PhotoPicker', 'DocumentPicker']);
const INPUTS: ReadonlySet<string> = new Set(INPUT_COMPONENT_TYPES);

function isListItem(pointer: string): boolean {
  return /\/list-items\/\d+$/.test(pointer);
}

function screenIdOf(doc: GraphDocument, nodeId: string): string {
  const screen = screenNode(doc, nodeId).screen;

  return typeof screen.id === 'string' ? screen.id : nodeId;
}

/** Why the source cannot navigate to the target screen, or `null` when it can. */
export function navigateRefusal(
  doc: GraphDocument,
  source: NavigateSource,
  targetNodeId: string,
): string | null {
  const target = doc.nodes.find((node) => node.id === targetNodeId);
  if (target?.kind !== 'screen') {
    return 'A button or list item can only lead to a screen';
  }
  if (targetNodeId === source.nodeId) {
    return 'A screen cannot navigate to itself';
  }
  const holder = valueAt(screenNode(doc, source.nodeId).screen, source.pointer);
  if (!isJsonObject(holder)) {
    return 'There is no component there to start the navigation';
  }
  if (isListItem(source.pointer) || CLICKABLE.has(String(holder.type))) {
    return null;
  }

  return `A ${String(holder.type)} has no click action; drag from a Footer, link, opt-in or list item`;
}

interface DataField {
  [key: string]: unknown;
  type: string;
}

function exampleOf(type: string): unknown {
  switch (type) {
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'number':
      return 0;
    default:
      return 'Example';
  }
}

function inputType(component: Record<string, unknown>): string {
  switch (component.type) {
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return 'array';
    case 'OptIn':
      return 'boolean';
    case 'CalendarPicker':
      return component.mode === 'range' ? 'object' : 'string';
    default:
      return 'string';
  }
}

/**
 * What the source screen hands on: each input's value (`${form.name}`), and each field of its
 * own data (`${data.key}`) so answers from earlier screens reach the last one.
 */
export function navigatePayload(screen: Record<string, unknown>): {
  payload: Record<string, string>;
  fields: Record<string, DataField>;
} {
  const payload: Record<string, string> = {};
  const fields: Record<string, DataField> = {};
  const data = isJsonObject(screen.data) ? screen.data : {};
  for (const [key, field] of Object.entries(data)) {
    if (isJsonObject(field) && typeof field.type === 'string') {
      payload[key] = `\${data.${key}}`;
      fields[key] = field as DataField;
    }
  }
  const layout = isJsonObject(screen.layout) ? screen.layout : {};
  walkComponents(layout.children, '', ({ component }) => {
    const type = isJsonObject(component) ? String(component.type) : '';
    if (!isJsonObject(component) || !INPUTS.has(type) || NOT_IN_PAYLOAD.has(type)) {
      return;
    }
    if (typeof component.name === 'string') {
      const valueType = inputType(component);
      payload[component.name] = `\${form.${component.name}}`;
      fields[component.name] =
        valueType === 'array'
          ? { type: valueType, items: { type: 'string' }, __example__: [] }
          : { type: valueType, __example__: exampleOf(valueType) };
    }
  });

  return { payload, fields };
}

function withRoute(doc: GraphDocument, from: string, to: string): GraphDocument {
  const parsed = RoutingModelSchema.safeParse(doc.flow.routing_model);
  if (!parsed.success) {
    return doc;
  }
  const targets = parsed.data[from] ?? [];
  if (targets.includes(to)) {
    return doc;
  }

  return {
    ...doc,
    flow: { ...doc.flow, routing_model: { ...parsed.data, [from]: [...targets, to] } },
  };
}

/**
 * Makes the button or list item navigate to the target screen: writes the navigate action
 * with a payload carrying the source's inputs and data, and declares each payload key in the
 * target screen's data model (keys it already declares keep their declaration). Reconnecting
 * to the same screen keeps payload keys the user added.
 */
export function connectNavigate(
  doc: GraphDocument,
  source: NavigateSource,
  targetNodeId: string,
): NavigateResult {
  const reason = navigateRefusal(doc, source, targetNodeId);
  if (reason !== null) {
    return { ok: false, reason };
  }
  const targetId = screenIdOf(doc, targetNodeId);
  const sourceScreen = screenNode(doc, source.nodeId).screen;
  const { payload, fields } = navigatePayload(sourceScreen);
  const actionPointer = `${source.pointer}/on-click-action`;
  const previous = NavigateActionSchema.safeParse(valueAt(sourceScreen, actionPointer));
  const kept =
    previous.success && previous.data.next.name === targetId && isJsonObject(previous.data.payload)
      ? previous.data.payload
      : {};
  const action = {
    name: 'navigate',
    next: { type: 'screen', name: targetId },
    payload: { ...kept, ...payload },
  };
  const connected = withScreen(doc, source.nodeId, (screen) =>
    updateScreenAt(screen, actionPointer, () => action),
  );
  // TODO: other navigations into the target are not given the keys declared here; the
  // validator reports each until it is connected again.
  const declared = withScreen(connected, targetNodeId, (screen) => {
    const data = isJsonObject(screen.data) ? screen.data : {};
    const missing = Object.entries(fields).filter(([key]) => !Object.hasOwn(data, key));

    return missing.length === 0
      ? screen
      : { ...screen, data: { ...data, ...Object.fromEntries(missing) } };
  });

  return { ok: true, doc: withRoute(declared, screenIdOf(doc, source.nodeId), targetId) };
}
