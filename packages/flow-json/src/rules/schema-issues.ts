import type { z } from 'zod';

import { looksDynamic } from '../expression';
import { describeJsonType, isJsonObject } from '../json-value';
import { childPointer } from '../pointer';

export interface SchemaIssue {
  pointer: string;
  /** Path inside the checked value, for messages. */
  path: Array<string | number>;
  code: string;
  message: string;
}

/**
 * Turns zod's issues into Meta's error families (spec A9). Limits Meta names no family for —
 * text longer than allowed, lists with too many items — get `MAX_CHARS_EXCEEDED` and
 * `MAX_ITEMS_EXCEEDED`.
 */
export function schemaIssues(
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  base: string,
): SchemaIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter(
      (segment): segment is string | number => typeof segment !== 'symbol',
    );
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pointer: childPointer(base, ...path, key),
        path: [...path, key],
        code: 'INVALID_PROPERTY_KEY',
        message: `“${key}” is not a property ${where(path)}`,
      }));
    }
    const pointer = childPointer(base, ...path);
    const found = valueAt(value, path);
    if (issue.code === 'too_big' && typeof found === 'string' && looksDynamic(found)) {
      return [];
    }

    return [{ pointer, path, ...describe(issue, found, path) }];
  });
}

function describe(
  issue: z.core.$ZodIssue,
  found: unknown,
  path: Array<string | number>,
): { code: string; message: string } {
  const name = propertyName(path);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? { code: 'MISSING_REQUIRED_PROPERTY', message: `${name} is required` }
        : {
            code: 'INVALID_PROPERTY_TYPE',
            message: `${name} must be ${article(issue.expected)}, not ${describeJsonType(found)}`,
          };
    case 'too_big':
      return sizeIssue(issue.origin, 'big', Number(issue.maximum), name);
    case 'too_small':
      return sizeIssue(issue.origin, 'small', Number(issue.minimum), name);
    case 'invalid_value':
      return {
        code: issue.values.length > 1 ? 'INVALID_ENUM_VALUE' : 'INVALID_PROPERTY_VALUE',
        message: `${name} must be ${issue.values.map((option) => JSON.stringify(option)).join(' or ')}, not ${JSON.stringify(found) ?? 'missing'}`,
      };
    case 'invalid_format':
      return issue.format === 'regex'
        ? {
            code: 'PATTERN_MISMATCH',
            message: `${name} ${JSON.stringify(found)} has the wrong form: ${issue.message}`,
          }
        : {
            code: 'INVALID_PROPERTY_VALUE_FORMAT',
            message: `${name} must be a valid ${issue.format}`,
          };
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? {
            code: 'INVALID_PROPERTY_VALUE',
            message: `${name} must be one of ${issue.options.map((option: unknown) => `“${String(option)}”`).join(', ')}, not ${JSON.stringify(found) ?? 'missing'}`,
          }
        : {
            code: found === undefined ? 'MISSING_REQUIRED_PROPERTY' : 'INVALID_PROPERTY_TYPE',
            message: `${name}: ${issue.message}`,
          };
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    case 'unrecognized_keys':
      return { code: 'INVALID_PROPERTY_VALUE', message: `${name}: ${issue.message}` };
  }
}

function sizeIssue(
  origin: string,
  direction: 'big' | 'small',
  limit: number,
  name: string,
): { code: string; message: string } {
  if (origin === 'string') {
    return direction === 'big'
      ? { code: 'MAX_CHARS_EXCEEDED', message: `${name} is longer than ${limit} characters` }
      : {
          code: 'MIN_CHARS_REQUIRED',
          message: `${name} needs at least ${limit} character${limit === 1 ? '' : 's'}`,
        };
  }
  if (origin === 'array' || origin === 'set' || origin === 'object') {
    return direction === 'big'
      ? { code: 'MAX_ITEMS_EXCEEDED', message: `${name} has more than ${limit} items` }
      : {
          code: 'MIN_ITEMS_REQUIRED',
          message: `${name} needs at least ${limit} item${limit === 1 ? '' : 's'}`,
        };
  }

  return direction === 'big'
    ? { code: 'MAXIMUM_VALUE_REQUIRED', message: `${name} must be at most ${limit}` }
    : { code: 'MINIMUM_VALUE_REQUIRED', message: `${name} must be at least ${limit}` };
}

function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') {
      current = current[segment];
    } else if (isJsonObject(current)) {
      current = current[String(segment)];
    } else {
      return undefined;
    }
  }

  return current;
}

function propertyName(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? 'the value' : `“${path.join('.')}”`;
}

function where(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? 'of this object' : `of “${path.join('.')}”`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
