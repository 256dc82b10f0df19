import { z } from 'zod';

import { WebhookErrorSchema } from './messages';

/**
 * The sender of inbound messages (spec C2, C5). `wa_id` may be an empty string for a customer
 * who adopted a username; `user_id` is then the business-scoped user id to key on.
 */
export const WebhookContactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  profile: z
    .looseObject({
      name: z.string().optional(),
      username: z.string().optional(),
      country_code: z.string().optional(),
    })
    .optional(),
});

/** Values Meta sends today; others are kept as they come. */
export const KNOWN_STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

/** The fate of a message the business sent (spec C4). Order of arrival is not guaranteed. */
export const WebhookStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: z.string(),
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  recipient_type: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z.looseObject({}).optional(),
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      type: z.string().optional(),
      category: z.string().optional(),
    })
    .optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});

export type WebhookContact = z.infer<typeof WebhookContactSchema>;
export type WebhookStatus = z.infer<typeof WebhookStatusSchema>;
