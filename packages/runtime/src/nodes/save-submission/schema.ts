import { z } from 'zod';

import { MappingSchema, NodeBaseSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { mappingSites } from '../sites';

/** Hands the mapped answers to the server to store as a submission, then continues. */
export const SaveSubmissionNodeSchema = NodeBaseSchema.extend({
  type: z.literal('save_submission'),
  answers: MappingSchema,
});
export type SaveSubmissionNode = z.infer<typeof SaveSubmissionNodeSchema>;

export function defaultSaveSubmissionNode(id: string): SaveSubmissionNode {
  return { id, type: 'save_submission', answers: {} };
}

export function saveSubmissionSites(node: SaveSubmissionNode): ExpressionSite[] {
  return mappingSites('answers', node.answers);
}
