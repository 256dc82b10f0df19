import type { z } from 'zod';

import type { ComponentType } from '../components';
import {
  CalendarPickerSchema,
  CheckboxGroupSchema,
  ChipsSelectorSchema,
  DatePickerSchema,
  DropdownSchema,
  RadioButtonsGroupSchema,
  RichTextSchema,
  TextAreaSchema,
  TextBodySchema,
  TextCaptionSchema,
  TextHeadingSchema,
  TextInputSchema,
  TextSubheadingSchema,
} from './components';
import {
  DocumentPickerSchema,
  EmbeddedLinkSchema,
  FooterSchema,
  FormSchema,
  IfSchema,
  ImageCarouselSchema,
  ImageSchema,
  NavigationListSchema,
  OptInSchema,
  PhotoPickerSchema,
  SwitchSchema,
} from './components-more';
import type { FlowJsonVersion } from '../versions';

export * from './actions';
export * from './components';
export * from './components-more';
export * from './screen';

/** The schema of each component type. */
export const COMPONENT_SCHEMAS = {
  TextHeading: TextHeadingSchema,
  TextSubheading: TextSubheadingSchema,
  TextBody: TextBodySchema,
  TextCaption: TextCaptionSchema,
  RichText: RichTextSchema,
  TextInput: TextInputSchema,
  TextArea: TextAreaSchema,
  CheckboxGroup: CheckboxGroupSchema,
  RadioButtonsGroup: RadioButtonsGroupSchema,
  Dropdown: DropdownSchema,
  ChipsSelector: ChipsSelectorSchema,
  DatePicker: DatePickerSchema,
  CalendarPicker: CalendarPickerSchema,
  Footer: FooterSchema,
  EmbeddedLink: EmbeddedLinkSchema,
  OptIn: OptInSchema,
  Image: ImageSchema,
  ImageCarousel: ImageCarouselSchema,
  PhotoPicker: PhotoPickerSchema,
  DocumentPicker: DocumentPickerSchema,
  NavigationList: NavigationListSchema,
  Form: FormSchema,
  If: IfSchema,
  Switch: SwitchSchema,
} as const satisfies Record<ComponentType, z.ZodType>;

/** Any component, typed by its `type`. */
export type Component = z.infer<(typeof COMPONENT_SCHEMAS)[ComponentType]>;
export type ComponentOf<T extends ComponentType> = z.infer<(typeof COMPONENT_SCHEMAS)[T]>;

/** Component properties newer than their component (spec 0.2). Anything unlisted dates from the component. */
export const PROPERTY_SINCE: Partial<Record<ComponentType, Record<string, FlowJsonVersion>>> = {
  TextBody: { markdown: '5.1' },
  TextCaption: { markdown: '5.1' },
  TextInput: {
    'label-variant': '7.0',
    pattern: '6.2',
    'init-value': '4.0',
    'error-message': '4.0',
  },
  TextArea: { 'label-variant': '7.0', 'init-value': '4.0', 'error-message': '4.0' },
  CheckboxGroup: {
    description: '4.0',
    'media-size': '5.0',
    'on-unselect-action': '6.0',
    'init-value': '4.0',
    'error-message': '4.0',
  },
  RadioButtonsGroup: {
    description: '4.0',
    'media-size': '5.0',
    'on-unselect-action': '6.0',
    'init-value': '4.0',
    'error-message': '4.0',
  },
  Dropdown: { 'on-unselect-action': '6.0', 'init-value': '4.0', 'error-message': '4.0' },
  ChipsSelector: { 'on-unselect-action': '7.1' },
  DatePicker: { 'init-value': '4.0', 'error-message': '4.0' },
  OptIn: { 'on-select-action': '6.0', 'on-unselect-action': '6.0', 'init-value': '4.0' },
};

/** Selection-list item properties newer than the lists themselves. */
export const ITEM_PROPERTY_SINCE: Record<string, FlowJsonVersion> = {
  image: '5.0',
  'alt-text': '5.0',
  color: '5.0',
  'on-select-action': '6.0',
  'on-unselect-action': '6.0',
};

/** Screen properties newer than 2.1. */
export const SCREEN_PROPERTY_SINCE: Record<string, FlowJsonVersion> = {
  success: '3.1',
  sensitive: '5.1',
};
