import type { FlowJsonVersion } from './versions';

export type ComponentCategory =
  'text' | 'text-entry' | 'selection' | 'date' | 'action' | 'media' | 'navigation' | 'structure';

/** Where a container component keeps the components it holds. */
export interface ChildSlot {
  key: string;
  /** `list`: an array of components; `cases`: an object whose values are arrays of components. */
  shape: 'list' | 'cases';
  required: boolean;
}

export interface ComponentTypeInfo {
  /** The first Flow JSON version that has this component. */
  since: FlowJsonVersion;
  category: ComponentCategory;
  slots?: readonly ChildSlot[];
}

/** Every component type of Flow JSON, with the version that introduced it (spec 0.2 and A5). */
export const COMPONENT_TYPES = {
  TextHeading: { since: '2.1', category: 'text' },
  TextSubheading: { since: '2.1', category: 'text' },
  TextBody: { since: '2.1', category: 'text' },
  TextCaption: { since: '2.1', category: 'text' },
  RichText: { since: '5.1', category: 'text' },
  TextInput: { since: '2.1', category: 'text-entry' },
  TextArea: { since: '2.1', category: 'text-entry' },
  CheckboxGroup: { since: '2.1', category: 'selection' },
  RadioButtonsGroup: { since: '2.1', category: 'selection' },
  Dropdown: { since: '2.1', category: 'selection' },
  ChipsSelector: { since: '6.3', category: 'selection' },
  DatePicker: { since: '2.1', category: 'date' },
  CalendarPicker: { since: '6.1', category: 'date' },
  Footer: { since: '2.1', category: 'action' },
  EmbeddedLink: { since: '2.1', category: 'action' },
  OptIn: { since: '2.1', category: 'action' },
  Image: { since: '2.1', category: 'media' },
  ImageCarousel: { since: '7.1', category: 'media' },
  PhotoPicker: { since: '4.0', category: 'media' },
  DocumentPicker: { since: '4.0', category: 'media' },
  NavigationList: { since: '6.2', category: 'navigation' },
  Form: {
    since: '2.1',
    category: 'structure',
    slots: [{ key: 'children', shape: 'list', required: true }],
  },
  If: {
    since: '4.0',
    category: 'structure',
    slots: [
      { key: 'then', shape: 'list', required: true },
      { key: 'else', shape: 'list', required: false },
    ],
  },
  Switch: {
    since: '4.0',
    category: 'structure',
    slots: [{ key: 'cases', shape: 'cases', required: true }],
  },
} as const satisfies Record<string, ComponentTypeInfo>;

export type ComponentType = keyof typeof COMPONENT_TYPES;

export const COMPONENT_TYPE_NAMES = Object.keys(COMPONENT_TYPES) as readonly ComponentType[];

export function isComponentType(value: unknown): value is ComponentType {
  return typeof value === 'string' && Object.hasOwn(COMPONENT_TYPES, value);
}

export function componentTypeInfo(type: ComponentType): ComponentTypeInfo {
  return COMPONENT_TYPES[type];
}
