import { unixSeconds } from '../ids';
import type { Business, Customer, SentMessage } from '../state';

/** Spec C2: every webhook is one envelope naming the WABA and the changed field. */
export function envelope(wabaId: string, field: 'messages' | 'flows', value: unknown) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        ...(field === 'flows' ? { time: Number(unixSeconds()) } : {}),
        changes: [{ value, field }],
      },
    ],
  };
}

/** A `messages` field value: metadata first, then what changed. */
export function messagesValue(business: Business, change: Record<string, unknown>) {
  return {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: business.displayPhoneNumber,
      phone_number_id: business.phoneNumberId,
    },
    ...change,
  };
}

/** `contacts[]` of an inbound message (spec C3/C5): the BSUID appears when the customer has one. */
export function contactsOf(customer: Customer) {
  return [
    {
      profile: { name: customer.name },
      wa_id: customer.waId,
      ...(customer.userId === undefined ? {} : { user_id: customer.userId }),
    },
  ];
}

export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** One `statuses[]` entry for a message the business sent (spec C4). */
export function statusEntry(
  messageId: string,
  status: MessageStatus,
  customer: Customer,
  errors?: unknown[],
) {
  return {
    id: messageId,
    status,
    timestamp: unixSeconds(),
    recipient_id: customer.waId,
    ...(customer.userId === undefined ? {} : { recipient_user_id: customer.userId }),
    ...(status === 'failed'
      ? {}
      : {
          pricing: {
            billable: false,
            pricing_model: 'PMP',
            type: 'free_customer_service',
            category: 'service',
          },
        }),
    ...(errors === undefined ? {} : { errors }),
  };
}

/** The inbound message that carries a Flow's answers back (spec C3). */
export function nfmReplyMessage(
  business: Business,
  customer: Customer,
  flowMessage: SentMessage,
  reply: { id: string; responseJson: string },
) {
  return {
    context: { from: business.displayPhoneNumber, id: flowMessage.id },
    from: customer.waId,
    ...(customer.userId === undefined ? {} : { from_user_id: customer.userId }),
    id: reply.id,
    timestamp: unixSeconds(),
    type: 'interactive',
    interactive: {
      type: 'nfm_reply',
      nfm_reply: { response_json: reply.responseJson, body: 'Sent', name: 'flow' },
    },
  };
}

export function textMessage(customer: Customer, id: string, text: string) {
  return {
    from: customer.waId,
    ...(customer.userId === undefined ? {} : { from_user_id: customer.userId }),
    id,
    timestamp: unixSeconds(),
    text: { body: text },
    type: 'text',
  };
}
