import {
  createJobRepository,
  createInboxRepository,
  type Database,
  INBOX_QUEUE,
} from '@sanjay-flow/db';

import type { Logger } from '../logger';
import {
  type ClaimedJob,
  DEFAULT_JOB_WORKER,
  type JobWorker,
  type JobWorkerOptions,
  PermanentJobError,
  startJobWorker,
} from '../workers/job-worker';
import type { InboxHandlers } from './handlers';
import { createEventProcessor } from './process-event';
import type { WebhookConnections } from './webhook-connections';

export interface InboxWorkerOptions {
  db: Database;
  /** Finds the connections an event names and opens their app secrets. */
  connections: Pick<WebhookConnections, 'routed' | 'forget' | 'appSecretOf'>;
  handlers: InboxHandlers;
  log: Logger;
  /** Starts a job worker; the server passes its registry's, so that shutdown stops it. */
  start?: (options: JobWorkerOptions) => JobWorker;
  worker?: Partial<
    Pick<JobWorkerOptions, 'concurrency' | 'pollMs' | 'leaseMs' | 'backoff' | 'maxAttempts'>
  >;
  /** Processed events and handled items are deleted after this; Meta redelivers for 7 days. */
  retentionDays?: number;
  /** True while webhooks queue behind a write: claims wait for them (`JobWorkerOptions`). */
  receiving?: () => boolean;
}

const DEFAULT_RETENTION_DAYS = 30;
const ITEM_LEASE_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Processes stored webhooks from the `inbox` job queue: one job per event, so that retries,
 * backoff, leases and dead letters are the job queue's. Also deletes old processed records.
 */
export function startInboxWorker(options: InboxWorkerOptions): JobWorker {
  const log = options.log.child({ component: 'inbox' });
  const inbox = createInboxRepository(options.db.prisma, options.db.sql);
  const processor = createEventProcessor({
    inbox,
    connections: options.connections,
    handlers: options.handlers,
    log,
    itemLeaseMs: ITEM_LEASE_MS,
  });
  const worker = (options.start ?? startJobWorker)({
    jobs: createJobRepository(options.db.prisma),
    queue: INBOX_QUEUE,
    log,
    // The embedded database runs one query at a time in the server's own thread: more jobs in
    // hand would only queue ahead of the webhooks being received.
    concurrency: options.db.kind === 'embedded' ? 1 : DEFAULT_JOB_WORKER.concurrency,
    ...options.worker,
    ...(options.receiving ? { yieldWhile: options.receiving } : {}),
    handle: (job) => processor.process(eventIdOf(job), job.lockedBy ?? ''),
  });
  const retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 24 * 60 * 60_000;
  const pruning = setInterval(() => {
    inbox
      .prune(new Date(Date.now() - retentionMs))
      .then((pruned) => log.info(pruned, 'old inbox records deleted'))
      .catch((error: unknown) => log.error({ err: error }, 'could not delete old inbox records'));
  }, PRUNE_EVERY_MS);
  pruning.unref();

  return {
    wake: () => worker.wake(),
    stop: () => {
      clearInterval(pruning);

      return worker.stop();
    },
  };
}

/** An inbox job's key is its event's id (`INBOX_QUEUE`). */
function eventIdOf(job: ClaimedJob): string {
  if (job.key === null) {
    throw new PermanentJobError('inbox job without an event id');
  }

  return job.key;
}
