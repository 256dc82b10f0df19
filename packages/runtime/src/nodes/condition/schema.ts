import { z } from 'zod';

import { NodeBaseSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { STEP_ROOTS } from '../sites';

/** Continues on port `true` when the expression is truthy, else on port `false`. */
export const ConditionNodeSchema = NodeBaseSchema.extend({
  type: z.literal('condition'),
  expression: z.string(),
});
export type ConditionNode = z.infer<typeof ConditionNodeSchema>;

export function defaultConditionNode(id: string): ConditionNode {
  return { id, type: 'condition', expression: 'true' };
}

export function conditionSites(node: ConditionNode): ExpressionSite[] {
  return [{ field: 'expression', text: node.expression, kind: 'expression', roots: STEP_ROOTS }];
}
