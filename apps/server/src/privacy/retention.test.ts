import type { PrismaClient } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { recordAudit } from './audit';
import { purgeAll, purgeWorkspace } from './purge';
import { describeRetention, getRetention, updateRetention, DEFAULT_RETENTION } from './retention';
import { seedCustomer, seedWorkspace } from './subject.test-helper';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** How many of each class of record the workspace still has. */
async function presence(prisma: PrismaClient, workspaceId: string) {
  const where = { workspaceId };

  return {
    rawBodies: await prisma.inboxEvent.count({ where: { ...where, raw: { not: null } } }),
    debugPayloads: await prisma.endpointCall.count({
      where: { ...where, debugPayload: { not: { equals: null } } },
    }),
    outboundBodies: await prisma.outboundMessage.count({
      where: { ...where, body: { not: { equals: null } } },
    }),
    sessions: await prisma.flowSession.count({ where }),
    endpointCalls: await prisma.endpointCall.count({ where }),
    deliveryAttempts: await prisma.deliveryAttempt.count({ where: { submission: where } }),
    outboundMessages: await prisma.outboundMessage.count({ where }),
    inboxEvents: await prisma.inboxEvent.count({ where }),
    finishedJobs: await prisma.job.count({ where }),
    submissions: await prisma.submission.count({ where }),
    privacyRequests: await prisma.privacyRequest.count({ where }),
    alerts: await prisma.flowAlert.count({ where }),
    auditEntries: await prisma.auditEntry.count({ where }),
  };
}

type Presence = Awaited<ReturnType<typeof presence>>;

async function seedAll(prisma: PrismaClient, workspaceId: string) {
  const seeded = await seedWorkspace(prisma, workspaceId);
  await seedCustomer(prisma, seeded, { waId: '15550002222', userId: 'US.1' });
  // The background work is over: jobs finished (the webhook's failed for good, its body kept for
  // inspection), the session's time is up.
  await prisma.job.updateMany({ where: { workspaceId }, data: { status: 'done' } });
  await prisma.job.updateMany({ where: { workspaceId, queue: 'inbox' }, data: { status: 'dead' } });
  await prisma.flowSession.updateMany({ where: { workspaceId }, data: { status: 'closed' } });
  await prisma.flowAlert.create({
    data: { workspaceId, kind: 'ENDPOINT_ERROR_RATE', message: 'error rate above 10 %' },
  });
  await recordAudit(prisma, { workspaceId, actor: { kind: 'cli' }, action: 'flow.publish' });

  return seeded;
}

describe('retention', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
  }, 60_000);
  afterAll(() => test.dispose());

  it('removes each class of data on time as the clock moves', async () => {
    const prisma = test.db.prisma;
    const workspaceId = await test.createWorkspace();
    const start = Date.now();
    await seedAll(prisma, workspaceId);
    const all = await presence(prisma, workspaceId);
    expect(Object.values(all).every((count) => count >= 1)).toBe(true);
    const none = (...keys: (keyof Presence)[]) =>
      Object.fromEntries(keys.map((key) => [key, 0])) as Partial<Presence>;
    const checkpoints: [number, Partial<Presence>][] = [
      [0, all],
      [23 * HOUR, all],
      [
        25 * HOUR,
        { ...all, ...none('rawBodies', 'debugPayloads', 'outboundBodies', 'privacyRequests') },
      ],
      [6.9 * DAY, { sessions: 1, endpointCalls: 1 }],
      [7.1 * DAY, { sessions: 0, endpointCalls: 1 }],
      [13.9 * DAY, { endpointCalls: 1, deliveryAttempts: 1, inboxEvents: 1, finishedJobs: 3 }],
      [
        14.1 * DAY,
        {
          ...none('endpointCalls', 'deliveryAttempts', 'outboundMessages', 'inboxEvents'),
          ...none('finishedJobs'),
          submissions: 1,
        },
      ],
      [29.9 * DAY, { submissions: 1 }],
      [30.1 * DAY, { submissions: 0, alerts: 1 }],
      [89.9 * DAY, { alerts: 1 }],
      [90.1 * DAY, { alerts: 0, auditEntries: 1 }],
      [364.9 * DAY, { auditEntries: 1 }],
      [365.1 * DAY, { auditEntries: 0 }],
    ];

    for (const [offset, expected] of checkpoints) {
      await purgeWorkspace(prisma, workspaceId, new Date(start + offset));
      expect({ at: offset / HOUR, ...(await presence(prisma, workspaceId)) }).toMatchObject({
        at: offset / HOUR,
        ...expected,
      });
    }
  });

  it('keeps a webhook still waiting to be processed, however old, and its body', async () => {
    const prisma = test.db.prisma;
    const workspaceId = await test.createWorkspace();
    const start = Date.now();
    await seedWorkspace(prisma, workspaceId).then((seeded) =>
      seedCustomer(prisma, seeded, { waId: '15550003333', userId: 'US.2' }),
    );
    const waiting = { workspaceId, raw: { not: null } };
    expect(
      await prisma.job.count({ where: { workspaceId, queue: 'inbox', status: 'pending' } }),
    ).toBe(1);

    await purgeWorkspace(prisma, workspaceId, new Date(start + 30 * DAY));

    expect(await prisma.inboxEvent.count({ where: waiting })).toBe(1);
    await prisma.job.updateMany({
      where: { workspaceId, queue: 'inbox' },
      data: { status: 'dead' },
    });
    await purgeWorkspace(prisma, workspaceId, new Date(start + 30 * DAY));
    expect(await prisma.inboxEvent.count({ where: { workspaceId } })).toBe(0);
  });

  it('deletes a delivered submission at the next purge, or keeps it when told to', async () => {
    const prisma = test.db.prisma;
    const deleting = await test.createWorkspace();
    const keeping = await test.createWorkspace();
    for (const workspaceId of [deleting, keeping]) {
      await seedAll(prisma, workspaceId);
      await prisma.submission.updateMany({
        where: { workspaceId },
        data: { status: 'delivered', deliveredAt: new Date(), answers: undefined },
      });
    }
    await updateRetention(prisma, keeping, { deleteDeliveredSubmissions: false }, { kind: 'cli' });

    await purgeAll(prisma, new Date(Date.now() + 1000));

    expect(await prisma.submission.count({ where: { workspaceId: deleting } })).toBe(0);
    expect(await prisma.submission.count({ where: { workspaceId: keeping } })).toBe(1);
    await purgeAll(prisma, new Date(Date.now() + 31 * DAY));
    expect(await prisma.submission.count({ where: { workspaceId: keeping } })).toBe(0);
  });

  it('keeps settings per workspace, audited, within the bounds of the notice', async () => {
    const prisma = test.db.prisma;
    const workspaceId = await test.createWorkspace();
    expect(await getRetention(prisma, workspaceId)).toEqual(DEFAULT_RETENTION);

    const changed = await updateRetention(
      prisma,
      workspaceId,
      { submissionDays: 10, logDays: 7 },
      { kind: 'user', userId: 'b8b9c0a4-6c35-4a8a-9c57-2b0e3c4d5e6f' },
    );

    expect(changed).toEqual({ ...DEFAULT_RETENTION, submissionDays: 10, logDays: 7 });
    expect(await getRetention(prisma, workspaceId)).toEqual(changed);
    expect(await getRetention(prisma, await test.createWorkspace())).toEqual(DEFAULT_RETENTION);
    const audit = await prisma.auditEntry.findFirst({ where: { workspaceId } });
    expect(audit).toMatchObject({
      action: 'retention.update',
      details: { submissionDays: 10, logDays: 7 },
    });
    await expect(
      updateRetention(prisma, workspaceId, { rawWebhookHours: 48 }, { kind: 'cli' }),
    ).rejects.toThrow(/24/);
    const rules = describeRetention(changed);
    expect(rules.find((rule) => rule.dataClass === 'submissions')?.goes).toContain('10 days');
  });

  it('deletes records of no workspace: expired replay rows, sign-in sessions and attempts', async () => {
    const prisma = test.db.prisma;
    const workspaceId = await test.createWorkspace();
    await seedAll(prisma, workspaceId);
    const user = await prisma.user.create({ data: { email: `${workspaceId}@example.test` } });
    const soon = new Date(Date.now() + 60_000);
    await prisma.signInSession.create({
      data: { tokenHash: `hash-${workspaceId}`, userId: user.id, csrfSecret: 'x', expiresAt: soon },
    });
    await prisma.signInAttempt.create({ data: { key: `key-${workspaceId}` } });

    const early = await purgeAll(prisma, new Date(Date.now() - 1000));
    expect(early.endpointReplays).toBe(0);
    expect(await prisma.signInSession.count({ where: { userId: user.id } })).toBe(1);
    const counts = await purgeAll(prisma, new Date(Date.now() + 25 * HOUR));

    expect(counts.endpointReplays).toBeGreaterThanOrEqual(1);
    expect(await prisma.endpointReplay.count()).toBe(0);
    expect(await prisma.signInSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.signInAttempt.count({ where: { key: `key-${workspaceId}` } })).toBe(0);
  });
});
