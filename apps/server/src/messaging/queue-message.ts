import { randomUUID } from 'node:crypto';

import type {
  NewSentSession,
  OutboundMessageRecord,
  OutboundMessageRepository,
} from '@sanjay-flow/db';
import type { Customer } from '@sanjay-flow/runtime';
import type { OutgoingMessageBody } from '@sanjay-flow/whatsapp';

/** The job queue's name for outgoing messages. */
export const OUTBOX_QUEUE = 'outbox';

export interface QueueMessageInput {
  workspaceId: string;
  connectionId: string;
  to: Customer;
  body: OutgoingMessageBody;
  /** Queuing the same key again returns the first message and sends nothing more. */
  idempotencyKey?: string;
  /** The Flow session a Flow message opens; written in the same transaction. */
  session?: NewSentSession;
}

export interface Outbox {
  queueMessage(
    input: QueueMessageInput,
  ): Promise<{ message: OutboundMessageRecord; created: boolean }>;
}

/**
 * Writes the message and its send job in one transaction (the job's key is the message's
 * idempotency key), then wakes the outbox worker so that it sends at once.
 */
export function createOutbox(
  messages: OutboundMessageRepository,
  wake: () => void = () => undefined,
): Outbox {
  return {
    queueMessage: async (input) => {
      const result = await messages.queue(
        {
          workspaceId: input.workspaceId,
          connectionId: input.connectionId,
          recipientWaId: input.to.waId ?? null,
          recipientUserId: input.to.userId ?? null,
          kind: kindOf(input.body),
          body: input.body,
          idempotencyKey: input.idempotencyKey ?? randomUUID(),
        },
        { queue: OUTBOX_QUEUE, ...(input.session === undefined ? {} : { session: input.session }) },
      );
      if (result.created) {
        wake();
      }

      return result;
    },
  };
}

/** The address Meta accepts in `to`: the phone number, or the business-scoped user id. */
export function recipientOf(customer: Customer): string {
  return customer.waId ?? customer.userId ?? '';
}

function kindOf(body: OutgoingMessageBody): string {
  switch (body.type) {
    case 'text':
      return 'text';
    case 'interactive':
      return 'flow';
    case 'template':
      return 'template';
  }
}
