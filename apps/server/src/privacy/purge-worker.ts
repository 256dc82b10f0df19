import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';

import type { Logger } from '../logger';
import type { JobWorker } from '../workers/job-worker';
import type { WorkerRegistry } from '../workers/registry';
import { createEmbeddedCompaction } from './compact';
import { purgeAll } from './purge';

/** The job queue's name for retention purges. */
export const PURGE_QUEUE = 'privacy-purge';

export interface PurgeWorkerOptions {
  prisma: PrismaClient;
  log: Logger;
  /** Time between purges; delivered submissions wait at most this long. */
  everyMs?: number;
  now?: () => Date;
  /**
   * The embedded database, which has no autovacuum: each run also vacuums it hourly, and
   * rewrites the customer tables after an erasure (`compact.ts`).
   */
  embedded?: boolean;
}

const DEFAULT_EVERY_MS = 60_000;

/**
 * Runs the retention purge on the job queue, once per period for all processes together: each
 * period is one job keyed by its number, so every process may enqueue it and only one runs it;
 * the run enqueues the next period's job. A process that dies mid-purge leaves its lease to
 * expire and another runs the purge again, which is safe: every rule is idempotent.
 */
export function startPurgeWorker(workers: WorkerRegistry, options: PurgeWorkerOptions): JobWorker {
  const { prisma } = options;
  const everyMs = options.everyMs ?? DEFAULT_EVERY_MS;
  const now = options.now ?? (() => new Date());
  const log = options.log.child({ component: 'purge' });
  const jobs = createJobRepository(prisma);
  const compact = options.embedded ? createEmbeddedCompaction(prisma, now) : undefined;
  const enqueuePeriod = (period: number) =>
    jobs.enqueue({
      queue: PURGE_QUEUE,
      key: `period:${period}`,
      payload: {},
      runAt: new Date(period * everyMs),
    });
  const worker = workers.start({
    jobs,
    queue: PURGE_QUEUE,
    log,
    concurrency: 1,
    pollMs: Math.min(everyMs, DEFAULT_EVERY_MS),
    handle: async () => {
      const at = now();
      const counts = await purgeAll(prisma, at);
      // Once a minute: a line only when something went, so the log is not flooded.
      const removed = Object.values(counts).reduce((sum, count) => sum + count, 0);
      if (removed > 0) {
        log.info({ counts }, 'retention purge done');
      }
      const compacted = await compact?.();
      if (compacted === 'rewritten') {
        log.info('customer tables rewritten: erased rows have left the database files');
      }
      // Finished purges say nothing worth keeping: the log line above is their record.
      await prisma.job.deleteMany({ where: { queue: PURGE_QUEUE, status: 'done' } });
      await enqueuePeriod(Math.floor(at.getTime() / everyMs) + 1);
    },
  });
  enqueuePeriod(Math.floor(now().getTime() / everyMs))
    .then(() => worker.wake())
    .catch((error: unknown) => log.error({ err: error }, 'could not schedule the retention purge'));

  return worker;
}
