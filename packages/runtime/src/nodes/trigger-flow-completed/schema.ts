import { z } from 'zod';

import { NodeBaseSchema } from '../context';

/**
 * Starts a walk when a customer completes this Flow: its submission is stored, and the walk
 * reads the answers as `payload.answers.<field>` (the values Meta sent) and the customer as
 * `payload.wa_id` / `payload.user_id`.
 */
export const FlowCompletedTriggerSchema = NodeBaseSchema.extend({
  type: z.literal('trigger.flow_completed'),
});
export type FlowCompletedTrigger = z.infer<typeof FlowCompletedTriggerSchema>;

export function defaultFlowCompletedTrigger(id: string): FlowCompletedTrigger {
  return { id, type: 'trigger.flow_completed' };
}
