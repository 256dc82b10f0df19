import { z } from 'zod';

import { WebhookContactSchema, WebhookStatusSchema } from './contacts-statuses';
import { FlowsWebhookEventSchema } from './flows-events';
import { WebhookErrorSchema, WebhookMessageSchema } from './messages';

/** An element of a webhook that could not be read: where it was and why. */
export interface RejectedPart {
  path: string;
  problem: string;
}

/**
 * Parses each element on its own, so that one unreadable element does not cost the others:
 * those that fail are listed in `rejected` with their place.
 */
function eachOf<T extends z.ZodType>(schema: T, name: string) {
  return z
    .array(z.unknown())
    .optional()
    .transform((elements = []) => {
      const accepted: z.output<T>[] = [];
      const rejected: RejectedPart[] = [];
      elements.forEach((element, index) => {
        const result = schema.safeParse(element);
        if (result.success) {
          accepted.push(result.data);
        } else {
          rejected.push({ path: `${name}/${index}`, problem: describe(result.error) });
        }
      });

      return { accepted, rejected };
    });
}

const MessagesValueSchema = z
  .looseObject({
    messaging_product: z.string().optional(),
    metadata: z.looseObject({
      display_phone_number: z.string().optional(),
      phone_number_id: z.string().min(1),
    }),
    contacts: eachOf(WebhookContactSchema, 'contacts'),
    messages: eachOf(WebhookMessageSchema, 'messages'),
    statuses: eachOf(WebhookStatusSchema, 'statuses'),
    errors: eachOf(WebhookErrorSchema, 'errors'),
  })
  .transform(({ contacts, messages, statuses, errors, ...value }) => ({
    ...value,
    contacts: contacts.accepted,
    messages: messages.accepted,
    statuses: statuses.accepted,
    errors: errors.accepted,
    rejected: [
      ...contacts.rejected,
      ...messages.rejected,
      ...statuses.rejected,
      ...errors.rejected,
    ],
  }));

export type MessagesValue = z.output<typeof MessagesValueSchema>;

/**
 * One change of an entry. `messages` and `flows` are read; any other field (or a value of
 * those two that cannot be read) is kept as `other` with the field's name and the reason.
 */
export type WebhookChange =
  | { field: 'messages'; value: MessagesValue }
  | { field: 'flows'; value: z.output<typeof FlowsWebhookEventSchema> }
  | { field: 'other'; original_field: string; problem?: string };

const WebhookChangeSchema = z
  .looseObject({ field: z.string(), value: z.unknown() })
  .transform((change): WebhookChange => {
    if (change.field !== 'messages' && change.field !== 'flows') {
      return { field: 'other', original_field: change.field };
    }
    const schema = change.field === 'messages' ? MessagesValueSchema : FlowsWebhookEventSchema;
    const value = schema.safeParse(change.value);
    if (!value.success) {
      return { field: 'other', original_field: change.field, problem: describe(value.error) };
    }

    return { field: change.field, value: value.data } as WebhookChange;
  });

/** The envelope of every webhook POST (spec C2). `entry[].id` is the WABA id. */
export const WebhookEnvelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string().min(1),
      time: z.number().optional(),
      changes: z.array(WebhookChangeSchema),
    }),
  ),
});

export type WebhookEnvelope = z.output<typeof WebhookEnvelopeSchema>;
export type WebhookEntry = WebhookEnvelope['entry'][number];

export function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `/${issue.path.join('/')}` : '/'}: ${issue.message}`)
    .join('; ');
}
