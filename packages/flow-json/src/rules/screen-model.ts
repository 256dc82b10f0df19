import { isComponentType } from '../components';
import type { ComponentType } from '../components';
import type { ValueType } from '../expression';
import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { childPointer } from '../pointer';
import { componentPath, walkComponents } from '../walk';
import type { ComponentVisit } from '../walk';
import type { ScreenEntry } from './context';

/** A component of a known type, found while walking a screen. */
export interface ComponentEntry {
  visit: ComponentVisit;
  component: JsonObject;
  type: ComponentType;
  /** Readable path, e.g. `Form "form" > TextInput "email"`. */
  path: string;
  /** Inside a Form (at any depth). */
  inForm: boolean;
  /** Number of If/Switch containers around it. */
  conditionalDepth: number;
}

/** What the rules need to know about one screen, gathered in one walk. */
export interface ScreenModel {
  entry: ScreenEntry;
  screen: JsonObject;
  components: ComponentEntry[];
  /** Form inputs by name (the first one, when a name is used twice). */
  inputs: Map<string, ComponentEntry>;
  /** The declared `data` fields, as written. */
  data: JsonObject;
  terminal: boolean;
}

/** Components whose value the user enters, readable as `${form.name}`. */
export const INPUT_COMPONENT_TYPES = [
  'TextInput',
  'TextArea',
  'CheckboxGroup',
  'RadioButtonsGroup',
  'Dropdown',
  'ChipsSelector',
  'DatePicker',
  'CalendarPicker',
  'OptIn',
  'PhotoPicker',
  'DocumentPicker',
] as const satisfies readonly ComponentType[];

export const INPUT_TYPES: ReadonlySet<ComponentType> = new Set<ComponentType>(
  INPUT_COMPONENT_TYPES,
);

export const PICKER_TYPES: ReadonlySet<ComponentType> = new Set<ComponentType>([
  'PhotoPicker',
  'DocumentPicker',
]);

export function buildScreenModel(entry: ScreenEntry): ScreenModel | undefined {
  const screen = entry.value;
  if (!isJsonObject(screen)) {
    return undefined;
  }
  const components: ComponentEntry[] = [];
  const inputs = new Map<string, ComponentEntry>();
  const layout = isJsonObject(screen.layout) ? screen.layout : {};
  walkComponents(layout.children, childPointer(entry.pointer, 'layout', 'children'), (visit) => {
    const component = visit.component;
    if (!isJsonObject(component) || !isComponentType(component.type)) {
      return;
    }
    const found: ComponentEntry = {
      visit,
      component,
      type: component.type,
      // Only messages read the path: it is worked out when a problem needs it.
      get path() {
        return componentPath(visit);
      },
      inForm: visit.parents.some((parent) => parent.type === 'Form'),
      conditionalDepth: visit.parents.filter((parent) => parent.type !== 'Form').length,
    };
    components.push(found);
    if (
      INPUT_TYPES.has(found.type) &&
      typeof component.name === 'string' &&
      !inputs.has(component.name)
    ) {
      inputs.set(component.name, found);
    }
  });

  return {
    entry,
    screen,
    components,
    inputs,
    data: isJsonObject(screen.data) ? screen.data : {},
    terminal: screen.terminal === true,
  };
}

/** The type `${form.name}` has for an input (spec A5): what the phone sends for it. */
export function inputValueType(input: ComponentEntry): ValueType {
  switch (input.type) {
    case 'CheckboxGroup':
    case 'ChipsSelector':
    case 'PhotoPicker':
    case 'DocumentPicker':
      return 'array';
    case 'OptIn':
      return 'boolean';
    case 'CalendarPicker':
      return input.component.mode === 'range' ? 'object' : 'string';
    case 'TextInput':
    case 'TextArea':
    case 'RadioButtonsGroup':
    case 'Dropdown':
    case 'DatePicker':
      return 'string';
    case 'EmbeddedLink':
    case 'Footer':
    case 'Form':
    case 'If':
    case 'Image':
    case 'ImageCarousel':
    case 'NavigationList':
    case 'RichText':
    case 'Switch':
    case 'TextBody':
    case 'TextCaption':
    case 'TextHeading':
    case 'TextSubheading':
      return 'unknown';
  }
}
