import { setTimeout as sleep } from 'node:timers/promises';

import {
  createJobRepository,
  createOutboundMessageRepository,
  type Database,
} from '@sanjay-flow/db';
import type { ServerEffect } from '@sanjay-flow/runtime';

import type { GraphApiPolicyOptions } from '../connections/graph-api-policy';
import { createHttpPort } from '../endpoint/http-port';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { InboxHandlers } from '../webhooks/handlers';
import type { JobWorker, JobWorkerOptions } from '../workers/job-worker';
import { type EffectsContext, queueMessages } from './carry-out-effects';
import { createInboundMessageHandler } from './inbound';
import { createPatternPort } from './patterns';
import { createOutbox, type Outbox } from './queue-message';
import { createSendRateLimiter } from './rate-limiter';
import { outboxWorkerOptions } from './start-outbox-worker';
import { createStatusHandler } from './statuses';

export interface MessagingServicesOptions {
  db: Database;
  secrets: SecretBox;
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts a message trigger's HTTP steps may call. */
  allowedHosts: readonly string[];
  /** Where connections' Graph API URLs may lead; loopback (the local stand-in) by default. */
  graphApiPolicy?: GraphApiPolicyOptions;
  log: Logger;
  /** Sends per second per phone number; Meta's default throughput when absent. */
  sendsPerSecond?: number;
  /** Told once a message walk's save steps are stored, so that their delivery starts at once. */
  onSubmissionsStored?: () => void;
}

export interface MessagingServices {
  outbox: Outbox;
  /** Queues the messages of a server event's walk (message-received or Flow-completed). */
  sendMessages: (
    effects: Extract<ServerEffect, { kind: 'send_message' }>[],
    context: EffectsContext,
  ) => Promise<void>;
  /** `InboxHandlers.message` for messages that are not Flow completions. */
  handleMessage: InboxHandlers['message'];
  handleStatus: InboxHandlers['status'];
  /** Starts sending queued messages on the server's worker registry. */
  startOutbox(workers: { start(options: JobWorkerOptions): JobWorker }): void;
}

/** The outbox, message-received triggers and delivery statuses, on one database. */
export function createMessagingServices(options: MessagingServicesOptions): MessagingServices {
  const { db, secrets, log } = options;
  const prisma = db.prisma;
  const messages = createOutboundMessageRepository(prisma);
  let wake = (): void => undefined;
  const outbox = createOutbox(messages, () => wake());
  const http = createHttpPort({ allowedHosts: options.allowedHosts });

  return {
    outbox,
    sendMessages: (effects, context) => queueMessages({ prisma, outbox }, effects, context),
    handleMessage: createInboundMessageHandler({
      prisma,
      outbox,
      patterns: createPatternPort(),
      ports: { http, delay: (ms, signal) => sleep(ms, undefined, { signal }) },
      ...(options.onSubmissionsStored === undefined
        ? {}
        : { onSubmissionsStored: options.onSubmissionsStored }),
    }),
    handleStatus: createStatusHandler(messages),
    startOutbox: (workers) => {
      const worker = workers.start(
        outboxWorkerOptions({
          prisma,
          jobs: createJobRepository(prisma),
          messages,
          secrets,
          log,
          ...(options.graphApiPolicy === undefined
            ? {}
            : { graphApiPolicy: options.graphApiPolicy }),
          limiter: createSendRateLimiter(
            options.sendsPerSecond === undefined ? {} : { perSecond: options.sendsPerSecond },
          ),
        }),
      );
      wake = () => worker.wake();
    },
  };
}

/** Sends messages and statuses to messaging; Flows events stay with `handlers`. */
export function withMessaging(
  handlers: InboxHandlers,
  messaging: Pick<MessagingServices, 'handleMessage' | 'handleStatus'>,
): InboxHandlers {
  return {
    message: (message, contact, context) => messaging.handleMessage(message, contact, context),
    status: (status, context) => messaging.handleStatus(status, context),
    flowEvent: (event, context) => handlers.flowEvent(event, context),
  };
}
