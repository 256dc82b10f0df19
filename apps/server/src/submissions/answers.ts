import { z } from 'zod';

import type { FieldCatalog, FieldInfo } from './field-catalog';

/**
 * One stored answer: the field's label as the customer saw it, the value as Meta sent it, and
 * the value as a person reads it (option titles instead of ids, file names for media).
 */
export const StoredAnswerSchema = z.object({
  label: z.string(),
  value: z.json(),
  text: z.string(),
});
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

export const StoredAnswersSchema = z.record(z.string(), StoredAnswerSchema);
export type StoredAnswers = z.infer<typeof StoredAnswersSchema>;

export const StringListSchema = z.array(z.string());

/**
 * Media answers: `{id, file_name, …}` in a completion message, `{media_id, file_name}` as a save
 * step at the data endpoint keeps them.
 */
const MediaItemSchema = z.union([
  z.looseObject({ id: z.string(), file_name: z.string().optional() }),
  z.looseObject({ media_id: z.string(), file_name: z.string().optional() }),
]);

export interface ShapedAnswers {
  answers: StoredAnswers;
  fields: string[];
  missingRequired: string[];
}

/**
 * Keys each answer by its field with readable labels, and lists the required fields the
 * completion left empty. The phone checks `required` too, but a completion is only a message
 * anyone can send: the server checks again.
 */
export function shapeAnswers(
  values: Record<string, z.core.util.JSONType>,
  catalog: FieldCatalog,
): ShapedAnswers {
  const completion = closestCompletion(Object.keys(values), catalog);
  const known = new Map(completion?.fields.map((field) => [field.key, field]));
  const answers: StoredAnswers = {};
  for (const [key, value] of Object.entries(values)) {
    const field = known.get(key) ?? catalog.components.get(key);
    answers[key] = { label: field?.label ?? key, value, text: readable(value, field) };
  }
  const missingRequired = (completion?.fields ?? [])
    .filter((field) => field.required && isEmpty(values[field.key]))
    .map((field) => field.key);

  return { answers, fields: Object.keys(answers), missingRequired };
}

/** The `complete` action whose payload keys the answers match best. */
function closestCompletion(keys: string[], catalog: FieldCatalog) {
  let best: (typeof catalog.completions)[number] | undefined;
  let bestScore = -1;
  for (const completion of catalog.completions) {
    const score = completion.fields.filter((field) => keys.includes(field.key)).length;
    if (score > bestScore) {
      best = completion;
      bestScore = score;
    }
  }

  return best;
}

function readable(value: unknown, field: FieldInfo | undefined): string {
  const options = field?.options ?? new Map<string, string>();
  if (typeof value === 'string') {
    return options.get(value) ?? value;
  }
  if (Array.isArray(value)) {
    const media = z.array(MediaItemSchema).safeParse(value);
    if (media.success && value.length > 0) {
      return media.data
        .map((item) => item.file_name ?? ('id' in item ? item.id : item.media_id))
        .join(', ');
    }

    return value
      .map((item) =>
        typeof item === 'string' ? (options.get(item) ?? item) : JSON.stringify(item),
      )
      .join(', ');
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }

  return value === null || value === undefined ? '' : JSON.stringify(value);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}
