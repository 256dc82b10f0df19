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
import type { ReceivedCompletion } from './receive-completion';

export interface CompletionServicesOptions {
  db: Database;
  secrets: SecretBox;
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts a destination may name. */
  allowedHosts: readonly string[];
  log: Logger;
  /** Runs after a completion is stored: the Flow-completed trigger. */
  afterStored?: (received: ReceivedCompletion, context: InboxContext) => Promise<void>;
}

export interface CompletionServices {
  destinations: Destinations;
  /** `InboxHandlers.message` for completions; false when the message is not one. */
  handleMessage: ReturnType<typeof createCompletionHandler>;
  /** `InboxHandlers.flowEvent`. */
  handleFlowEvent(event: FlowsWebhookEvent, context: InboxContext): Promise<void>;
  /** Starts delivering queued submissions on the server's worker registry. */
  startDelivery(workers: { start(options: JobWorkerOptions): JobWorker }): void;
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
      afterStored: async (received, context) => {
        wakeDelivery();
        await options.afterStored?.(received, context);
      },
    }),
    handleFlowEvent: (event, context) => handleFlowEvent(prisma, event, context),
    startDelivery: (workers) => {
      const worker = workers.start(deliveryWorkerOptions({ prisma, jobs, secrets, http, log }));
      wakeDelivery = () => worker.wake();
    },
  };
}
