import { z } from 'zod';

import { NodeBaseSchema, VariableNameSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { STEP_ROOTS } from '../sites';

/** Assigns each expression to a session variable, in order: later ones see earlier ones. */
export const SetDataNodeSchema = NodeBaseSchema.extend({
  type: z.literal('set_data'),
  assignments: z.array(z.object({ variable: VariableNameSchema, expression: z.string() })),
});
export type SetDataNode = z.infer<typeof SetDataNodeSchema>;

export function defaultSetDataNode(id: string): SetDataNode {
  return { id, type: 'set_data', assignments: [] };
}

export function setDataSites(node: SetDataNode): ExpressionSite[] {
  return node.assignments.map((assignment, index) => ({
    field: `assignments[${index}]`,
    text: assignment.expression,
    kind: 'expression',
    roots: STEP_ROOTS,
  }));
}
