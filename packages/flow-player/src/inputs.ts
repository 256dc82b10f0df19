import { INPUT_COMPONENT_TYPES } from '@sanjay-flow/flow-json';
import { z } from 'zod';

import { dateValue } from './dates';
import type { DateFormat } from './dates';
import { FlowPlayerError } from './errors';
import { asBoolean, asText, isEnabled } from './evaluate';
import { DateRangeSchema, PickedMediaSchema } from './state';
import type { FormValue, JsonObject } from './state';

/** Components that hold a value the customer enters or chooses: the validator's own list. */
export const INPUT_TYPES = INPUT_COMPONENT_TYPES;

export type InputType = (typeof INPUT_TYPES)[number];

export function isInputType(type: string): type is InputType {
  return (INPUT_TYPES as readonly string[]).includes(type);
}

/** One choice of a selection list, with its dynamic parts resolved. */
export interface Option {
  id: string;
  title: string;
  enabled: boolean;
  description?: string;
  metadata?: string;
  image?: string;
  'alt-text'?: string;
  color?: string;
}

/** The choices of a CheckboxGroup, RadioButtonsGroup, Dropdown or ChipsSelector. */
export function optionsOf(properties: JsonObject): Option[] {
  const source = properties['data-source'];
  if (!Array.isArray(source)) {
    return [];
  }

  return source.flatMap((item: unknown): Option[] => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const { id, title, enabled, ...rest } = item as JsonObject;
    const extra = Object.fromEntries(
      Object.entries(rest).filter(
        ([key, value]) => !key.endsWith('-action') && value !== undefined,
      ),
    );

    return [{ ...extra, id: asText(id), title: asText(title), enabled: isEnabled(enabled) }];
  });
}

/** A component's `label`, as text (a range CalendarPicker has one per end; the first is used). */
export function labelOf(properties: JsonObject): string {
  const label = properties.label;
  if (typeof label === 'object' && label !== null) {
    return asText((label as JsonObject)['start-date']);
  }

  return asText(label);
}

const ONE = z.string();
const MANY = z.array(z.string());
const MEDIA = z.array(PickedMediaSchema);

/**
 * Checks that a value has the shape the input produces, and that chosen options are offered
 * and enabled: the phone cannot produce anything else, so anything else is the caller's
 * mistake and throws. `undefined` or `null` clears the input.
 */
export function parseInputValue(
  type: InputType,
  properties: JsonObject,
  value: unknown,
  format: DateFormat,
): FormValue | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const name = asText(properties.name);
  switch (type) {
    case 'TextInput':
    case 'TextArea':
      return shaped(name, ONE, value, 'text');
    case 'OptIn':
      return shaped(name, z.boolean(), value, 'true or false');
    case 'RadioButtonsGroup':
    case 'Dropdown':
      return chosen(name, properties, [shaped(name, ONE, value, 'an option id')])[0];
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return chosen(name, properties, shaped(name, MANY, value, 'a list of option ids'));
    case 'DatePicker':
      return date(name, shaped(name, ONE, value, 'a date'), format);
    case 'CalendarPicker':
      return calendarValue(name, properties, value);
    case 'PhotoPicker':
    case 'DocumentPicker':
      return shaped(name, MEDIA, value, 'a list of picked files');
  }
}

function shaped<T>(name: string, schema: z.ZodType<T>, value: unknown, wanted: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new FlowPlayerError('INVALID_INPUT', `“${name}” takes ${wanted}`, [
      { pointer: '', message: z.prettifyError(result.error) },
    ]);
  }

  return result.data;
}

function chosen(name: string, properties: JsonObject, ids: string[]): string[] {
  const options = optionsOf(properties);
  if (new Set(ids).size !== ids.length) {
    throw new FlowPlayerError('INVALID_INPUT', `“${name}” lists an option twice`);
  }
  for (const id of ids) {
    const option = options.find((candidate) => candidate.id === id);
    if (option === undefined || !option.enabled) {
      const offered = options.filter((candidate) => candidate.enabled).map((o) => o.id);
      throw new FlowPlayerError(
        'INVALID_INPUT',
        `“${name}” does not offer “${id}”${option === undefined ? '' : ' (disabled)'}; it offers ${offered.join(', ') || 'nothing'}`,
      );
    }
  }

  return ids;
}

function date(name: string, text: string, format: DateFormat): string {
  if (dateValue(text, format) === undefined) {
    const wanted = format === 'iso' ? 'a date such as 2026-03-15' : 'milliseconds since 1970';
    throw new FlowPlayerError('INVALID_INPUT', `“${name}” takes ${wanted}, not “${text}”`);
  }

  return text;
}

function calendarValue(name: string, properties: JsonObject, value: unknown): FormValue {
  if (properties.mode !== 'range') {
    return date(name, shaped(name, ONE, value, 'a date'), 'iso');
  }
  const range = shaped(name, DateRangeSchema, value, 'a {"start-date", "end-date"} range');
  date(name, range['start-date'], 'iso');
  date(name, range['end-date'], 'iso');

  return range;
}

/** Whether the customer must fill the input before the Footer works. */
export function isRequired(type: InputType, properties: JsonObject): boolean {
  switch (type) {
    case 'CalendarPicker': {
      const required = properties.required;

      return typeof required === 'object' && required !== null
        ? asBoolean((required as JsonObject)['start-date'])
        : asBoolean(required);
    }
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return asBoolean(properties.required) || Number(properties['min-selected-items'] ?? 0) > 0;
    case 'PhotoPicker':
      return Number(properties['min-uploaded-photos'] ?? 0) > 0;
    case 'DocumentPicker':
      return Number(properties['min-uploaded-documents'] ?? 0) > 0;
    case 'TextInput':
    case 'TextArea':
    case 'RadioButtonsGroup':
    case 'Dropdown':
    case 'DatePicker':
    case 'OptIn':
      return asBoolean(properties.required);
  }
}

/** Whether an input holds nothing the customer chose. */
export function isEmpty(value: FormValue | undefined): boolean {
  return (
    value === undefined ||
    value === '' ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}
