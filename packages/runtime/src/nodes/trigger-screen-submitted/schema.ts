import { z } from 'zod';

import { NodeBaseSchema } from '../context';

/**
 * Starts the walk on a `data_exchange` from `screen`. With `action`, only when the payload's
 * `action` field equals it, so one screen can have several buttons with their own logic.
 */
export const ScreenSubmittedTriggerSchema = NodeBaseSchema.extend({
  type: z.literal('trigger.screen_submitted'),
  screen: z.string().min(1),
  action: z.string().min(1).optional(),
});
export type ScreenSubmittedTrigger = z.infer<typeof ScreenSubmittedTriggerSchema>;

export function defaultScreenSubmittedTrigger(id: string, screen: string): ScreenSubmittedTrigger {
  return { id, type: 'trigger.screen_submitted', screen };
}
