import type {
  ConnectionRecord,
  OutboundMessageRecord,
  OutboundMessageRepository,
} from '@sanjay-flow/db';
import {
  FlowMessageSchema,
  type GraphApiClient,
  type GraphApiClientOptions,
  GraphApiError,
  TemplateMessageSchema,
  TextMessageSchema,
} from '@sanjay-flow/whatsapp';
import { z } from 'zod';

import type { Logger } from '../logger';
import { type ClaimedJob, PermanentJobError } from '../workers/job-worker';
import type { SendRateLimiter } from './rate-limiter';

export const OutboxJobSchema = z.object({ messageId: z.uuid() });

/** The statuses in which a message may still be sent; any other is final for the sender. */
const SENDABLE: ReadonlySet<string> = new Set(['queued', 'sending']);

const StoredBodySchema = z.union([TextMessageSchema, FlowMessageSchema, TemplateMessageSchema]);

/** How long a number's sends wait after Meta reports throttling, doubling per attempt. */
const RATE_LIMIT_PAUSE_MS = 2_000;
const MAX_RATE_LIMIT_PAUSE_MS = 60_000;

export interface SendDependencies {
  messages: OutboundMessageRepository;
  connection(workspaceId: string, connectionId: string): Promise<ConnectionRecord | null>;
  accessToken(connection: ConnectionRecord): string;
  graphApi(options: GraphApiClientOptions): GraphApiClient;
  limiter: SendRateLimiter;
  /** The attempt after which a message that keeps failing is marked failed. */
  maxAttempts: number;
  log: Logger;
}

/**
 * Sends one queued message. The worker runs it at least once per job: a message that already
 * has its wamid, or is past sending, is not sent again.
 */
export function createSendHandler(dependencies: SendDependencies) {
  return async (job: ClaimedJob): Promise<void> => {
    const parsed = OutboxJobSchema.safeParse(job.payload);
    if (!parsed.success) {
      throw new PermanentJobError('An outbox job names no message id');
    }
    const message = await dependencies.messages.get(parsed.data.messageId);
    if (message === null) {
      return;
    }
    // A job that runs again after its process died may find its message already final: its
    // body is cleared by then, and there is nothing left to do.
    if (message.wamid !== null || !SENDABLE.has(message.status)) {
      dependencies.log.debug(
        { outboundMessageId: message.id, status: message.status },
        'message already final: nothing to send',
      );

      return;
    }
    await sendOnce(dependencies, message, job.attempts);
  };
}

async function sendOnce(
  dependencies: SendDependencies,
  message: OutboundMessageRecord,
  attempt: number,
): Promise<void> {
  const { messages } = dependencies;
  const log = dependencies.log.child({ outboundMessageId: message.id, attempt });
  const connection = await dependencies.connection(message.workspaceId, message.connectionId);
  const body = StoredBodySchema.safeParse(message.body);
  if (connection === null || !body.success) {
    const reason =
      connection === null ? 'The connection was removed' : 'The stored body is not a message';
    await messages.recordFailed(message.id, { code: null, subcode: null, message: reason });
    log.error({ reason }, 'outbound message failed before sending');

    return;
  }
  if (!(await messages.startAttempt(message.id))) {
    return;
  }
  await dependencies.limiter.acquire(connection.phoneNumberId);
  const graph = dependencies.graphApi({
    baseUrl: connection.graphApiUrl,
    accessToken: dependencies.accessToken(connection),
  });
  let wamid: string;
  try {
    wamid = (await graph.sendMessage(connection.phoneNumberId, body.data)).wamid;
  } catch (error) {
    await onSendError(dependencies, { message, connection, attempt, log }, error);

    return;
  }
  // A crash between Meta's answer and this write loses the wamid: the job's lease expires, the
  // job runs again and the customer receives the message twice. Meta documents no idempotency
  // key that could prevent it; the window is one database write long.
  await messages.recordSent(message, wamid);
  log.info({ wamid }, 'message sent');
}

interface Attempt {
  message: OutboundMessageRecord;
  connection: ConnectionRecord;
  attempt: number;
  log: Logger;
}

async function onSendError(dependencies: SendDependencies, at: Attempt, error: unknown) {
  const { messages } = dependencies;
  if (!(error instanceof GraphApiError)) {
    await messages.recordAttemptError(at.message.id, {
      code: null,
      subcode: null,
      message: messageOf(error),
    });
    throw error;
  }
  const failure = {
    code: error.code ?? null,
    subcode: error.subcode ?? null,
    message: error.message,
    details: error.details ?? null,
  };
  if (!error.isTransient || at.attempt >= dependencies.maxAttempts) {
    await messages.recordFailed(at.message.id, failure);
    at.log.warn(
      {
        code: failure.code,
        subcode: failure.subcode,
        details: failure.details,
        httpStatus: error.httpStatus,
      },
      'message failed',
    );

    return;
  }
  if (error.isRateLimit) {
    const pauseMs = Math.min(RATE_LIMIT_PAUSE_MS * 2 ** (at.attempt - 1), MAX_RATE_LIMIT_PAUSE_MS);
    dependencies.limiter.pause(at.connection.phoneNumberId, pauseMs);
  }
  await messages.recordAttemptError(at.message.id, failure);
  throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
