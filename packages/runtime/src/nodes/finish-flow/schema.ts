import { z } from 'zod';

import { MappingSchema, NodeBaseSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { mappingSites } from '../sites';

/**
 * Closes the Flow with `SUCCESS`. The params become the `response_json` of the completion
 * message; `flow_token` is always added, because it is the only link back to the session.
 */
export const FinishFlowNodeSchema = NodeBaseSchema.extend({
  type: z.literal('finish_flow'),
  params: MappingSchema,
});
export type FinishFlowNode = z.infer<typeof FinishFlowNodeSchema>;

export function defaultFinishFlowNode(id: string): FinishFlowNode {
  return { id, type: 'finish_flow', params: {} };
}

export function finishFlowSites(node: FinishFlowNode): ExpressionSite[] {
  return mappingSites('params', node.params);
}
