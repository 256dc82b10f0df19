import { z } from 'zod';

import { looksDynamic } from '../expression';

/**
 * Building blocks of the Flow JSON model. A "dyn" property (spec A5) takes either its literal
 * form or a `${…}` reference / back-tick expression; limits apply to literals only, because a
 * reference's value is only known on the phone.
 */
export const DynamicSchema = z
  .string()
  .refine(looksDynamic, { error: 'expected a ${…} reference or a back-tick expression' });

/**
 * Text with an optional character limit (Meta's limit tables). The limit applies to literal
 * text only: `schemaIssues` drops it for dynamic values, whose length says nothing.
 */
export function text(maximum?: number) {
  return maximum === undefined ? z.string() : z.string().max(maximum);
}

/**
 * A property that takes its literal form or a dynamic value. Literals are checked by `literal`
 * and report its own issues (a union would hide them behind one "no match" issue).
 */
export function dynamicOr<T extends z.ZodType>(literal: T) {
  return z
    .custom<z.infer<T> | string>(() => true)
    .superRefine((value, context) => {
      if (typeof value === 'string' && looksDynamic(value)) {
        return;
      }
      const result = literal.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          context.addIssue({ ...issue });
        }
      }
    });
}

export const booleanOrDynamic = () => dynamicOr(z.boolean());

export function integerOrDynamic(minimum?: number, maximum?: number) {
  let number = z.number().int();
  if (minimum !== undefined) {
    number = number.min(minimum);
  }
  if (maximum !== undefined) {
    number = number.max(maximum);
  }

  return dynamicOr(number);
}

export function listOrDynamic<T extends z.ZodType>(item: T, minimum?: number, maximum?: number) {
  let list = z.array(item);
  if (minimum !== undefined) {
    list = list.min(minimum);
  }
  if (maximum !== undefined) {
    list = list.max(maximum);
  }

  return dynamicOr(list);
}

/** A whole-number text such as "1696892400000" (DatePicker before 5.0) or "2024-10-21". */
export const DateTextSchema = z.string();

/** A JSON object whose keys are free (payloads, init-values). */
export const FreeObjectSchema = z.record(z.string(), z.unknown());
