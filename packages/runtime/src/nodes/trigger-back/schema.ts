import { z } from 'zod';

import { NodeBaseSchema } from '../context';

/** Starts the walk when the user presses back on `screen` (declared with `refresh_on_back`). */
export const BackTriggerSchema = NodeBaseSchema.extend({
  type: z.literal('trigger.back'),
  screen: z.string().min(1),
});
export type BackTrigger = z.infer<typeof BackTriggerSchema>;

export function defaultBackTrigger(id: string, screen: string): BackTrigger {
  return { id, type: 'trigger.back', screen };
}
