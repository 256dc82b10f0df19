import { z } from 'zod';

import { checkBody } from './errors';
import { RecipientSchema, TEXT_BODY_MAX, boundedText } from './rules';

export const TextMessageSchema = z.strictObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual'),
  to: RecipientSchema,
  type: z.literal('text'),
  text: z.strictObject({
    body: boundedText(TEXT_BODY_MAX),
    preview_url: z.boolean().optional(),
  }),
});
export type TextMessage = z.infer<typeof TextMessageSchema>;

export interface TextMessageInput {
  to: string;
  body: string;
  /** Shows a preview of the first link in the body. */
  previewUrl?: boolean;
}

/** A plain text message (only inside the 24-hour customer service window). */
export function buildTextMessage(input: TextMessageInput): TextMessage {
  return checkBody(TextMessageSchema, {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: input.to,
    type: 'text',
    text: {
      body: input.body,
      ...(input.previewUrl === undefined ? {} : { preview_url: input.previewUrl }),
    },
  });
}
