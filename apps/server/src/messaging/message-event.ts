import type { Customer, MessageReceivedEvent } from '@sanjay-flow/runtime';
import type { WebhookContact, WebhookMessage } from '@sanjay-flow/whatsapp';

/**
 * The runtime's view of an inbound message, or `null` when it names no customer to answer.
 * A customer who adopted a username has an empty `from`; the business-scoped user id is then
 * the address (spec C5).
 */
export function messageEventOf(
  message: WebhookMessage,
  contact: WebhookContact | undefined,
): MessageReceivedEvent | null {
  const waId = nonEmpty(message.from) ?? nonEmpty(contact?.wa_id);
  const userId = nonEmpty(message.from_user_id) ?? nonEmpty(contact?.user_id);
  if (waId === undefined && userId === undefined) {
    return null;
  }
  const customer: Customer = {
    ...(waId === undefined ? {} : { waId }),
    ...(userId === undefined ? {} : { userId }),
  };
  const profileName = nonEmpty(contact?.profile?.name);

  return {
    kind: 'message_received',
    customer,
    message: {
      id: message.id,
      type:
        message.type === 'unsupported' ? (message.original_type ?? 'unsupported') : message.type,
      text: textOf(message),
      timestamp: message.timestamp,
    },
    ...(profileName === undefined ? {} : { profileName }),
  };
}

/** What a trigger's keyword or pattern reads: the words the customer typed or tapped. */
export function textOf(message: WebhookMessage): string | null {
  switch (message.type) {
    case 'text':
      return message.text.body;
    case 'button':
      return message.button.text;
    case 'interactive':
      return interactiveTitle(message.interactive);
    case 'image':
      return message.image.caption ?? null;
    case 'video':
      return message.video.caption ?? null;
    case 'document':
      return message.document.caption ?? null;
    case 'audio':
    case 'sticker':
    case 'location':
    case 'reaction':
    case 'contacts':
    case 'order':
    case 'system':
    case 'unsupported':
      return null;
  }
}

function interactiveTitle(
  interactive: Extract<WebhookMessage, { type: 'interactive' }>['interactive'],
): string | null {
  switch (interactive.type) {
    case 'button_reply':
      return interactive.button_reply.title;
    case 'list_reply':
      return interactive.list_reply.title;
    case 'nfm_reply':
      return null;
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}
