import type { JobRepository, PrismaClient } from '@sanjay-flow/db';
import type { HttpPort } from '@sanjay-flow/runtime';

import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import {
  DEFAULT_JOB_WORKER,
  type JobWorker,
  type JobWorkerOptions,
  startJobWorker,
} from '../workers/job-worker';
import { createDeliveryHandler } from './deliver-submission';
import { DELIVERY_QUEUE } from './queue';

/** How long a destination has to answer one delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * A business's server may be down for an afternoon: tries are 30 s apart at first, doubling to
 * one an hour, for about a day before the submission is dead-lettered (and can still be
 * retried from the responses view).
 */
export const DELIVERY_ATTEMPTS = 30;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min … capped at an hour, each with up to 20 % random spread. */
export function deliveryBackoff(attempts: number): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);

  return Math.round(base * (1 + Math.random() * 0.2));
}

export interface DeliveryWorkerOptions {
  prisma: PrismaClient;
  jobs: JobRepository;
  secrets: SecretBox;
  http: HttpPort;
  log: Logger;
  timeoutMs?: number;
  maxAttempts?: number;
  pollMs?: number;
  backoff?: (attempts: number) => number;
}

/** Delivers queued submissions until stopped; the server stops it on shutdown. */
export function startDeliveryWorker(options: DeliveryWorkerOptions): JobWorker {
  return startJobWorker(deliveryWorkerOptions(options));
}

/** The job worker settings of delivery, for a worker registry to start. */
export function deliveryWorkerOptions(options: DeliveryWorkerOptions): JobWorkerOptions {
  const maxAttempts = options.maxAttempts ?? DELIVERY_ATTEMPTS;
  const log = options.log.child({ component: 'delivery' });

  return {
    jobs: options.jobs,
    queue: DELIVERY_QUEUE,
    log,
    maxAttempts,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    backoff: options.backoff ?? deliveryBackoff,
    // The lease outlives a delivery's timeout, so a slow destination is not sent two copies.
    leaseMs: Math.max(DEFAULT_JOB_WORKER.leaseMs, (options.timeoutMs ?? DELIVERY_TIMEOUT_MS) * 3),
    handle: createDeliveryHandler({
      prisma: options.prisma,
      secrets: options.secrets,
      http: options.http,
      timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      maxAttempts,
      log,
    }),
  };
}
