import { z } from 'zod';

import { MappingSchema, NodeBaseSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { mappingSites } from '../sites';

/** Ends the walk by showing `screen`; each key of `data` is one field of that screen's data model. */
export const GoToScreenNodeSchema = NodeBaseSchema.extend({
  type: z.literal('go_to_screen'),
  screen: z.string().min(1),
  data: MappingSchema,
});
export type GoToScreenNode = z.infer<typeof GoToScreenNodeSchema>;

export function defaultGoToScreenNode(id: string, screen: string): GoToScreenNode {
  return { id, type: 'go_to_screen', screen, data: {} };
}

export function goToScreenSites(node: GoToScreenNode): ExpressionSite[] {
  return mappingSites('data', node.data);
}
