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

/** Text with an optional character limit (Meta's limit tables). */
export function text(maximum?: number) {
  const schema = z.string();
  if (maximum === undefined) {
    return schema;
  }

  return schema.superRefine((value, context) => {
    if (value.length > maximum && !looksDynamic(value)) {
      context.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum,
        inclusive: true,
        input: value,
        message: `at most ${maximum} characters`,
      });
    }
  });
}

export const booleanOrDynamic = () =>
  z.union([z.boolean(), DynamicSchema], { error: 'expected true, false or a ${…} reference' });

export function integerOrDynamic(minimum?: number, maximum?: number) {
  let number = z.number().int();
  if (minimum !== undefined) {
    number = number.min(minimum);
  }
  if (maximum !== undefined) {
    number = number.max(maximum);
  }

  return z.union([number, DynamicSchema], { error: 'expected a whole number or a ${…} reference' });
}

export function listOrDynamic<T extends z.ZodType>(item: T, minimum?: number, maximum?: number) {
  let list = z.array(item);
  if (minimum !== undefined) {
    list = list.min(minimum);
  }
  if (maximum !== undefined) {
    list = list.max(maximum);
  }

  return z.union([list, DynamicSchema], { error: 'expected a list or a ${…} reference' });
}

/** A whole-number text such as "1696892400000" (DatePicker before 5.0) or "2024-10-21". */
export const DateTextSchema = z.string();

/** A JSON object whose keys are free (payloads, init-values). */
export const FreeObjectSchema = z.record(z.string(), z.unknown());
