import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrate/apply';
import { runStatement, type TestDatabase, testDatabaseTargets } from '../testing/databases';
import { createJobRepository, type JobRecord, type JobRepository } from './jobs';

const LONG_LEASE_MS = 60_000;

describe.each(testDatabaseTargets())('job queue on the $name database', (target) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let jobs: JobRepository;

  beforeAll(async () => {
    database = await target.start();
    await applyMigrations(database.url);
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url, max: 4 }),
    });
    jobs = createJobRepository(prisma);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.stop();
  });

  beforeEach(() => runStatement(database.url, 'TRUNCATE job'));

  const claimOne = async (workerId: string, leaseMs = LONG_LEASE_MS): Promise<JobRecord[]> =>
    jobs.claim('mail', { workerId, limit: 1, leaseMs });

  it('enqueues, claims with an attempt counted, and completes, clearing the payload', async () => {
    const { id, created } = await jobs.enqueue({ queue: 'mail', payload: { to: 'a' } });
    const [claimed] = await claimOne('w1');

    expect(created).toBe(true);
    expect(claimed).toMatchObject({ id, status: 'running', attempts: 1, lockedBy: 'w1' });
    expect(claimed?.payload).toEqual({ to: 'a' });
    expect(await claimOne('w2')).toEqual([]);
    expect(await jobs.complete(id, 'w1')).toBe(true);
    expect(await jobs.get(id)).toMatchObject({ status: 'done', payload: null, lockedBy: null });
    expect(await jobs.complete(id, 'w1')).toBe(false);
  });

  it('treats a second enqueue of the same key as a no-op, even when sent concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        jobs.enqueue({ queue: 'mail', key: 'order-7', payload: { n } }),
      ),
    );
    const other = await jobs.enqueue({ queue: 'sms', key: 'order-7', payload: {} });

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(other.created).toBe(true);
    expect(await prisma.job.count({ where: { queue: 'mail' } })).toBe(1);
  });

  it('never hands one job to two workers claiming at the same time', async () => {
    await Promise.all(
      Array.from({ length: 120 }, (_, n) => jobs.enqueue({ queue: 'mail', payload: { n } })),
    );
    const clients = Array.from(
      { length: 4 },
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }) }),
    );
    try {
      const drain = async (client: PrismaClient, workerId: string): Promise<string[]> => {
        const repository = createJobRepository(client);
        const seen: string[] = [];
        for (;;) {
          const batch = await repository.claim('mail', {
            workerId,
            limit: 7,
            leaseMs: LONG_LEASE_MS,
          });
          if (batch.length === 0) {
            return seen;
          }
          seen.push(...batch.map((job) => job.id));
        }
      };
      const perWorker = await Promise.all(clients.map((client, n) => drain(client, `w${n}`)));
      const all = perWorker.flat();

      expect(all).toHaveLength(120);
      expect(new Set(all).size).toBe(120);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });

  it('lets another worker claim a job whose lease expired, and refuses the first its result', async () => {
    const { id } = await jobs.enqueue({ queue: 'mail', payload: {} });
    // A zero lease expires at once: the next claim finds it due.
    await claimOne('dead-worker', 0);
    const [reclaimed] = await claimOne('w2');

    expect(reclaimed).toMatchObject({ id, attempts: 2, lockedBy: 'w2' });
    expect(await jobs.complete(id, 'dead-worker')).toBe(false);
    expect(await jobs.extendLease(id, 'dead-worker', LONG_LEASE_MS)).toBe(false);
    expect(await jobs.complete(id, 'w2')).toBe(true);
  });

  it('claims the jobs due first, pending or with an expired lease, ahead of later ones', async () => {
    const { id: abandoned } = await jobs.enqueue({
      queue: 'mail',
      payload: {},
      runAt: new Date(Date.now() - 60_000),
    });
    await claimOne('dead-worker', 0);
    const { id: older } = await jobs.enqueue({
      queue: 'mail',
      payload: {},
      runAt: new Date(Date.now() - 30_000),
    });
    await runStatement(
      database.url,
      `INSERT INTO job (id, queue, key) SELECT gen_random_uuid(), 'mail', 'later-' || n
       FROM generate_series(1, 2000) AS n`,
    );

    const first = await jobs.claim('mail', { workerId: 'w2', limit: 2, leaseMs: LONG_LEASE_MS });
    const next = await jobs.claim('mail', { workerId: 'w2', limit: 3, leaseMs: LONG_LEASE_MS });

    expect(first.map((job) => job.id).sort()).toEqual([abandoned, older].sort());
    expect(first.find((job) => job.id === abandoned)).toMatchObject({
      attempts: 2,
      lockedBy: 'w2',
    });
    expect(next).toHaveLength(3);
    expect(next.every((job) => job.key?.startsWith('later-'))).toBe(true);
    expect(await jobs.countByStatus('mail')).toMatchObject({ pending: 1997, running: 5 });
  });

  it('keeps a lease that was extended', async () => {
    const { id } = await jobs.enqueue({ queue: 'mail', payload: {} });
    await claimOne('w1', 0);

    expect(await jobs.extendLease(id, 'w1', LONG_LEASE_MS)).toBe(true);
    expect(await claimOne('w2')).toEqual([]);
  });

  it('retries at the time given, keeping the error, and counts the attempts', async () => {
    const { id } = await jobs.enqueue({ queue: 'mail', payload: {} });
    await claimOne('w1');
    await jobs.retry(id, 'w1', { runAt: new Date(Date.now() + LONG_LEASE_MS), error: 'timeout' });

    expect(await claimOne('w1')).toEqual([]);
    expect(await jobs.get(id)).toMatchObject({ status: 'pending', lastError: 'timeout' });

    await prisma.job.update({ where: { id }, data: { runAt: new Date(Date.now() - 1000) } });
    const [again] = await claimOne('w2');

    expect(again).toMatchObject({ id, attempts: 2, lastError: 'timeout' });
  });

  it('dead-letters a job out of the queue, lists it, and revives it on request', async () => {
    const { id } = await jobs.enqueue({ queue: 'mail', payload: { to: 'a' }, key: 'k' });
    await claimOne('w1');
    await jobs.deadLetter(id, 'w1', { error: 'x'.repeat(5000) });

    expect(await claimOne('w1')).toEqual([]);
    const [listed] = await jobs.list({ queue: 'mail', status: 'dead', limit: 10 });
    expect(listed).toMatchObject({ id, status: 'dead' });
    expect(listed).not.toHaveProperty('payload');
    expect(listed?.lastError?.length).toBeLessThan(2100);
    expect(await jobs.countByStatus('mail')).toEqual({ pending: 0, running: 0, done: 0, dead: 1 });
    expect((await jobs.get(id))?.payload).toEqual({ to: 'a' });

    expect(await jobs.revive(id)).toBe(true);
    expect(await jobs.revive(id)).toBe(false);
    expect(await claimOne('w2')).toMatchObject([{ id, attempts: 1 }]);
  });

  it('holds a job enqueued for later until its time', async () => {
    await jobs.enqueue({ queue: 'mail', payload: {}, runAt: new Date(Date.now() + LONG_LEASE_MS) });

    expect(await claimOne('w1')).toEqual([]);
  });

  it('answers unknown or malformed ids as absent', async () => {
    expect(await jobs.get('nope')).toBeNull();
    expect(await jobs.revive('nope')).toBe(false);
    expect(await jobs.list({ workspaceId: 'nope', limit: 5 })).toEqual([]);
  });
});
