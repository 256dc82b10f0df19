import { z } from 'zod';

import { NodeBaseSchema } from '../context';

/** Starts the walk when the phone opens the Flow (`INIT`). */
export const FlowOpenedTriggerSchema = NodeBaseSchema.extend({
  type: z.literal('trigger.flow_opened'),
});
export type FlowOpenedTrigger = z.infer<typeof FlowOpenedTriggerSchema>;

export function defaultFlowOpenedTrigger(id: string): FlowOpenedTrigger {
  return { id, type: 'trigger.flow_opened' };
}
