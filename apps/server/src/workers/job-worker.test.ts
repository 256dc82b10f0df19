import { randomUUID } from 'node:crypto';

import { createJobRepository, type JobRepository } from '@sanjay-flow/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from './eventually.test-helper';
import { type JobWorker, PermanentJobError, startJobWorker } from './job-worker';

const log = pino({ level: 'silent' });

describe('startJobWorker', () => {
  let testDb: TestDatabase;
  let jobs: JobRepository;
  const workers: JobWorker[] = [];

  beforeAll(async () => {
    testDb = await openTestDatabase();
    jobs = createJobRepository(testDb.db.prisma);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await testDb.dispose();
  });

  const start = (options: Omit<Parameters<typeof startJobWorker>[0], 'jobs' | 'log'>) => {
    const worker = startJobWorker({ jobs, log, pollMs: 50, ...options });
    workers.push(worker);

    return worker;
  };

  const settled = (queue: string, count: number) =>
    eventually(async () => {
      const counts = await jobs.countByStatus(queue);

      return counts.done + counts.dead === count && counts;
    });

  it('handles each enqueued job once and completes it', async () => {
    const queue = `q-${randomUUID()}`;
    const handled: unknown[] = [];
    const worker = start({
      queue,
      handle: (job) => {
        handled.push(job.payload);

        return Promise.resolve();
      },
    });
    for (const n of [1, 2, 3]) {
      await jobs.enqueue({ queue, payload: { n } });
    }
    worker.wake();

    expect(await settled(queue, 3)).toMatchObject({ done: 3, dead: 0 });
    expect(handled).toHaveLength(3);
    expect(handled).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }]));
  });

  it('retries a failing job after the backoff and completes it when it succeeds', async () => {
    const queue = `q-${randomUUID()}`;
    const delays: number[] = [];
    let calls = 0;
    start({
      queue,
      backoff: (attempts) => {
        delays.push(attempts);

        return 0;
      },
      handle: () => {
        calls += 1;

        return calls < 3 ? Promise.reject(new Error(`flaky ${calls}`)) : Promise.resolve();
      },
    });
    const { id } = await jobs.enqueue({ queue, payload: {} });

    expect(await settled(queue, 1)).toMatchObject({ done: 1 });
    expect(delays).toEqual([1, 2]);
    expect(await jobs.get(id)).toMatchObject({ attempts: 3, status: 'done' });
  });

  it('dead-letters a job after its last attempt, with the error', async () => {
    const queue = `q-${randomUUID()}`;
    start({
      queue,
      maxAttempts: 3,
      backoff: () => 0,
      handle: () => Promise.reject(new Error('remote said 500')),
    });
    const { id } = await jobs.enqueue({ queue, payload: { keep: true } });

    expect(await settled(queue, 1)).toMatchObject({ dead: 1 });
    expect(await jobs.get(id)).toMatchObject({
      attempts: 3,
      status: 'dead',
      lastError: 'Error: remote said 500',
      payload: { keep: true },
    });
  });

  it('dead-letters at once on a permanent error', async () => {
    const queue = `q-${randomUUID()}`;
    start({ queue, handle: () => Promise.reject(new PermanentJobError('bad payload')) });
    const { id } = await jobs.enqueue({ queue, payload: {} });

    await settled(queue, 1);
    expect(await jobs.get(id)).toMatchObject({ attempts: 1, status: 'dead' });
  });

  it('dead-letters a job whose lease kept expiring without an outcome', async () => {
    const queue = `q-${randomUUID()}`;
    const { id } = await jobs.enqueue({ queue, payload: {} });
    for (const n of [1, 2]) {
      await jobs.claim(queue, { workerId: `crashed-${n}`, limit: 1, leaseMs: 0 });
    }
    let calls = 0;
    start({
      queue,
      maxAttempts: 2,
      handle: () => {
        calls += 1;

        return Promise.resolve();
      },
    });

    await settled(queue, 1);
    expect(calls).toBe(0);
    expect(await jobs.get(id)).toMatchObject({ status: 'dead' });
  });

  it('runs at most `concurrency` jobs at once, and two workers share a queue', async () => {
    const queue = `q-${randomUUID()}`;
    const handledIds: string[] = [];
    let running = 0;
    let mostRunning = 0;
    const handle = async (job: { id: string }) => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      handledIds.push(job.id);
      running -= 1;
    };
    await Promise.all(Array.from({ length: 40 }, () => jobs.enqueue({ queue, payload: {} })));
    start({ queue, concurrency: 3, handle });
    start({ queue, concurrency: 3, handle });

    await settled(queue, 40);
    expect(handledIds).toHaveLength(40);
    expect(new Set(handledIds).size).toBe(40);
    expect(mostRunning).toBeLessThanOrEqual(6);
  });

  it('lets more urgent work go first: slowed to one job a claim while it lasts, never stopped', async () => {
    const queue = `q-${randomUUID()}`;
    let urgent = true;
    let running = 0;
    let mostRunningWhileUrgent = 0;
    let handled = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await Promise.all(Array.from({ length: 6 }, () => jobs.enqueue({ queue, payload: {} })));
    start({
      queue,
      concurrency: 4,
      pollMs: 10_000,
      yieldWhile: () => urgent,
      handle: async () => {
        running += 1;
        if (urgent) {
          mostRunningWhileUrgent = Math.max(mostRunningWhileUrgent, running);
        }
        await gate;
        running -= 1;
        handled += 1;
      },
    });

    // Each claim waits for the urgent work, then takes one job: one is in hand, not four.
    await eventually(() => Promise.resolve(running === 1));
    expect(mostRunningWhileUrgent).toBe(1);
    urgent = false;
    release();

    await settled(queue, 6);
    expect(handled).toBe(6);
  });

  it('stops only after the job in hand is finished, and then claims nothing', async () => {
    const queue = `q-${randomUUID()}`;
    const events: string[] = [];
    let release: () => void = () => {};
    const started = new Promise<void>((resolveStarted) => {
      start({
        queue,
        handle: async () => {
          resolveStarted();
          await new Promise<void>((resolve) => (release = resolve));
          events.push('handled');
        },
      });
    });
    const worker = workers.at(-1);
    await jobs.enqueue({ queue, payload: {} });
    await started;

    const stopping = worker?.stop().then(() => events.push('stopped'));
    setTimeout(() => release(), 0);
    await stopping;
    await jobs.enqueue({ queue, payload: {} });

    expect(events).toEqual(['handled', 'stopped']);
    expect(await jobs.countByStatus(queue)).toMatchObject({ done: 1, pending: 1 });
  });
});
