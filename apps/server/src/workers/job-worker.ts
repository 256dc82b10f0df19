import { randomUUID } from 'node:crypto';
import os from 'node:os';

import type { JobRecord, JobRepository } from '@sanjay-flow/db';

import type { Logger } from '../logger';

/** What a handler receives: the claimed job, its payload as stored. */
export type ClaimedJob = JobRecord;

/**
 * Thrown by a handler for a failure that retrying cannot cure (a payload that does not parse,
 * a record that no longer exists): the job is dead-lettered at once.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface JobWorkerOptions {
  jobs: JobRepository;
  queue: string;
  /**
   * Does the job's work; throws to retry it. Answers `'completed'` when it marked the job done
   * itself, in the same statement as its own writes (`job.lockedBy` is this worker's id).
   */
  handle(job: ClaimedJob): Promise<void | 'completed'>;
  log: Logger;
  /** Jobs handled at the same time by this worker. */
  concurrency?: number;
  /** How often to look for due jobs when nobody calls `wake()`. */
  pollMs?: number;
  /** How long a claim holds; renewed every half lease while the handler runs. */
  leaseMs?: number;
  /** The delay before the next attempt, given the attempts made so far (1 after the first). */
  backoff?: (attempts: number) => number;
  /** Attempts before a job is dead-lettered. */
  maxAttempts?: number;
  /** Names this worker in the job rows; unique per process by default. */
  workerId?: string;
  /**
   * Work of this process that goes first (answering Meta before processing what it sent):
   * while this answers true, each claim waits up to `YIELD_MS` and then takes one job only. The
   * worker is slowed, never stopped.
   */
  yieldWhile?: () => boolean;
}

export interface JobWorker {
  /** Looks for due jobs now rather than at the next poll. */
  wake(): void;
  /** Claims nothing more and resolves once the jobs in hand are finished. Idempotent. */
  stop(): Promise<void>;
}

/** The longest a claim waits for `yieldWhile`, and how often it asks meanwhile. */
const YIELD_MS = 50;
const YIELD_STEP_MS = 5;

export const DEFAULT_JOB_WORKER = {
  concurrency: 4,
  pollMs: 1000,
  leaseMs: 30_000,
  maxAttempts: 8,
} as const;

/** 1 s, 2 s, 4 s … capped at 10 minutes, each with up to 20 % random spread. */
export function exponentialBackoff(attempts: number): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);

  return Math.round(base * (1 + Math.random() * 0.2));
}

export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const settings = {
    concurrency: options.concurrency ?? DEFAULT_JOB_WORKER.concurrency,
    pollMs: options.pollMs ?? DEFAULT_JOB_WORKER.pollMs,
    leaseMs: options.leaseMs ?? DEFAULT_JOB_WORKER.leaseMs,
    maxAttempts: options.maxAttempts ?? DEFAULT_JOB_WORKER.maxAttempts,
    backoff: options.backoff ?? exponentialBackoff,
    workerId: options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
  const log = options.log.child({ queue: options.queue, workerId: settings.workerId });
  const inFlight = new Set<Promise<void>>();
  const signal = createSignal();
  let stopping = false;

  const runJob = (job: ClaimedJob): void => {
    const running = handleJob(job, options, settings, log).finally(() => {
      inFlight.delete(running);
      signal.fire();
    });
    inFlight.add(running);
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const free = settings.concurrency - inFlight.size;
      const limit = free > 0 && options.yieldWhile ? await yielded(options.yieldWhile, free) : free;
      if (stopping) {
        return; // asked to stop while yielding
      }
      const claimed = limit > 0 ? await claimSafely(options, settings, limit, log) : [];
      claimed.forEach(runJob);
      if (claimed.length === 0 || claimed.length < free) {
        await signal.wait(settings.pollMs);
      }
    }
  };

  const looping = loop();
  let stopped: Promise<void> | undefined;

  return {
    wake: () => signal.fire(),
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        signal.fire();
        await looping;
        await Promise.allSettled([...inFlight]);
      })()),
  };
}

/** How many jobs to claim after waiting while `busy` answers true, at most `YIELD_MS`. */
async function yielded(busy: () => boolean, free: number): Promise<number> {
  for (let waited = 0; busy() && waited < YIELD_MS; waited += YIELD_STEP_MS) {
    await new Promise((resolve) => setTimeout(resolve, YIELD_STEP_MS));
  }

  return busy() ? 1 : free;
}

interface WorkerSettings {
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  maxAttempts: number;
  backoff: (attempts: number) => number;
  workerId: string;
}

async function claimSafely(
  options: JobWorkerOptions,
  settings: WorkerSettings,
  limit: number,
  log: Logger,
): Promise<ClaimedJob[]> {
  try {
    return await options.jobs.claim(options.queue, {
      workerId: settings.workerId,
      limit,
      leaseMs: settings.leaseMs,
    });
  } catch (error) {
    // The database may be restarting: the next poll tries again.
    log.error({ err: error }, 'could not claim jobs');

    return [];
  }
}

async function handleJob(
  job: ClaimedJob,
  options: JobWorkerOptions,
  settings: WorkerSettings,
  log: Logger,
): Promise<void> {
  const { jobs } = options;
  const jobLog = log.child({ jobId: job.id, attempts: job.attempts });
  try {
    if (job.attempts > settings.maxAttempts) {
      // Claimed again and again without an outcome: its handler kills or stalls the process.
      await jobs.deadLetter(job.id, settings.workerId, {
        error: `no outcome after ${job.attempts - 1} attempts: the lease expired each time`,
      });
      jobLog.error('job dead-lettered: its lease kept expiring');

      return;
    }
    const outcome = await runHandler(job, options, settings);
    await settle(job, outcome, options, settings, jobLog);
  } catch (error) {
    // The outcome could not be written: the lease expires and another claim retries the job.
    jobLog.error({ err: error }, 'could not record the outcome of a job');
  }
}

type HandlerOutcome = { ok: true; completed: boolean } | { ok: false; failure: unknown };

/** Runs the handler, renewing the lease meanwhile. */
async function runHandler(
  job: ClaimedJob,
  options: JobWorkerOptions,
  settings: WorkerSettings,
): Promise<HandlerOutcome> {
  const renew = setInterval(() => {
    options.jobs.extendLease(job.id, settings.workerId, settings.leaseMs).catch(() => {
      // A lost renewal only lets another worker retry the job, which handlers allow.
    });
  }, settings.leaseMs / 2);
  renew.unref();
  try {
    const result = await options.handle(job);

    return { ok: true, completed: result === 'completed' };
  } catch (error) {
    return { ok: false, failure: error ?? new Error('job handler failed without an error') };
  } finally {
    clearInterval(renew);
  }
}

async function settle(
  job: ClaimedJob,
  outcome: HandlerOutcome,
  options: JobWorkerOptions,
  settings: WorkerSettings,
  log: Logger,
): Promise<void> {
  const { jobs } = options;
  const { workerId } = settings;
  if (outcome.ok) {
    if (!outcome.completed && !(await jobs.complete(job.id, workerId))) {
      log.warn('job finished after its lease was taken over');
    }

    return;
  }
  const { failure } = outcome;
  const error = describeError(failure);
  if (failure instanceof PermanentJobError || job.attempts >= settings.maxAttempts) {
    await jobs.deadLetter(job.id, workerId, { error });
    log.error({ err: failure }, 'job dead-lettered');

    return;
  }
  const delayMs = settings.backoff(job.attempts);
  await jobs.retry(job.id, workerId, { runAt: new Date(Date.now() + delayMs), error });
  log.warn({ err: failure, delayMs }, 'job failed; retrying later');
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A wake-up call that is not lost when it comes while nobody is waiting. */
function createSignal() {
  let pending = false;
  let release: (() => void) | undefined;

  return {
    fire(): void {
      pending = true;
      release?.();
    },
    async wait(timeoutMs: number): Promise<void> {
      if (pending) {
        pending = false;

        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          release = undefined;
          resolve();
        }
        release = done;
      });
      pending = false;
    },
  };
}
