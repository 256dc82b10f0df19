import type { SimContext } from '../context';
import type { Business, Customer, FlowStatus, SentMessage, SimFlow } from '../state';
import { contactsOf, envelope, messagesValue, statusEntry } from './envelopes';
import type { MessageStatus } from './envelopes';
import type { WebhookDelivery } from './outbox';

/** Sends one envelope to the business; the body is serialised once and signed as sent. */
export function emit(ctx: SimContext, business: Business, body: unknown): Promise<WebhookDelivery> {
  return ctx.outbox.send(business, JSON.stringify(body));
}

export function emitStatus(
  ctx: SimContext,
  business: Business,
  message: Pick<SentMessage, 'id'>,
  customer: Customer,
  status: MessageStatus,
  errors?: unknown[],
): Promise<WebhookDelivery> {
  const value = messagesValue(business, {
    statuses: [statusEntry(message.id, status, customer, errors)],
  });

  return emit(ctx, business, envelope(business.wabaId, 'messages', value));
}

/** After an accepted send: `sent`, `delivered` and (when the business asks) `read`. */
export function emitDeliveryStatuses(
  ctx: SimContext,
  business: Business,
  message: SentMessage,
  customer: Customer,
): void {
  const statuses: MessageStatus[] = business.autoRead
    ? ['sent', 'delivered', 'read']
    : ['sent', 'delivered'];
  for (const status of statuses) {
    void emitStatus(ctx, business, message, customer, status);
  }
}

export function emitInbound(
  ctx: SimContext,
  business: Business,
  customer: Customer,
  message: unknown,
): Promise<WebhookDelivery> {
  const value = messagesValue(business, { contacts: contactsOf(customer), messages: [message] });

  return emit(ctx, business, envelope(business.wabaId, 'messages', value));
}

/** Spec C6: `FLOW_STATUS_CHANGE`; `old_status` is absent when the Flow is created. */
export function emitFlowStatusChange(
  ctx: SimContext,
  business: Business,
  flow: SimFlow,
  oldStatus: FlowStatus | undefined,
): Promise<WebhookDelivery> {
  const message =
    oldStatus === undefined
      ? `Flow ${flow.name} has been created with status ${flow.status}`
      : `Flow ${flow.name} changed status from ${oldStatus} to ${flow.status}`;
  const value = {
    event: 'FLOW_STATUS_CHANGE',
    message,
    flow_id: flow.id,
    ...(oldStatus === undefined ? {} : { old_status: oldStatus }),
    new_status: flow.status,
  };

  return emit(ctx, business, envelope(business.wabaId, 'flows', value));
}
