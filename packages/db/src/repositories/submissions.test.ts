import { randomUUID } from 'node:crypto';

import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrate/apply';
import { type TestDatabase, testDatabaseTargets } from '../testing/databases';
import { createDeliveryRepository } from './deliveries';
import { createDestinationRepository } from './destinations';
import { createFlowAlertRepository } from './flow-alerts';
import { createSubmissionRepository, type NewSubmission } from './submissions';

function newSubmission(workspaceId: string, messageId: string): NewSubmission {
  return {
    workspaceId,
    flowId: null,
    flowVersionId: null,
    sessionId: null,
    connectionId: null,
    messageId,
    source: 'completion',
    flowToken: null,
    customerWaId: '15550001111',
    customerUserId: null,
    answers: { email: 'ana@example.com' },
    rawResponse: null,
    responseError: null,
    fields: ['email'],
    missingRequired: [],
    destinationIds: [],
    status: 'received',
    receivedAt: new Date(),
  };
}

describe.each(testDatabaseTargets())('submission repositories on the $name database', (target) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let workspaceId: string;

  beforeAll(async () => {
    database = await target.start();
    await applyMigrations(database.url);
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url, max: 8 }),
    });
    workspaceId = (await prisma.workspace.create({ data: { name: 'Submissions' } })).id;
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.stop();
  });

  it('stores one row for a message delivered many times at once', async () => {
    const submissions = createSubmissionRepository(prisma);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submissions.store(newSubmission(workspaceId, 'wamid.1'))),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.submission.id)).size).toBe(1);
    expect(await prisma.submission.count({ where: { workspaceId, messageId: 'wamid.1' } })).toBe(1);
  });

  it('erases the answers when marked delivered and keeps the field names', async () => {
    const submissions = createSubmissionRepository(prisma);
    const { submission } = await submissions.store(newSubmission(workspaceId, 'wamid.2'));
    const at = new Date();
    await submissions.markDelivered(submission.id, at);
    const stored = await submissions.get(workspaceId, submission.id);

    expect(stored).toMatchObject({
      status: 'delivered',
      answers: null,
      fields: ['email'],
      answersDeletedAt: at,
    });
  });

  it('lists by status and date, newest first, within the workspace only', async () => {
    const submissions = createSubmissionRepository(prisma);
    const other = (await prisma.workspace.create({ data: { name: 'Other' } })).id;
    await submissions.store(newSubmission(other, 'wamid.other'));
    const listed = await submissions.list(workspaceId, { status: 'received', limit: 10 });

    expect(listed.map((row) => row.messageId)).toEqual(['wamid.1']);
    expect(await submissions.list(workspaceId, { receivedTo: new Date(0), limit: 10 })).toEqual([]);
    expect(await submissions.remove(workspaceId, [listed[0]?.id ?? ''])).toBe(1);
  });

  it('numbers delivery attempts and picks the destinations of a Flow', async () => {
    const destinations = createDestinationRepository(prisma);
    const deliveries = createDeliveryRepository(prisma);
    const submissions = createSubmissionRepository(prisma);
    const flow = await prisma.flow.create({ data: { workspaceId, name: 'F', graph: {} } });
    const everyFlow = await destinations.create(workspaceId, {
      id: randomUUID(),
      flowId: null,
      name: 'All',
      url: 'http://127.0.0.1:1/a',
      secret: 'v1:sealed',
      enabled: true,
    });
    await destinations.create(workspaceId, {
      id: randomUUID(),
      flowId: flow.id,
      name: 'Off',
      url: 'http://127.0.0.1:1/b',
      secret: 'v1:sealed',
      enabled: false,
    });
    const { submission } = await submissions.store(newSubmission(workspaceId, 'wamid.3'));
    const attempt = { submissionId: submission.id, destinationId: everyFlow.id, latencyMs: 3 };
    await deliveries.record({ ...attempt, status: 'failed', httpStatus: 503, error: 'HTTP 503' });
    const second = await deliveries.record({
      ...attempt,
      status: 'delivered',
      httpStatus: 200,
      error: null,
    });

    expect(second.attempt).toBe(2);
    expect(await deliveries.deliveredTo(submission.id)).toEqual([everyFlow.id]);
    expect((await destinations.forFlow(workspaceId, flow.id)).map((d) => d.name)).toEqual(['All']);
  });

  it('lists unread alerts and marks them read', async () => {
    const alerts = createFlowAlertRepository(prisma);
    const alert = await alerts.create(workspaceId, {
      flowId: null,
      metaFlowId: '6627390910605886',
      kind: 'ENDPOINT_ERROR_RATE',
      alertState: 'ACTIVATED',
      message: 'Endpoint error rate above threshold',
      details: { error_rate: 12 },
    });

    expect(await alerts.list(workspaceId, { unreadOnly: true, limit: 5 })).toHaveLength(1);
    expect(await alerts.markRead(workspaceId, [alert.id])).toBe(1);
    expect(await alerts.list(workspaceId, { unreadOnly: true, limit: 5 })).toEqual([]);
  });
});
