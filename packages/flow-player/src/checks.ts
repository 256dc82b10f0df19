import { dateProblem, dateValue, daysCounted } from './dates';
import type { DateFormat } from './dates';
import { asNumber, asText } from './evaluate';
import { isEmpty, isRequired, labelOf } from './inputs';
import type { InputType } from './inputs';
import type { DateRange, FormValue, JsonObject, PickedMedia } from './state';

/** Rules of TextInput's `input-type` values, applied on top of any `pattern`. */
const INPUT_TYPE_RULES: Record<string, { test: RegExp; wanted: string }> = {
  email: { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, wanted: 'an email address' },
  number: { test: /^-?\d+(\.\d+)?$/, wanted: 'a number' },
  passcode: { test: /^\d+$/, wanted: 'digits only' },
  phone: { test: /^\+?[0-9][0-9 ()-]{3,}$/, wanted: 'a phone number' },
};

/**
 * What the phone would say about an input's value before letting the Footer act: required
 * and empty, too short or long, not matching its type or pattern, outside its dates, too few
 * or too many choices or files. `undefined` when the value is fine.
 */
export function checkInput(
  type: InputType,
  properties: JsonObject,
  value: FormValue | undefined,
  format: DateFormat,
): string | undefined {
  const label = labelOf(properties) || String(properties.name);
  if (isEmpty(value) || value === undefined) {
    return isRequired(type, properties) ? `“${label}” is required` : undefined;
  }
  switch (type) {
    case 'TextInput':
      return checkText(label, properties, value as string);
    case 'TextArea':
      return checkLength(label, value as string, 0, asNumber(properties['max-length'] ?? 600));
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return checkCount(label, (value as string[]).length, properties, 'items');
    case 'DatePicker':
      return dateProblemOf(label, value as string, format, properties);
    case 'CalendarPicker':
      return checkCalendar(label, properties, value as string | DateRange);
    case 'PhotoPicker':
    case 'DocumentPicker':
      return checkMedia(type, label, properties, value as PickedMedia[]);
    case 'RadioButtonsGroup':
    case 'Dropdown':
    case 'OptIn':
      return undefined;
  }
}

function checkText(label: string, properties: JsonObject, text: string): string | undefined {
  const length = checkLength(
    label,
    text,
    asNumber(properties['min-chars'] ?? 0),
    asNumber(properties['max-chars'] ?? 80),
  );
  if (length !== undefined) {
    return length;
  }
  const rule = INPUT_TYPE_RULES[asText(properties['input-type'] ?? 'text')];
  if (rule !== undefined && !rule.test.test(text)) {
    return `“${label}” takes ${rule.wanted}`;
  }
  const pattern = properties.pattern;
  if (typeof pattern === 'string' && !matchesWhole(pattern, text)) {
    return `“${label}” does not have the expected form${typeof properties['helper-text'] === 'string' ? ` (${properties['helper-text']})` : ''}`;
  }

  return undefined;
}

/** `pattern` is a bare regular expression that must match the whole text (spec A5). */
function matchesWhole(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(text);
  } catch {
    return false;
  }
}

function checkLength(label: string, text: string, min: number, max: number): string | undefined {
  if (text.length < min) {
    return `“${label}” needs at least ${min} characters`;
  }
  if (text.length > max) {
    return `“${label}” takes at most ${max} characters`;
  }

  return undefined;
}

function checkCount(
  label: string,
  count: number,
  properties: JsonObject,
  what: 'items',
): string | undefined {
  const min = properties['min-selected-items'];
  const max = properties['max-selected-items'];
  if (min !== undefined && count < asNumber(min)) {
    return `“${label}” needs at least ${asNumber(min)} ${what}`;
  }
  if (max !== undefined && count > asNumber(max)) {
    return `“${label}” takes at most ${asNumber(max)} ${what}`;
  }

  return undefined;
}

function dateProblemOf(
  label: string,
  text: string,
  format: DateFormat,
  properties: JsonObject,
): string | undefined {
  const problem = dateProblem(text, format, {
    min: properties['min-date'],
    max: properties['max-date'],
    unavailable: properties['unavailable-dates'],
    includeDays: properties['include-days'],
  });

  return problem === undefined ? undefined : `“${label}”: ${problem}`;
}

function checkCalendar(
  label: string,
  properties: JsonObject,
  value: string | DateRange,
): string | undefined {
  if (typeof value === 'string') {
    return dateProblemOf(label, value, 'iso', properties);
  }
  // TODO: only the ends of a range are checked; whether the phone refuses a range spanning
  // unavailable dates or excluded weekdays is not documented.
  const start = value['start-date'];
  const end = value['end-date'];
  const problem =
    dateProblemOf(label, start, 'iso', properties) ?? dateProblemOf(label, end, 'iso', properties);
  if (problem !== undefined) {
    return problem;
  }
  const days = daysCounted(dateValue(start, 'iso') ?? 0, dateValue(end, 'iso') ?? 0);
  if (days < 1) {
    return `“${label}” ends before it starts`;
  }
  const min = properties['min-days'];
  const max = properties['max-days'];
  if (min !== undefined && days < asNumber(min)) {
    return `“${label}” needs at least ${asNumber(min)} days`;
  }
  if (max !== undefined && days > asNumber(max)) {
    return `“${label}” takes at most ${asNumber(max)} days`;
  }

  return undefined;
}

const PHOTO_TYPES = /^image\//;

function checkMedia(
  type: 'PhotoPicker' | 'DocumentPicker',
  label: string,
  properties: JsonObject,
  files: readonly PickedMedia[],
): string | undefined {
  const noun = type === 'PhotoPicker' ? 'photos' : 'documents';
  const min = asNumber(properties[`min-uploaded-${noun}`] ?? 0);
  const max = asNumber(properties[`max-uploaded-${noun}`] ?? 30);
  if (files.length < min) {
    return `“${label}” needs at least ${min} ${noun}`;
  }
  if (files.length > max) {
    return `“${label}” takes at most ${max} ${noun}`;
  }
  const maxKb = asNumber(properties['max-file-size-kb'] ?? 25_600);
  const tooBig = files.find((file) => file.size_kb > maxKb);
  if (tooBig !== undefined) {
    return `“${tooBig.file_name}” is larger than ${maxKb} KB`;
  }
  const allowed = properties['allowed-mime-types'];
  const refused = files.find((file) =>
    type === 'PhotoPicker'
      ? !PHOTO_TYPES.test(file.mime_type)
      : Array.isArray(allowed) && !allowed.includes(file.mime_type),
  );

  return refused === undefined
    ? undefined
    : `“${refused.file_name}” is a ${refused.mime_type} file, which “${label}” does not take`;
}
