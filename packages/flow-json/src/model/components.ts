import { z } from 'zod';

import { actionOf } from './actions';
import {
  FreeObjectSchema,
  dynamicOr,
  booleanOrDynamic,
  integerOrDynamic,
  listOrDynamic,
  text,
} from './common';

/**
 * One strict schema per component (spec A5, at Flow JSON 7.3). Unknown keys are refused, as
 * Meta refuses them (`INVALID_PROPERTY_KEY`). Properties newer than a Flow's version are
 * refused by `PROPERTY_SINCE`; rules that depend on other properties live in `rules/`.
 * Containers list their children as unknown values: the walker checks each child on its own.
 */
const visible = booleanOrDynamic().optional();
const FONT_WEIGHTS = ['bold', 'italic', 'bold_italic', 'normal'] as const;
const ComponentList = z.array(z.unknown());

export const TextHeadingSchema = z.strictObject({
  type: z.literal('TextHeading'),
  text: text(80),
  visible,
});
export const TextSubheadingSchema = z.strictObject({
  type: z.literal('TextSubheading'),
  text: text(80),
  visible,
});

const bodyProperties = {
  'font-weight': z.enum(FONT_WEIGHTS).optional(),
  strikethrough: booleanOrDynamic().optional(),
  markdown: z.boolean().optional(),
  visible,
};
export const TextBodySchema = z.strictObject({
  type: z.literal('TextBody'),
  text: text(4096),
  ...bodyProperties,
});
// The limit table prints 409 for TextCaption, probably a typo for 4096 (U): the stricter 409 applies.
export const TextCaptionSchema = z.strictObject({
  type: z.literal('TextCaption'),
  text: text(409),
  ...bodyProperties,
});
export const RichTextSchema = z.strictObject({
  type: z.literal('RichText'),
  text: z.union([z.string(), z.array(z.string())], { error: 'expected text or a list of lines' }),
  visible,
});

const LABEL_VARIANTS = ['large'] as const;
export const TextInputSchema = z.strictObject({
  type: z.literal('TextInput'),
  name: z.string(),
  label: text(20),
  'label-variant': z.enum(LABEL_VARIANTS).optional(),
  'input-type': z.enum(['text', 'number', 'email', 'password', 'passcode', 'phone']).optional(),
  pattern: z.string().optional(),
  required: booleanOrDynamic().optional(),
  'min-chars': integerOrDynamic(0).optional(),
  'max-chars': integerOrDynamic(1).optional(),
  'helper-text': text(80).optional(),
  'init-value': z.string().optional(),
  'error-message': text(30).optional(),
  // `enabled` is not listed for TextInput (U): the stricter reading refuses it.
  visible,
});
export const TextAreaSchema = z.strictObject({
  type: z.literal('TextArea'),
  name: z.string(),
  label: text(20),
  'label-variant': z.enum(LABEL_VARIANTS).optional(),
  required: booleanOrDynamic().optional(),
  'max-length': integerOrDynamic(1).optional(),
  'helper-text': text(80).optional(),
  enabled: booleanOrDynamic().optional(),
  'init-value': z.string().optional(),
  'error-message': z.string().optional(),
  visible,
});

const itemActions = {
  'on-select-action': actionOf(['update_data']).optional(),
  'on-unselect-action': actionOf(['update_data']).optional(),
};
export const SelectionItemSchema = z.strictObject({
  id: z.string(),
  title: text(30),
  description: text(300).optional(),
  metadata: text(20).optional(),
  enabled: booleanOrDynamic().optional(),
  image: z.string().optional(),
  'alt-text': z.string().optional(),
  color: z
    .string()
    .regex(/^#?[0-9A-Fa-f]{6}$/, { error: 'expected a colour such as "FF0000"' })
    .optional(),
  ...itemActions,
});
export const ChipItemSchema = z.strictObject({
  id: z.string(),
  title: text(30),
  enabled: booleanOrDynamic().optional(),
  ...itemActions,
});

const selectActions = {
  'on-select-action': actionOf(['data_exchange', 'update_data']).optional(),
  'on-unselect-action': actionOf(['update_data']).optional(),
};
const groupProperties = {
  name: z.string(),
  // Required from 4.0 (rules/properties); the limit stays 30 although 4.0 raised it (spec E12).
  label: text(30).optional(),
  description: text(300).optional(),
  required: booleanOrDynamic().optional(),
  enabled: booleanOrDynamic().optional(),
  'media-size': z.enum(['regular', 'large']).optional(),
  'error-message': z.string().optional(),
  visible,
  ...selectActions,
};
export const CheckboxGroupSchema = z.strictObject({
  type: z.literal('CheckboxGroup'),
  'data-source': listOrDynamic(SelectionItemSchema, 1, 20),
  'min-selected-items': integerOrDynamic(0).optional(),
  'max-selected-items': integerOrDynamic(1).optional(),
  'init-value': dynamicOr(z.array(z.string())).optional(),
  ...groupProperties,
});
// Init value: a string here, although one component table says a list (conflict). The
// stricter reading, and Meta's own example, is a string.
export const RadioButtonsGroupSchema = z.strictObject({
  type: z.literal('RadioButtonsGroup'),
  'data-source': listOrDynamic(SelectionItemSchema, 1, 20),
  'init-value': z.string().optional(),
  ...groupProperties,
});
export const DropdownSchema = z.strictObject({
  type: z.literal('Dropdown'),
  name: z.string(),
  label: text(20),
  'data-source': listOrDynamic(SelectionItemSchema, 1, 200),
  required: booleanOrDynamic().optional(),
  enabled: booleanOrDynamic().optional(),
  'init-value': z.string().optional(),
  'error-message': z.string().optional(),
  visible,
  ...selectActions,
});
export const ChipsSelectorSchema = z.strictObject({
  type: z.literal('ChipsSelector'),
  name: z.string(),
  label: text(80),
  description: text(300).optional(),
  'data-source': listOrDynamic(ChipItemSchema, 2, 20),
  'min-selected-items': integerOrDynamic(0).optional(),
  'max-selected-items': integerOrDynamic(1).optional(),
  required: booleanOrDynamic().optional(),
  enabled: booleanOrDynamic().optional(),
  'init-value': dynamicOr(z.array(z.string())).optional(),
  'error-message': z.string().optional(),
  visible,
  ...selectActions,
});

export const DatePickerSchema = z.strictObject({
  type: z.literal('DatePicker'),
  name: z.string(),
  label: text(40),
  'min-date': z.string().optional(),
  'max-date': z.string().optional(),
  'unavailable-dates': listOrDynamic(z.string()).optional(),
  'helper-text': text(80).optional(),
  required: booleanOrDynamic().optional(),
  enabled: booleanOrDynamic().optional(),
  'on-select-action': actionOf(['data_exchange']).optional(),
  'init-value': z.string().optional(),
  'error-message': text(80).optional(),
  visible,
});

/** In range mode some properties are `{ "start-date": …, "end-date": … }`. */
function perDate<T extends z.ZodType>(single: T) {
  return z.union([single, z.strictObject({ 'start-date': single, 'end-date': single })], {
    error: 'expected a value, or an object with "start-date" and "end-date"',
  });
}
export const WEEK_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const CalendarPickerSchema = z.strictObject({
  type: z.literal('CalendarPicker'),
  name: z.string(),
  mode: z.enum(['single', 'range']).optional(),
  label: perDate(text(40)),
  title: text(80).optional(),
  description: text(300).optional(),
  'helper-text': perDate(text(80)).optional(),
  required: perDate(booleanOrDynamic()).optional(),
  enabled: booleanOrDynamic().optional(),
  'min-date': z.string().optional(),
  'max-date': z.string().optional(),
  'unavailable-dates': listOrDynamic(z.string()).optional(),
  'include-days': listOrDynamic(z.enum(WEEK_DAYS)).optional(),
  'min-days': integerOrDynamic(0).optional(),
  'max-days': integerOrDynamic(0).optional(),
  'on-select-action': actionOf(['data_exchange']).optional(),
  'init-value': perDate(z.string()).optional(),
  'error-message': perDate(text(80)).optional(),
  visible,
});

export const FooterSchema = z.strictObject({
  type: z.literal('Footer'),
  label: text(35),
  'left-caption': text(15).optional(),
  'right-caption': text(15).optional(),
  'center-caption': text(15).optional(),
  enabled: booleanOrDynamic().optional(),
  'on-click-action': actionOf(['navigate', 'data_exchange', 'complete']),
});
export const EmbeddedLinkSchema = z.strictObject({
  type: z.literal('EmbeddedLink'),
  // 25 characters; Meta's own 2.1 examples use more, see rules/properties.
  text: z.string(),
  'on-click-action': actionOf(['navigate', 'data_exchange', 'open_url']),
  visible,
});
export const OptInSchema = z.strictObject({
  type: z.literal('OptIn'),
  name: z.string(),
  label: text(120),
  required: booleanOrDynamic().optional(),
  'on-click-action': actionOf(['navigate', 'data_exchange', 'open_url']).optional(),
  'on-select-action': actionOf(['update_data']).optional(),
  'on-unselect-action': actionOf(['update_data']).optional(),
  'init-value': booleanOrDynamic().optional(),
  visible,
});

const SCALE_TYPES = ['cover', 'contain'] as const;
export const ImageSchema = z.strictObject({
  type: z.literal('Image'),
  src: z.string(),
  width: integerOrDynamic(1).optional(),
  height: integerOrDynamic(1).optional(),
  'scale-type': z.enum(SCALE_TYPES).optional(),
  'aspect-ratio': dynamicOr(z.number().positive()).optional(),
  'alt-text': z.string().optional(),
});
export const ImageCarouselSchema = z.strictObject({
  type: z.literal('ImageCarousel'),
  images: listOrDynamic(z.strictObject({ src: z.string(), 'alt-text': z.string() }), 1, 3),
  'aspect-ratio': z.enum(['4:3', '16:9']).optional(),
  'scale-type': z.enum(SCALE_TYPES).optional(),
});

const pickerProperties = {
  name: z.string(),
  label: text(80),
  description: text(300).optional(),
  'max-file-size-kb': integerOrDynamic(1, 25_600).optional(),
  enabled: booleanOrDynamic().optional(),
  visible,
  'error-message': z.union([z.string(), z.record(z.string(), z.string())]).optional(),
};
export const PhotoPickerSchema = z.strictObject({
  type: z.literal('PhotoPicker'),
  'photo-source': z.enum(['camera_gallery', 'camera', 'gallery']).optional(),
  'min-uploaded-photos': integerOrDynamic(0, 30).optional(),
  'max-uploaded-photos': integerOrDynamic(1, 30).optional(),
  ...pickerProperties,
});
export const DOCUMENT_MIME_TYPES = [
  'application/gzip',
  'application/msword',
  'application/pdf',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/x-7z-compressed',
  'application/zip',
  'image/avif',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/webp',
  'text/plain',
  'video/mp4',
  'video/mpeg',
] as const;
export const DocumentPickerSchema = z.strictObject({
  type: z.literal('DocumentPicker'),
  'min-uploaded-documents': integerOrDynamic(0, 30).optional(),
  'max-uploaded-documents': integerOrDynamic(1, 30).optional(),
  'allowed-mime-types': listOrDynamic(z.enum(DOCUMENT_MIME_TYPES)).optional(),
  ...pickerProperties,
});

const navigationAction = actionOf(['navigate', 'data_exchange']);
export const NavigationItemSchema = z.strictObject({
  id: z.string(),
  'main-content': z.strictObject({
    title: text(30),
    description: text(20).optional(),
    metadata: text(80).optional(),
  }),
  start: z.strictObject({ image: z.string(), 'alt-text': z.string().optional() }).optional(),
  end: z
    .strictObject({
      title: text(10).optional(),
      description: text(10).optional(),
      metadata: text(10).optional(),
    })
    .optional(),
  badge: text(15).optional(),
  tags: z.array(text(15)).max(3).optional(),
  'on-click-action': navigationAction.optional(),
});
export const NavigationListSchema = z.strictObject({
  type: z.literal('NavigationList'),
  name: z.string(),
  'list-items': listOrDynamic(NavigationItemSchema, 1, 20),
  label: text(80).optional(),
  description: text(300).optional(),
  'media-size': z.enum(['regular', 'large']).optional(),
  'on-click-action': navigationAction.optional(),
});

export const FormSchema = z.strictObject({
  type: z.literal('Form'),
  name: z.string(),
  children: ComponentList,
  'init-values': dynamicOr(FreeObjectSchema).optional(),
  'error-messages': dynamicOr(FreeObjectSchema).optional(),
});
export const IfSchema = z.strictObject({
  type: z.literal('If'),
  condition: z.string(),
  then: ComponentList.min(1),
  else: ComponentList.optional(),
});
export const SwitchSchema = z.strictObject({
  type: z.literal('Switch'),
  value: z.string(),
  cases: z.record(z.string(), ComponentList).refine((cases) => Object.keys(cases).length > 0, {
    error: 'a Switch needs at least one case',
  }),
});
