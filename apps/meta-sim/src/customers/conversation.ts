import type { SimContext } from '../context';
import { SimControlError } from '../control/control-error';
import { newMessageId } from '../ids';
import { businessByPhone } from '../state';
import type { Business, Customer } from '../state';
import { textMessage } from '../webhooks/envelopes';
import { emitInbound } from '../webhooks/events';
import type { WebhookDelivery } from '../webhooks/outbox';

/** A message in a customer's chat with a business, as the customer sees it. */
export interface InboxMessage {
  id: string;
  phoneNumberId: string;
  type: string;
  sentAt: string;
  /** The message body as the business sent it (text, interactive Flow, template). */
  content: Record<string, unknown>;
  flowCompleted: boolean;
}

export function businessForPhone(ctx: SimContext, phoneNumberId: string): Business {
  const business = businessByPhone(ctx.state, phoneNumberId);
  if (business === undefined) {
    throw new SimControlError(404, `No business has phone number id ${phoneNumberId}.`);
  }

  return business;
}

/** The customer writes to the business: an inbound `text` webhook (spec C2/C3). */
export async function customerSendsText(
  ctx: SimContext,
  customer: Customer,
  phoneNumberId: string,
  text: string,
): Promise<{ messageId: string; delivery: WebhookDelivery }> {
  const business = businessForPhone(ctx, phoneNumberId);
  const messageId = newMessageId();
  ctx.state.received.set(messageId, {
    id: messageId,
    phoneNumberId,
    customerKey: customer.waId,
    read: false,
  });
  const delivery = await emitInbound(
    ctx,
    business,
    customer,
    textMessage(customer, messageId, text),
  );

  return { messageId, delivery };
}

export function inboxOf(ctx: SimContext, customer: Customer): InboxMessage[] {
  return [...ctx.state.sent.values()]
    .filter((message) => message.customerKey === customer.waId)
    .map((message) => {
      const {
        messaging_product: _product,
        to: _to,
        recipient_type: _type,
        ...content
      } = message.payload;

      return {
        id: message.id,
        phoneNumberId: message.phoneNumberId,
        type: message.type,
        sentAt: message.sentAt.toISOString(),
        content,
        flowCompleted: message.completedAt !== undefined,
      };
    });
}
