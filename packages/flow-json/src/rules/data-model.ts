import { DataFieldSchema } from '../model';
import type { ValueType } from '../expression';
import { describeJsonType, isJsonObject } from '../json-value';
import { childPointer } from '../pointer';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { screenProblem } from './report';
import { schemaIssues } from './schema-issues';
import type { ScreenModel } from './screen-model';

/** Spec A3: each declared field has a type, arrays have items, and a top-level `__example__` of that type. */
export function checkDataModels(context: RuleContext): Problem[] {
  return context.models.flatMap((model) => {
    const data = model.screen.data;
    if (data === undefined) {
      return [];
    }
    if (!isJsonObject(data)) {
      return [
        screenProblem(
          model,
          'INVALID_SCREEN_DATA',
          `Screen “${model.entry.id ?? '?'}”: “data” must be an object of field declarations.`,
          { at: ['data'] },
        ),
      ];
    }

    return Object.entries(data).flatMap(([name, field]) => checkField(model, name, field));
  });
}

function checkField(model: ScreenModel, name: string, field: unknown): Problem[] {
  const pointer = childPointer(model.entry.pointer, 'data', name);
  const parsed = DataFieldSchema.safeParse(field);
  const problems = parsed.success
    ? []
    : schemaIssues(field, parsed.error.issues, pointer).map((issue) =>
        screenProblem(
          model,
          'INVALID_SCREEN_DATA',
          `Screen “${model.entry.id ?? '?'}”, data field “${name}”: ${issue.message}.`,
          { pointer: issue.pointer },
        ),
      );
  if (!isJsonObject(field)) {
    return problems;
  }
  if (!('__example__' in field)) {
    problems.push(
      screenProblem(
        model,
        'INVALID_SCREEN_DATA',
        `Screen “${model.entry.id ?? '?'}”, data field “${name}” needs an “__example__” value (previews use it as mock data).`,
        { pointer },
      ),
    );
  } else if (!matchesField(field.__example__, field)) {
    problems.push(
      screenProblem(
        model,
        'INVALID_SCREEN_DATA',
        `Screen “${model.entry.id ?? '?'}”, data field “${name}”: the “__example__” is ${describeJsonType(field.__example__)}, which does not match the declared type.`,
        { pointer: childPointer(pointer, '__example__') },
      ),
    );
  }
  if (field.type === 'array' && field.items === undefined) {
    problems.push(
      screenProblem(
        model,
        'INVALID_SCREEN_DATA',
        `Screen “${model.entry.id ?? '?'}”, data field “${name}” is an array, so it needs “items”.`,
        { pointer },
      ),
    );
  }

  return problems;
}

/** Whether a value fits a declared field (its type, and its items and properties where declared). */
export function matchesField(value: unknown, field: unknown): boolean {
  if (!isJsonObject(field) || typeof field.type !== 'string') {
    return true;
  }
  if (jsonType(value) !== field.type) {
    return false;
  }
  if (Array.isArray(value) && isJsonObject(field.items)) {
    const items = field.items;

    return value.every((item: unknown) => matchesField(item, items));
  }
  if (isJsonObject(value) && isJsonObject(field.properties)) {
    const properties = field.properties;

    return Object.entries(value).every(
      ([key, item]) => !(key in properties) || matchesField(item, properties[key]),
    );
  }

  return true;
}

export function jsonType(value: unknown): ValueType {
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value === null) {
    return 'unknown';
  }
  const type = typeof value;
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return 'unknown';
  }
}

/** The declared type at a path of a screen's data model, or undefined when it is not declared. */
export function declaredType(
  data: Record<string, unknown>,
  path: readonly string[],
): ValueType | undefined {
  let fields: unknown = data;
  let type: ValueType | undefined;
  for (const segment of path) {
    if (!isJsonObject(fields)) {
      return type === 'object' ? 'unknown' : undefined;
    }
    const field = fields[segment];
    if (!isJsonObject(field)) {
      return undefined;
    }
    type = typeof field.type === 'string' ? asValueType(field.type) : 'unknown';
    fields = field.properties;
  }

  return type;
}

function asValueType(type: string): ValueType {
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'array':
    case 'object':
      return type;
    default:
      return 'unknown';
  }
}
