import { z } from 'zod';

import { MappingSchema, NodeBaseSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { STEP_ROOTS, mappingSites } from '../sites';

/**
 * Ends the walk by showing a screen (the current one unless `screen` is set) with
 * `data.error_message`, which the phone shows as a snackbar. `message` is a template.
 */
export const ShowErrorNodeSchema = NodeBaseSchema.extend({
  type: z.literal('show_error'),
  screen: z.string().min(1).optional(),
  message: z.string().min(1),
  data: MappingSchema,
});
export type ShowErrorNode = z.infer<typeof ShowErrorNodeSchema>;

export function defaultShowErrorNode(id: string): ShowErrorNode {
  return { id, type: 'show_error', message: 'Please check your answers and try again.', data: {} };
}

export function showErrorSites(node: ShowErrorNode): ExpressionSite[] {
  return [
    { field: 'message', text: node.message, kind: 'template', roots: STEP_ROOTS },
    ...mappingSites('data', node.data),
  ];
}
