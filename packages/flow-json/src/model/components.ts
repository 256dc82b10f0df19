import { z } from 'zod';

import { actionOf } from './actions';
import { dynamicOr, booleanOrDynamic, integerOrDynamic, listOrDynamic, text } from './common';

/**
 * One strict schema per component (spec A5, at Flow JSON 7.3). Unknown keys are refused, as
 * Meta refuses them (`INVALID_PROPERTY_KEY`). Properties newer than a Flow's version are
 * refused by `PROPERTY_SINCE`; rules that depend on other properties live in `rules/`.
 */
const visible = booleanOrDynamic().optional();
const FONT_WEIGHTS = ['bold', 'italic', 'bold_italic', 'normal'] as const;

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
