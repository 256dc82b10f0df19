import {
  COMPONENT_TYPES,
  COMPONENT_TYPE_NAMES,
  INPUT_COMPONENT_TYPES,
  isAtLeast,
  isJsonObject,
  parsePointer,
  pointerTo,
  walkComponents,
} from '@sanjay-flow/flow-json';
import type { ComponentCategory, ComponentType } from '@sanjay-flow/flow-json';

import type { GraphDocument } from './document';
import { screenNode, valueAt } from './screen-tree';
import type { ComponentSlot } from './screen-tree';

/** One entry of the component palette for a Flow's version. */
export interface PaletteComponent {
  type: ComponentType;
  category: ComponentCategory;
  available: boolean;
  /** Why the component cannot be used in this Flow, when it cannot. */
  reason?: string;
}

/** The version a document declares; documents without one are read as the latest. */
export function flowVersionOf(doc: GraphDocument): string {
  return typeof doc.flow.version === 'string' ? doc.flow.version : '7.3';
}

function versionRefusal(type: ComponentType, version: string): string | null {
  const since = COMPONENT_TYPES[type].since;

  return isAtLeast(version, since)
    ? null
    : `${type} needs Flow JSON ${since} or later; this Flow uses ${version}.`;
}

/** Every component type, with whether the Flow's version has it and why not. */
export function componentPalette(version: string): PaletteComponent[] {
  return COMPONENT_TYPE_NAMES.map((type) => {
    const reason = versionRefusal(type, version);
    const category = COMPONENT_TYPES[type].category;

    return reason === null
      ? { type, category, available: true }
      : { type, category, available: false, reason };
  });
}

/** The container types around a component list, outermost first (`/layout/children/0/then` → If). */
export function containersAround(screen: Record<string, unknown>, list: string): string[] {
  const segments = parsePointer(list);
  const types: string[] = [];
  for (let length = 3; length < segments.length; length += 1) {
    const segment = segments[length - 1] ?? '';
    const value = /^\d+$/.test(segment)
      ? valueAt(screen, pointerTo(...segments.slice(0, length)))
      : undefined;
    if (isJsonObject(value) && typeof value.type === 'string') {
      types.push(value.type);
    }
  }

  return types;
}

/** Why a component of `type` cannot go into `slot`, or `null` when it can. */
export function placementRefusal(
  doc: GraphDocument,
  slot: ComponentSlot,
  type: ComponentType,
): string | null {
  const tooNew = versionRefusal(type, flowVersionOf(doc));
  if (tooNew !== null) {
    return tooNew;
  }
  const containers = containersAround(screenNode(doc, slot.nodeId).screen, slot.list);
  if (type === 'Form' && containers.includes('Form')) {
    return 'A Form cannot hold another Form.';
  }

  return null;
}

/** Every `name` used by a component of the screen, for picking new unique ones. */
export function componentNames(screen: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const layout = isJsonObject(screen.layout) ? screen.layout : {};
  walkComponents(layout.children, '/layout/children', ({ component }) => {
    if (isJsonObject(component) && typeof component.name === 'string') {
      names.add(component.name);
    }
  });

  return names;
}

function snakeCase(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `text_input`, then `text_input_2`, … : the first name the screen does not use. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let counter = 2; taken.has(name); counter += 1) {
    name = `${base}_${counter}`;
  }

  return name;
}

const TWO_OPTIONS = [
  { id: 'first', title: 'First option' },
  { id: 'second', title: 'Second option' },
];

// A 1×1 transparent PNG: an Image needs a source before the user picks one.
const PLACEHOLDER_IMAGE =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** What a new component of each type starts with: the properties it needs, nothing more. */
const DEFAULTS: Record<ComponentType, (version: string) => Record<string, unknown>> = {
  TextHeading: () => ({ text: 'Heading' }),
  TextSubheading: () => ({ text: 'Subheading' }),
  TextBody: () => ({ text: 'Text' }),
  TextCaption: () => ({ text: 'Caption' }),
  RichText: () => ({ text: 'Rich text' }),
  TextInput: () => ({ label: 'Text' }),
  TextArea: () => ({ label: 'Text' }),
  CheckboxGroup: () => ({ label: 'Choose', 'data-source': TWO_OPTIONS }),
  RadioButtonsGroup: () => ({ label: 'Choose one', 'data-source': TWO_OPTIONS }),
  Dropdown: () => ({ label: 'Choose one', 'data-source': TWO_OPTIONS }),
  ChipsSelector: () => ({ label: 'Choose', 'data-source': TWO_OPTIONS }),
  DatePicker: () => ({ label: 'Date' }),
  CalendarPicker: () => ({ label: 'Date' }),
  Footer: () => ({ label: 'Continue', 'on-click-action': { name: 'complete', payload: {} } }),
  EmbeddedLink: (version) => ({
    text: 'Learn more',
    'on-click-action': isAtLeast(version, '6.0')
      ? { name: 'open_url', url: 'https://www.example.com' }
      : { name: 'data_exchange', payload: {} },
  }),
  OptIn: () => ({ label: 'I agree' }),
  Image: () => ({ src: PLACEHOLDER_IMAGE, 'alt-text': 'Image' }),
  ImageCarousel: () => ({ images: [{ src: PLACEHOLDER_IMAGE, 'alt-text': 'Image' }] }),
  PhotoPicker: () => ({ label: 'Photos' }),
  DocumentPicker: () => ({ label: 'Documents' }),
  NavigationList: () => ({
    'list-items': [{ id: 'first', 'main-content': { title: 'First item' } }],
  }),
  Form: () => ({ children: [] }),
  If: () => ({
    condition: '',
    then: [{ type: 'TextBody', text: 'Shown when the condition holds' }],
  }),
  Switch: () => ({
    value: '',
    cases: { first: [{ type: 'TextBody', text: 'Shown for “first”' }] },
  }),
};

const NAMED: ReadonlySet<string> = new Set<string>([
  ...INPUT_COMPONENT_TYPES,
  'NavigationList',
  'Form',
]);

/**
 * A new component of `type` for a screen: its required properties filled in, and a `name`
 * the screen does not use yet when the type takes one.
 */
export function defaultComponent(
  type: ComponentType,
  screen: Record<string, unknown>,
  version: string,
): Record<string, unknown> {
  const base = { type, ...DEFAULTS[type](version) };

  return NAMED.has(type)
    ? { ...base, name: uniqueName(snakeCase(type), componentNames(screen)) }
    : base;
}
