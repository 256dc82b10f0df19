import type { JsonValue } from '../json';
import { isJsonObject } from '../json';
import { ExpressionFailure } from './error';
import { checkArray, checkString, expectNumber, expectText, toText, typeName } from './values';

export interface FunctionContext {
  offset: number;
  /** Milliseconds since the epoch, from the injected clock. */
  now: () => number;
}

type ExpressionFunction = (args: JsonValue[], context: FunctionContext) => JsonValue;

/** Minimum and maximum argument counts, checked when the expression is parsed. */
export const FUNCTION_ARITY = {
  len: [1, 1],
  lower: [1, 1],
  upper: [1, 1],
  trim: [1, 1],
  concat: [1, Infinity],
  join: [1, 2],
  now_iso: [0, 0],
  date_add_days: [2, 2],
  default: [2, 2],
  number: [1, 1],
  string: [1, 1],
} as const satisfies Record<string, readonly [number, number]>;

export type FunctionName = keyof typeof FUNCTION_ARITY;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTION_ARITY, name);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const MAX_DAY_SHIFT = 100_000;
const DAY_MS = 86_400_000;

function len([value = null]: JsonValue[], { offset }: FunctionContext): JsonValue {
  if (value === null) {
    return 0;
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    return value.length;
  }
  if (isJsonObject(value)) {
    return Object.keys(value).length;
  }

  throw new ExpressionFailure(
    offset,
    `len() needs a string, list or object, got ${typeName(value)}`,
  );
}

function concat(args: JsonValue[], { offset }: FunctionContext): JsonValue {
  const lists = args.filter((value): value is JsonValue[] => Array.isArray(value));
  if (lists.length === args.length) {
    return checkArray(lists.flat(), offset);
  }

  return joinBounded(args, '', offset);
}

// Checks the length as it grows, so a long list of long texts is refused before it is built.
function joinBounded(values: JsonValue[], glue: string, offset: number): string {
  let result = '';
  for (const [index, value] of values.entries()) {
    result = checkString(result + (index === 0 ? '' : glue) + toText(value, offset), offset);
  }

  return result;
}

function join(
  [list = null, separator = ', ']: JsonValue[],
  { offset }: FunctionContext,
): JsonValue {
  if (!Array.isArray(list)) {
    throw new ExpressionFailure(offset, `join() needs a list, got ${typeName(list)}`);
  }
  const glue = expectText(separator, offset, 'join() separator');

  return joinBounded(list, glue, offset);
}

function dateAddDays(
  [date = null, days = null]: JsonValue[],
  { offset }: FunctionContext,
): JsonValue {
  const text = expectText(date, offset, 'date_add_days()');
  const shift = expectNumber(days, offset, 'date_add_days()');
  if (!Number.isInteger(shift) || Math.abs(shift) > MAX_DAY_SHIFT) {
    throw new ExpressionFailure(
      offset,
      `date_add_days() needs a whole number of days up to ${MAX_DAY_SHIFT}`,
    );
  }
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly !== null) {
    const start = Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]));

    return new Date(start + shift * DAY_MS).toISOString().slice(0, 10);
  }
  const start = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(start)) {
    throw new ExpressionFailure(
      offset,
      `date_add_days() needs YYYY-MM-DD or an ISO date-time, got '${text.slice(0, 40)}'`,
    );
  }

  return new Date(start + shift * DAY_MS).toISOString();
}

function toNumber([value = null]: JsonValue[], { offset }: FunctionContext): JsonValue {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (typeof value === 'string' && DECIMAL.test(value.trim())) {
    return Number(value.trim());
  }

  throw new ExpressionFailure(
    offset,
    `number() cannot convert ${typeName(value)}${typeof value === 'string' ? ` '${value.slice(0, 40)}'` : ''}`,
  );
}

const IMPLEMENTATIONS: Record<FunctionName, ExpressionFunction> = {
  len,
  lower: ([value = null], { offset }) => expectText(value, offset, 'lower()').toLowerCase(),
  upper: ([value = null], { offset }) =>
    checkString(expectText(value, offset, 'upper()').toUpperCase(), offset),
  trim: ([value = null], { offset }) => expectText(value, offset, 'trim()').trim(),
  concat,
  join,
  now_iso: (_args, { now }) => new Date(now()).toISOString(),
  date_add_days: dateAddDays,
  default: ([value = null, fallback = null]) => (value === null || value === '' ? fallback : value),
  number: toNumber,
  string: ([value = null], { offset }) => toText(value, offset),
};

export function callFunction(
  name: FunctionName,
  args: JsonValue[],
  context: FunctionContext,
): JsonValue {
  return IMPLEMENTATIONS[name](args, context);
}
