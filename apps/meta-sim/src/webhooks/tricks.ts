import type { SimContext } from '../context';
import { SimControlError } from '../control/control-error';
import { newMessageId } from '../ids';
import type { Business } from '../state';
import { envelope, messagesValue } from './envelopes';
import { emit, emitStatus } from './events';
import type { WebhookDelivery } from './outbox';

/**
 * What Meta does now and then and a receiver must survive (spec C1/C4): the same webhook
 * again, statuses out of order, a body that is not JSON, a status for a message the business
 * never sent, and a value-level `errors` entry.
 */

export async function duplicateWebhook(
  ctx: SimContext,
  business: Business,
  deliveryId: number | undefined,
  times: number,
): Promise<WebhookDelivery[]> {
  const ofBusiness = ctx.outbox.deliveries().filter((d) => d.wabaId === business.wabaId);
  const original =
    deliveryId === undefined ? ofBusiness.at(-1) : ofBusiness.find((d) => d.id === deliveryId);
  if (original === undefined) {
    throw new SimControlError(404, 'There is no webhook of this business to send again.');
  }

  return Promise.all(Array.from({ length: times }, () => ctx.outbox.send(business, original.body)));
}

/** `read` first, then `delivered`, for a message the business sent. */
export async function statusesOutOfOrder(
  ctx: SimContext,
  business: Business,
  messageId: string,
): Promise<WebhookDelivery[]> {
  const message = ctx.state.sent.get(messageId);
  const customer = message && ctx.state.customers.get(message.customerKey);
  if (message?.phoneNumberId !== business.phoneNumberId || customer === undefined) {
    throw new SimControlError(404, `The business sent no message ${messageId}.`);
  }

  return [
    await emitStatus(ctx, business, message, customer, 'read'),
    await emitStatus(ctx, business, message, customer, 'delivered'),
  ];
}

/** A signed body cut short: valid signature, invalid JSON. */
export function malformedWebhook(ctx: SimContext, business: Business): Promise<WebhookDelivery> {
  const body = JSON.stringify(envelope(business.wabaId, 'messages', messagesValue(business, {})));

  return ctx.outbox.send(business, body.slice(0, Math.floor(body.length / 2)));
}

export function unknownMessageStatus(
  ctx: SimContext,
  business: Business,
): Promise<WebhookDelivery> {
  const stranger = { waId: '15550009999', userId: undefined, name: 'Unknown' };

  return emitStatus(ctx, business, { id: newMessageId() }, stranger, 'delivered');
}

/** A value-level error (spec C2): Meta could not process something for the number. */
export function errorsWebhook(ctx: SimContext, business: Business): Promise<WebhookDelivery> {
  const value = messagesValue(business, {
    errors: [
      {
        code: 131_000,
        title: 'Something went wrong',
        message: 'Something went wrong',
        error_data: { details: 'Message failed to send because of an unknown error.' },
      },
    ],
  });

  return emit(ctx, business, envelope(business.wabaId, 'messages', value));
}

/** A `failed` status with its `errors[]` for a message the business sent. */
export function failedStatus(
  ctx: SimContext,
  business: Business,
  messageId: string,
): Promise<WebhookDelivery> {
  const message = ctx.state.sent.get(messageId);
  const customer = message && ctx.state.customers.get(message.customerKey);
  if (message?.phoneNumberId !== business.phoneNumberId || customer === undefined) {
    throw new SimControlError(404, `The business sent no message ${messageId}.`);
  }

  return emitStatus(ctx, business, message, customer, 'failed', [
    {
      code: 131_026,
      title: 'Message undeliverable',
      message: 'Message undeliverable',
      error_data: { details: 'Message could not be delivered to the recipient.' },
    },
  ]);
}
