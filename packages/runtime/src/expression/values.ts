import type { JsonValue } from '../json';
import { isJsonObject, ownProperty } from '../json';
import { ExpressionFailure } from './error';
import { EXPRESSION_LIMITS } from './limits';

/** `null`, `false`, `0` and `''` are falsy; every other value, including `[]` and `{}`, is truthy. */
export function isTruthy(value: JsonValue): boolean {
  return !(value === null || value === false || value === 0 || value === '');
}

/** Structural equality without type coercion: `1 == '1'` is false. */
export function jsonEquals(left: JsonValue, right: JsonValue): boolean {
  if (left === right) {
    return true;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length &&
      left.every((item, index) => jsonEquals(item, right[index] ?? null))
    );
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const keys = Object.keys(left);

    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => {
        const other = ownProperty(right, key);

        return other !== undefined && jsonEquals(left[key] ?? null, other);
      })
    );
  }

  return false;
}

export function typeName(value: JsonValue): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }

  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Text form used by templates, `string()`, `concat()` and `+` with a string. */
export function toText(value: JsonValue, offset: number): string {
  if (value === null) {
    return '';
  }
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

  return checkString(text, offset);
}

export function checkString(text: string, offset: number): string {
  if (text.length > EXPRESSION_LIMITS.maxStringLength) {
    throw new ExpressionFailure(
      offset,
      `Text longer than ${EXPRESSION_LIMITS.maxStringLength} characters`,
    );
  }

  return text;
}

export function checkArray(items: JsonValue[], offset: number): JsonValue[] {
  if (items.length > EXPRESSION_LIMITS.maxArrayLength) {
    throw new ExpressionFailure(
      offset,
      `List longer than ${EXPRESSION_LIMITS.maxArrayLength} items`,
    );
  }

  return items;
}

export function checkNumber(value: number, offset: number): number {
  if (!Number.isFinite(value)) {
    throw new ExpressionFailure(offset, 'The result is not a finite number');
  }

  return value;
}

export function expectNumber(value: JsonValue, offset: number, what: string): number {
  if (typeof value !== 'number') {
    throw new ExpressionFailure(offset, `${what} needs a number, got ${typeName(value)}`);
  }

  return value;
}

export function expectText(value: JsonValue, offset: number, what: string): string {
  if (value === null) {
    return '';
  }
  if (typeof value !== 'string') {
    throw new ExpressionFailure(offset, `${what} needs a string, got ${typeName(value)}`);
  }

  return value;
}
