import type {
  FlowsWebhookEvent,
  WebhookContact,
  WebhookMessage,
  WebhookStatus,
} from '@sanjay-flow/whatsapp';

import type { Logger } from '../logger';

/** Where an inbox item belongs: the connection it was routed to, by phone number or WABA. */
export interface InboxContext {
  workspaceId: string;
  connectionId: string;
  phoneNumberId: string;
  log: Logger;
}

/**
 * What the inbox worker calls for each item of a processed webhook: once per message id, per
 * status id and status value, per Flows event, however often Meta delivers it. A process can
 * still die after a handler committed and before the item was marked done, and then the handler
 * runs again: handlers must be idempotent themselves (a unique key in their own tables). A
 * handler that throws makes the whole event retry later; items already handled are skipped.
 */
export interface InboxHandlers {
  message(
    message: WebhookMessage,
    contact: WebhookContact | undefined,
    context: InboxContext,
  ): Promise<void>;
  status(status: WebhookStatus, context: InboxContext): Promise<void>;
  flowEvent(event: FlowsWebhookEvent, context: InboxContext): Promise<void>;
}

/**
 * Handlers that only log that an item arrived (ids and kinds, never contents): the inbox still
 * records each item as processed. Used until messaging and completions handle their items.
 */
export function recordingInboxHandlers(): InboxHandlers {
  return {
    message: (message, _contact, context) => {
      context.log.info({ messageId: message.id, type: message.type }, 'inbox message recorded');

      return Promise.resolve();
    },
    status: (status, context) => {
      context.log.info({ messageId: status.id, status: status.status }, 'inbox status recorded');

      return Promise.resolve();
    },
    flowEvent: (event, context) => {
      context.log.info({ event: event.event, flowId: event.flow_id }, 'inbox Flows event recorded');

      return Promise.resolve();
    },
  };
}
