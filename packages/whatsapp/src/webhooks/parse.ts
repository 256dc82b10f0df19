import { createHash } from 'node:crypto';

import type { WebhookContact, WebhookStatus } from './contacts-statuses';
import { describe, type WebhookEnvelope, WebhookEnvelopeSchema } from './envelope';
import type { FlowsWebhookEvent } from './flows-events';
import type { WebhookError, WebhookMessage } from './messages';

export type ParsedWebhook =
  | { ok: true; envelope: WebhookEnvelope }
  | { ok: false; reason: 'not_json' | 'not_an_envelope'; problem: string };

/**
 * Reads a webhook body. Only a body that is not JSON, or JSON without the envelope's
 * `object` and `entry[].id`/`changes[].field`, fails; unknown fields, message types and events
 * parse as generic members, and unreadable elements are listed in `rejected`.
 */
export function parseWebhookEnvelope(text: string): ParsedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not_json', problem: (error as Error).message };
  }
  const result = WebhookEnvelopeSchema.safeParse(json);

  return result.success
    ? { ok: true, envelope: result.data }
    : { ok: false, reason: 'not_an_envelope', problem: describe(result.error) };
}

/** One thing a webhook reports, with what routes it to a connection. */
export type WebhookItem =
  | {
      kind: 'message';
      wabaId: string;
      phoneNumberId: string;
      message: WebhookMessage;
      contact: WebhookContact | undefined;
    }
  | { kind: 'status'; wabaId: string; phoneNumberId: string; status: WebhookStatus }
  | { kind: 'flow_event'; wabaId: string; time: number | undefined; event: FlowsWebhookEvent }
  | { kind: 'error'; wabaId: string; phoneNumberId: string; error: WebhookError }
  | { kind: 'rejected'; wabaId: string; field: string; problem: string };

/** Every item of an envelope, in the order received. */
export function webhookItems(envelope: WebhookEnvelope): WebhookItem[] {
  return envelope.entry.flatMap((entry) =>
    entry.changes.flatMap((change, index): WebhookItem[] => {
      const wabaId = entry.id;
      if (change.field === 'flows') {
        return [{ kind: 'flow_event', wabaId, time: entry.time, event: change.value }];
      }
      if (change.field === 'other') {
        const problem = change.problem ?? `field "${change.original_field}" is not handled`;

        return [{ kind: 'rejected', wabaId, field: change.original_field, problem }];
      }
      const { value } = change;
      const phoneNumberId = value.metadata.phone_number_id;

      return [
        ...value.messages.map((message) => ({
          kind: 'message' as const,
          wabaId,
          phoneNumberId,
          message,
          contact: contactOf(message, value.contacts),
        })),
        ...value.statuses.map((status) => ({
          kind: 'status' as const,
          wabaId,
          phoneNumberId,
          status,
        })),
        ...value.errors.map((error) => ({ kind: 'error' as const, wabaId, phoneNumberId, error })),
        ...value.rejected.map((part) => ({
          kind: 'rejected' as const,
          wabaId,
          field: 'messages',
          problem: `changes/${index}/value/${part.path}: ${part.problem}`,
        })),
      ];
    }),
  );
}

/** The contact who sent a message: by business-scoped user id, then by number. */
function contactOf(
  message: WebhookMessage,
  contacts: WebhookContact[],
): WebhookContact | undefined {
  const byUserId = message.from_user_id
    ? contacts.find((contact) => contact.user_id === message.from_user_id)
    : undefined;
  const byNumber = message.from
    ? contacts.find((contact) => contact.wa_id === message.from)
    : undefined;

  return byUserId ?? byNumber ?? (contacts.length === 1 ? contacts[0] : undefined);
}

/**
 * The key that identifies an item across deliveries, for deduplication: a message by its id, a
 * status by message id and status value, a Flows event (which has no id) by a hash of its
 * entry time and content. Errors and rejected parts have none: they are only recorded.
 */
export function webhookItemKey(item: WebhookItem): string | undefined {
  switch (item.kind) {
    case 'message':
      return `message:${item.phoneNumberId}:${item.message.id}`;
    case 'status':
      return `status:${item.phoneNumberId}:${item.status.id}:${item.status.status}`;
    case 'flow_event':
      return `flow_event:${item.wabaId}:${contentHash({ time: item.time, event: item.event })}`;
    case 'error':
    case 'rejected':
      return undefined;
  }
}

function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}
