import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../logger';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import { createWorkerRegistry } from '../workers/registry';
import { PURGE_QUEUE, startPurgeWorker } from './purge-worker';
import { seedCustomer, seedWorkspace } from './subject.test-helper';

describe('retention purge worker', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
  }, 60_000);
  afterAll(() => test.dispose());

  it('purges every period on the job queue, one run per period among several processes', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    await seedCustomer(prisma, seeded, { waId: '15550003333', userId: 'US.3' });
    await prisma.submission.updateMany({
      where: { workspaceId: seeded.workspaceId },
      data: { status: 'delivered', deliveredAt: new Date() },
    });
    const log = createLogger('silent');
    // Two registries stand for two server processes sharing the database.
    const registries = [createWorkerRegistry(), createWorkerRegistry()];
    for (const workers of registries) {
      startPurgeWorker(workers, { prisma, log, everyMs: 300 });
    }

    try {
      await eventually(async () => (await prisma.submission.count()) === 0);
      // Later periods keep running: the next period's job is always waiting.
      const next = await eventually(
        async () =>
          (await prisma.job.findFirst({ where: { queue: PURGE_QUEUE, status: 'pending' } })) ??
          undefined,
      );
      expect(next.key).toMatch(/^period:\d+$/);
      const keys = await prisma.job.findMany({
        where: { queue: PURGE_QUEUE },
        select: { key: true },
      });
      expect(new Set(keys.map((job) => job.key)).size).toBe(keys.length);
    } finally {
      await Promise.all(registries.map((workers) => workers.stop()));
    }
  }, 30_000);
});
