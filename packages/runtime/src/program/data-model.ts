import { z } from 'zod';

import type { JsonObject, JsonValue } from '../json';
import { JsonValueSchema, isJsonObject, ownProperty } from '../json';

export const DATA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;

/** One declared field of a screen's `data`, as written in Flow JSON. */
export interface DataField {
  type: (typeof DATA_TYPES)[number];
  items?: DataField | boolean | undefined;
  properties?: Record<string, DataField> | undefined;
  __example__?: JsonValue | undefined;
}

export const DataFieldSchema: z.ZodType<DataField> = z.lazy(() =>
  z.looseObject({
    type: z.enum(DATA_TYPES),
    items: z.union([DataFieldSchema, z.boolean()]).optional(),
    properties: z.record(z.string(), DataFieldSchema).optional(),
    __example__: JsonValueSchema.optional(),
  }),
);

/** A screen's declared `data` model: key → field. */
export const DataModelSchema = z.record(z.string(), DataFieldSchema);
export type DataModel = z.infer<typeof DataModelSchema>;

// The phone shows `error_message` as a snackbar on any screen, declared or not.
const ALWAYS_ALLOWED = 'error_message';

/**
 * Finds the first way `data` breaks the screen's model: a declared key missing, or a value of
 * the wrong type at any depth. Keys the model does not declare are left alone (the phone drops
 * them). Returns a message naming the key, or `null` when the data fits.
 */
export function findDataMismatch(model: DataModel, data: JsonObject): string | null {
  const errorMessage = ownProperty(data, ALWAYS_ALLOWED);
  if (errorMessage !== undefined && typeof errorMessage !== 'string') {
    return `data.${ALWAYS_ALLOWED}: expected a string, got ${describe(errorMessage)}`;
  }
  for (const [key, field] of Object.entries(model)) {
    const value = ownProperty(data, key);
    if (value === undefined) {
      return `data.${key}: declared by the screen but missing from the reply`;
    }
    const mismatch = matchField(field, value, `data.${key}`);
    if (mismatch !== null) {
      return mismatch;
    }
  }

  return null;
}

function matchField(field: DataField, value: JsonValue, path: string): string | null {
  if (!hasType(field.type, value)) {
    return `${path}: expected ${article(field.type)}, got ${describe(value)}`;
  }
  if (field.type === 'object' && field.properties !== undefined && isJsonObject(value)) {
    return matchProperties(field.properties, value, path);
  }
  if (field.type === 'array' && typeof field.items === 'object' && Array.isArray(value)) {
    const items = field.items;
    for (const [index, item] of value.entries()) {
      const mismatch = matchField(items, item, `${path}[${index}]`);
      if (mismatch !== null) {
        return mismatch;
      }
    }
  }

  return null;
}

// Nested properties are type-checked when present; Flow JSON does not mark them required.
function matchProperties(
  properties: Record<string, DataField>,
  value: JsonObject,
  path: string,
): string | null {
  for (const [key, field] of Object.entries(properties)) {
    const property = ownProperty(value, key);
    if (property === undefined) {
      continue;
    }
    const mismatch = matchField(field, property, `${path}.${key}`);
    if (mismatch !== null) {
      return mismatch;
    }
  }

  return null;
}

function hasType(type: DataField['type'], value: JsonValue): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
  }
}

function article(type: DataField['type']): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

function describe(value: JsonValue): string {
  if (value === null) {
    return 'null';
  }

  return Array.isArray(value) ? 'an array' : article(typeof value as DataField['type']);
}
