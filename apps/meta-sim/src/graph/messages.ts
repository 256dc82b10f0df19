import type { SimContext } from '../context';
import { customerFor } from '../customers/customers';
import { newMessageId } from '../ids';
import type { Business, Customer, SentMessage } from '../state';
import { emitDeliveryStatuses } from '../webhooks/events';
import { phoneNumberOf } from './access';
import { checkFlowSend, checkTemplateSend } from './flow-send-rules';
import { graphErrors } from './graph-error';
import type { GraphRequest } from './graph-request';
import type { GraphAnswer } from './graph-route';
import {
  InteractiveFlowMessageSchema,
  MessageEnvelopeSchema,
  ReadReceiptSchema,
  TemplateMessageSchema,
  TextMessageSchema,
} from './message-schemas';
import { messageErrorFrom } from './zod-errors';

/** `POST /{phone-number-id}/messages`: a send, or a read receipt for a received message. */
export function sendMessage(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const business = phoneNumberOf(ctx, request);
  if (request.params.status === 'read') {
    return markRead(ctx, business, request.params);
  }
  const envelope = MessageEnvelopeSchema.safeParse(request.params);
  if (!envelope.success) {
    throw messageErrorFrom(envelope.error);
  }
  checkContent(ctx, business, envelope.data.type, request.params);
  const customer = customerFor(ctx.state, envelope.data.to);
  const message: SentMessage = {
    id: newMessageId(),
    phoneNumberId: business.phoneNumberId,
    customerKey: customer.waId,
    type: envelope.data.type,
    payload: request.params,
    sentAt: new Date(),
    completedAt: undefined,
  };
  ctx.state.sent.set(message.id, message);
  ctx.log.info({ messageId: message.id, type: message.type }, 'message accepted');

  return {
    body: {
      messaging_product: 'whatsapp',
      contacts: [contactOf(envelope.data.to, customer)],
      messages: [{ id: message.id }],
    },
    after: () => emitDeliveryStatuses(ctx, business, message, customer),
  };
}

function checkContent(
  ctx: SimContext,
  business: Business,
  type: string,
  params: Record<string, unknown>,
): void {
  switch (type) {
    case 'text': {
      const text = TextMessageSchema.safeParse(params);
      if (!text.success) {
        throw messageErrorFrom(text.error);
      }

      return;
    }
    case 'interactive': {
      const interactive = InteractiveFlowMessageSchema.safeParse(params);
      if (!interactive.success) {
        throw messageErrorFrom(interactive.error);
      }
      checkFlowSend(ctx, business, interactive.data.interactive.action.parameters);

      return;
    }
    case 'template': {
      const template = TemplateMessageSchema.safeParse(params);
      if (!template.success) {
        throw messageErrorFrom(template.error);
      }
      checkTemplateSend(ctx, business, template.data.template);

      return;
    }
    default:
      throw graphErrors.messageParameter(
        `type: the stand-in sends text, interactive (flow) and template messages, not "${type}".`,
      );
  }
}

function contactOf(input: string, customer: Customer) {
  const byUserId = customer.userId !== undefined && input === customer.userId;

  return {
    input,
    wa_id: customer.waId,
    ...(byUserId ? { user_id: customer.userId } : {}),
  };
}

function markRead(ctx: SimContext, business: Business, params: Record<string, unknown>) {
  const receipt = ReadReceiptSchema.safeParse(params);
  if (!receipt.success) {
    throw messageErrorFrom(receipt.error);
  }
  const received = ctx.state.received.get(receipt.data.message_id);
  if (received === undefined || received.phoneNumberId !== business.phoneNumberId) {
    throw graphErrors.badParameter(
      `message_id: no message ${receipt.data.message_id} was received by this phone number.`,
    );
  }
  received.read = true;

  return { body: { success: true } };
}
