import type { WebhookContact, WebhookMessage } from '@sanjay-flow/whatsapp';

import type { InboxContext } from '../webhooks/handlers';
import {
  type FlowCompletion,
  receiveCompletion,
  type ReceiveCompletionDependencies,
  type ReceivedCompletion,
} from './receive-completion';

/**
 * The completion an inbound message carries, or null when it is not one. An `nfm_reply` named
 * `flow` is a completion; so is a message that failed to parse as one but still says
 * `interactive.type: nfm_reply`, with whatever it holds kept as its response: a completion is
 * never dropped for its shape.
 */
export function completionOf(
  message: WebhookMessage,
  contact: WebhookContact | undefined,
): FlowCompletion | null {
  const responseJson = responseJsonOf(message);
  if (responseJson === null) {
    return null;
  }
  const seconds = Number(message.timestamp);

  return {
    messageId: message.id,
    contextMessageId: message.context?.id ?? null,
    customerWaId: message.from || contact?.wa_id || null,
    customerUserId: message.from_user_id ?? contact?.user_id ?? null,
    responseJson,
    receivedAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date(),
  };
}

function responseJsonOf(message: WebhookMessage): string | null {
  if (message.type === 'interactive') {
    const { interactive } = message;

    return interactive.type === 'nfm_reply' && interactive.nfm_reply.name === 'flow'
      ? interactive.nfm_reply.response_json
      : null;
  }
  if (message.type !== 'unsupported' || message.original_type !== 'interactive') {
    return null;
  }
  const interactive: unknown = message['interactive'];
  if (typeof interactive !== 'object' || interactive === null) {
    return null;
  }
  const { type, nfm_reply: reply } = interactive as { type?: unknown; nfm_reply?: unknown };
  if (type !== 'nfm_reply') {
    return null;
  }
  const response = (reply as { response_json?: unknown } | undefined)?.response_json;
  if (typeof response === 'string') {
    return response;
  }

  // A response given as a JSON value instead of a string is kept as that value, so a number,
  // an array or null is flagged as not an object; only a missing one keeps the whole reply.
  return JSON.stringify(response === undefined ? (reply ?? null) : response);
}

/** `InboxHandlers.message` for Flow completions; answers false for any other message. */
export function createCompletionHandler(
  dependencies: ReceiveCompletionDependencies & {
    /** Runs after the submission is stored: the Flow-completed trigger. */
    afterStored?: (received: ReceivedCompletion, context: InboxContext) => Promise<void>;
  },
) {
  return async (
    message: WebhookMessage,
    contact: WebhookContact | undefined,
    context: InboxContext,
  ): Promise<boolean> => {
    const completion = completionOf(message, contact);
    if (completion === null) {
      return false;
    }
    const received = await receiveCompletion(dependencies, completion, context);
    await dependencies.afterStored?.(received, context);

    return true;
  };
}
