import { z } from 'zod';

import { NodeBaseSchema } from '../context';

/** Longest pattern accepted; the server also matches in linear time, so length bounds the cost. */
export const MAX_PATTERN_CHARS = 200;
export const MAX_KEYWORDS = 50;

const KeywordSchema = z
  .string()
  .trim()
  .min(1, 'A keyword cannot be empty')
  .max(100, 'A keyword has at most 100 characters');

/**
 * Which inbound messages start the walk: any message, one whose words contain a keyword (a
 * whole word or run of words, case-insensitive), or one whose text matches a regular
 * expression (RE2 syntax, matched by the server in linear time).
 */
export const MessageMatchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('any') }),
  z.object({
    kind: z.literal('keyword'),
    keywords: z.array(KeywordSchema).min(1).max(MAX_KEYWORDS),
  }),
  z.object({
    kind: z.literal('pattern'),
    pattern: z.string().min(1).max(MAX_PATTERN_CHARS),
    caseSensitive: z.boolean().optional(),
  }),
]);
export type MessageMatch = z.infer<typeof MessageMatchSchema>;

/** Starts the walk when a customer sends the business a message (not a Flow completion). */
export const MessageReceivedTriggerSchema = NodeBaseSchema.extend({
  type: z.literal('trigger.message_received'),
  match: MessageMatchSchema,
});
export type MessageReceivedTrigger = z.infer<typeof MessageReceivedTriggerSchema>;

export function defaultMessageReceivedTrigger(id: string): MessageReceivedTrigger {
  return { id, type: 'trigger.message_received', match: { kind: 'any' } };
}
