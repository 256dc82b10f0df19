import { z } from 'zod';

import { NodeBaseSchema } from '../context';

/**
 * Sends the completed Flow's submission to a destination (a business webhook), signed and
 * retried by the server; without `destinationId`, to every enabled destination of the Flow.
 */
export const ForwardSubmissionNodeSchema = NodeBaseSchema.extend({
  type: z.literal('forward_submission'),
  destinationId: z.string().min(1).optional(),
});
export type ForwardSubmissionNode = z.infer<typeof ForwardSubmissionNodeSchema>;

export function defaultForwardSubmissionNode(id: string): ForwardSubmissionNode {
  return { id, type: 'forward_submission' };
}
