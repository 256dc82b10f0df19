import {
  COMPONENT_SCHEMAS,
  COMPONENT_TYPES,
  PROPERTY_SINCE,
  isAtLeast,
} from '@sanjay-flow/flow-json';
import type { ComponentType } from '@sanjay-flow/flow-json';
import type { z } from 'zod';

/**
 * The inspector's form for a component, read from the component's zod schema in flow-json
 * (the one the validator checks with): one field per property, its widget chosen from the
 * schema's type, its character limit taken from the schema.
 */
export type FieldKind =
  | { kind: 'text'; maxLength?: number }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'action'; actions: readonly string[] }
  | { kind: 'json' };

export interface SchemaField {
  property: string;
  required: boolean;
  field: FieldKind;
}

// The internals every zod 4 schema exposes; only the parts read here.
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { def: SchemaDef }).def;
}

function unwrapOptional(schema: z.ZodType): { schema: z.ZodType; required: boolean } {
  const def = defOf(schema);

  return def.type === 'optional' && def.innerType !== undefined
    ? { schema: def.innerType, required: false }
    : { schema, required: true };
}

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

function actionNames(options: readonly z.ZodType[]): string[] | undefined {
  const names = options.map((option) => {
    const shape = (option as unknown as { shape?: Record<string, unknown> }).shape;
    const name = shape?.name as { value?: unknown } | undefined;

    return typeof name?.value === 'string' ? name.value : undefined;
  });

  const known = names.filter((name): name is string => name !== undefined);

  return known.length === names.length ? known : undefined;
}

/**
 * Properties that take "a literal or a `${…}` value" are custom schemas whose literal type is
 * hidden in a closure: what they accept tells which widget fits.
 */
function probedKind(schema: z.ZodType): FieldKind {
  if (accepts(schema, true) && !accepts(schema, 'plain text')) {
    return { kind: 'boolean' };
  }
  if (accepts(schema, 1) && !accepts(schema, 'plain text')) {
    return { kind: 'number' };
  }
  if (accepts(schema, 'plain text')) {
    return { kind: 'text' };
  }

  return { kind: 'json' };
}

export function fieldKind(schema: z.ZodType): FieldKind {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const maxLength = (schema as z.ZodString).maxLength;

      return maxLength === null ? { kind: 'text' } : { kind: 'text', maxLength };
    }
    case 'enum':
      return { kind: 'choice', options: (schema as unknown as { options: string[] }).options };
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
      return { kind: 'number' };
    case 'union': {
      const actions = actionNames(def.options ?? []);

      return actions === undefined ? probedKind(schema) : { kind: 'action', actions };
    }
    case 'custom':
      return probedKind(schema);
    // TODO: lists and objects other than selection options (NavigationList items, images,
    // init-values) are edited as JSON text, not row by row.
    default:
      return { kind: 'json' };
  }
}

/** Container content is edited on the canvas by dragging, never as a field. */
function isSlot(type: ComponentType, property: string): boolean {
  const info = COMPONENT_TYPES[type];

  return 'slots' in info && info.slots.some((slot) => slot.key === property);
}

/** Whether the Flow's version has the property (spec 0.2: some came after their component). */
export function propertyAvailable(type: ComponentType, property: string, version: string): boolean {
  const since = PROPERTY_SINCE[type]?.[property];

  return since === undefined || isAtLeast(version, since);
}

/** The fields of a component type's form, in the schema's order, `type` and slots left out. */
export function schemaFields(type: ComponentType, version: string): SchemaField[] {
  const shape = (COMPONENT_SCHEMAS[type] as unknown as { shape: Record<string, z.ZodType> }).shape;

  return Object.entries(shape)
    .filter(([property]) => property !== 'type' && !isSlot(type, property))
    .filter(([property]) => propertyAvailable(type, property, version))
    .map(([property, propertySchema]) => {
      const { schema, required } = unwrapOptional(propertySchema);

      return { property, required, field: fieldKind(schema) };
    });
}

/** The schema's complaints about a component, by property. */
export function schemaIssues(
  type: ComponentType,
  component: Record<string, unknown>,
): Map<string, string[]> {
  const result = COMPONENT_SCHEMAS[type].safeParse(component);
  const issues = new Map<string, string[]>();
  if (result.success) {
    return issues;
  }
  for (const issue of result.error.issues) {
    const property = issue.path.length === 0 ? '' : String(issue.path[0]);
    const place = issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ` : '';
    issues.set(property, [...(issues.get(property) ?? []), `${place}${issue.message}`]);
  }

  return issues;
}
