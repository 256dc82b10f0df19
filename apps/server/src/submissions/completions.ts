import { setTimeout as sleep } from 'node:timers/promises';

import { createJobRepository, type Database } from '@sanjay-flow/db';
import type { FlowsWebhookEvent } from '@sanjay-flow/whatsapp';

import { createDestinations, type Destinations } from '../delivery/manage-destinations';
import { DELIVERY_TIMEOUT_MS, deliveryWorkerOptions } from '../delivery/start-delivery-worker';
import { createHttpPort } from '../endpoint/http-port';
import { handleFlowEvent } from '../flow-events/handle-flow-event';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { InboxContext } from '../webhooks/handlers';
import type { JobWorker, JobWorkerOptions } from '../workers/job-worker';
import { createCompletionHandler } from './completion-message';
import { fileWorkerOptions } from './download-file';
import { type CompletedTriggerDependencies, runCompletedTrigger } from './run-completed-trigger';

export interface CompletionServicesOptions {
  db: Database;
  secrets: SecretBox;
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts a destination may name. */
  allowedHosts: readonly string[];
  /** A connection's Graph API URL may lead to loopback (the local Meta stand-in); yes in tests. */
  allowGraphApiLoopback?: boolean;
  log: Logger;
  /**
   * Queues the messages a Flow-completed walk sends (the messaging outbox). Without it those
   * messages are logged and dropped.
   */
  sendMessages?: CompletedTriggerDependencies['sendMessages'];
}

export interface CompletionServices {
  destinations: Destinations;
  /** `InboxHandlers.message` for completions; false when the message is not one. */
  handleMessage: ReturnType<typeof createCompletionHandler>;
  /** `InboxHandlers.flowEvent`. */
  handleFlowEvent(event: FlowsWebhookEvent, context: InboxContext): Promise<void>;
  /** Starts downloading completions' files and delivering submissions on the worker registry. */
  startDelivery(workers: { start(options: JobWorkerOptions): JobWorker }): void;
  /** Wakes the file and delivery workers for submissions stored elsewhere (save steps). */
  wakeDelivery(): void;
}

/** Completions, deliveries and Flows events, wired to one database and master key. */
export function createCompletionServices(options: CompletionServicesOptions): CompletionServices {
  const { db, secrets, allowedHosts, log } = options;
  const prisma = db.prisma;
  const jobs = createJobRepository(prisma);
  const http = createHttpPort({ allowedHosts });
  let wakeDelivery = (): void => undefined;

  return {
    destinations: createDestinations({
      prisma,
      secrets,
      http,
      allowedHosts,
      timeoutMs: DELIVERY_TIMEOUT_MS,
    }),
    handleMessage: createCompletionHandler({
      prisma,
      jobs,
      afterStored: async ({ submission }, context) => {
        wakeDelivery();
        await runCompletedTrigger(
          {
            prisma,
            jobs,
            ports: { http, delay: (ms, signal) => sleep(ms, undefined, { signal }) },
            sendMessages: options.sendMessages ?? logUnsent,
          },
          submission,
          context,
        );
        wakeDelivery();
      },
    }),
    handleFlowEvent: (event, context) => handleFlowEvent(prisma, event, context),
    wakeDelivery: () => wakeDelivery(),
    startDelivery: (workers) => {
      const worker = workers.start(deliveryWorkerOptions({ prisma, jobs, secrets, http, log }));
      const files = workers.start(
        fileWorkerOptions({
          prisma,
          jobs,
          secrets,
          allowedHosts,
          ...(options.allowGraphApiLoopback === undefined
            ? {}
            : { allowGraphApiLoopback: options.allowGraphApiLoopback }),
          log,
        }),
      );
      wakeDelivery = () => {
        files.wake();
        worker.wake();
      };
    },
  };
}

const logUnsent: CompletedTriggerDependencies['sendMessages'] = (effects, context) => {
  if (effects.length > 0) {
    context.log.warn({ count: effects.length }, 'no outbox: messages of a completion not sent');
  }

  return Promise.resolve();
};
