import type { OutboundMessageRepository, StatusReport } from '@sanjay-flow/db';
import type { WebhookStatus } from '@sanjay-flow/whatsapp';

import type { InboxContext } from '../webhooks/handlers';

/** `played` (a voice message was listened to) is a kind of `read` for this product. */
const STATUS_OF: Record<string, StatusReport['status'] | undefined> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  played: 'read',
  failed: 'failed',
};

/**
 * Applies a status webhook to the message with its wamid (spec C4). Statuses arrive out of
 * order and more than once: the repository only moves a message forward, so applying one
 * twice changes nothing.
 */
export function createStatusHandler(messages: OutboundMessageRepository) {
  return async (status: WebhookStatus, context: InboxContext): Promise<void> => {
    const report = reportOf(status);
    if (report === null) {
      context.log.info(
        { wamid: status.id, status: status.status },
        'status of no known kind ignored',
      );

      return;
    }
    const known = await messages.applyStatus(report);
    if (!known) {
      // Sent by another tool on the same number (Meta's own inbox, another integration).
      context.log.debug({ wamid: status.id }, 'status for a message this product did not send');
    }
  };
}

export function reportOf(status: WebhookStatus): StatusReport | null {
  const kind = Object.hasOwn(STATUS_OF, status.status) ? STATUS_OF[status.status] : undefined;
  if (kind === undefined) {
    return null;
  }
  const seconds = Number(status.timestamp);
  const at = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
  const error = status.errors?.[0];

  return {
    wamid: status.id,
    status: kind,
    at,
    ...(error === undefined
      ? {}
      : {
          error: {
            code: error.code,
            subcode: null,
            message:
              error.error_data?.details ?? error.message ?? error.title ?? `error ${error.code}`,
          },
        }),
  };
}
