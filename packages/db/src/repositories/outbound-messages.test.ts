import { randomUUID } from 'node:crypto';

import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrate/apply';
import { type TestDatabase, testDatabaseTargets } from '../testing/databases';
import { createJobRepository } from './jobs';
import { createOutboundMessageRepository, type NewOutboundMessage } from './outbound-messages';
import { createPublicationRepository } from './publications';
import { ensureDefaultWorkspace } from './workspaces';

describe.each(testDatabaseTargets())('outbound messages on the $name database', (target) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let workspaceId: string;
  let connectionId: string;
  let flowId: string;

  beforeAll(async () => {
    database = await target.start();
    await applyMigrations(database.url);
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url, max: 4 }),
    });
    workspaceId = (await ensureDefaultWorkspace(prisma)).id;
    connectionId = randomUUID();
    await prisma.connection.create({
      data: {
        id: connectionId,
        workspaceId,
        name: 'main',
        wabaId: '102290129340398',
        phoneNumberId: '106540352242922',
        appId: '1234567890123456',
        appSecret: 'v1:k:sealed',
        accessToken: 'v1:k:sealed',
        webhookVerifyToken: 'v1:k:sealed',
        graphApiUrl: 'http://127.0.0.1:9/v23.0',
      },
    });
    flowId = (await prisma.flow.create({ data: { workspaceId, name: 'Booking', graph: {} } })).id;
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.stop();
  });

  const newMessage = (key: string): NewOutboundMessage => ({
    workspaceId,
    connectionId,
    recipientWaId: '16505551234',
    recipientUserId: null,
    kind: 'text',
    body: { type: 'text', text: { body: 'hi' } },
    idempotencyKey: key,
  });

  it('writes the message and its job together, once per idempotency key, even concurrently', async () => {
    const outbox = createOutboundMessageRepository(prisma);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => outbox.queue(newMessage('k-1'), { queue: 'outbox-test' })),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.message.id)).size).toBe(1);
    const jobs = await createJobRepository(prisma).list({ queue: 'outbox-test', limit: 10 });
    expect(jobs.map((job) => job.key)).toEqual(['k-1']);
  });

  it('opens the Flow session with the message and ties it to the wamid once sent', async () => {
    const outbox = createOutboundMessageRepository(prisma);
    const { message } = await outbox.queue(
      { ...newMessage('k-2'), kind: 'flow' },
      {
        queue: 'outbox-test',
        session: {
          flowToken: `token-${randomUUID()}`,
          workspaceId,
          flowId,
          connectionId,
          testMode: false,
          state: {},
          expiresAt: new Date(Date.now() + 86_400_000),
          flowVersionId: null,
          recipientWaId: '16505551234',
          recipientUserId: null,
        },
      },
    );
    expect(await outbox.startAttempt(message.id)).toBe(true);
    await outbox.recordSent(message, 'wamid.K2');
    expect(await outbox.startAttempt(message.id)).toBe(false);
    const sent = await outbox.get(message.id);
    expect(sent).toMatchObject({ status: 'sent', wamid: 'wamid.K2', body: null, attempts: 1 });
    const session = await prisma.flowSession.findUnique({ where: { id: sent?.sessionId ?? '' } });
    expect(session).toMatchObject({ messageId: 'wamid.K2', recipientWaId: '16505551234' });
  });

  it('moves statuses only forward, keeping every reported time', async () => {
    const outbox = createOutboundMessageRepository(prisma);
    const { message } = await outbox.queue(newMessage('k-3'), { queue: 'outbox-test' });
    await outbox.recordSent(message, 'wamid.K3');
    const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
    expect(await outbox.applyStatus({ wamid: 'wamid.K3', status: 'read', at: at(3) })).toBe(true);
    expect(await outbox.applyStatus({ wamid: 'wamid.K3', status: 'delivered', at: at(2) })).toBe(
      true,
    );
    await outbox.applyStatus({
      wamid: 'wamid.K3',
      status: 'failed',
      at: at(4),
      error: { code: 131026, subcode: null, message: 'Message undeliverable' },
    });
    expect(await outbox.get(message.id)).toMatchObject({
      status: 'read',
      readAt: at(3),
      deliveredAt: at(2),
      errorCode: null,
    });
    expect(await outbox.applyStatus({ wamid: 'wamid.unknown', status: 'read', at: at(5) })).toBe(
      false,
    );
  });

  it("records Meta's error when a sent message fails", async () => {
    const outbox = createOutboundMessageRepository(prisma);
    const { message } = await outbox.queue(newMessage('k-4'), { queue: 'outbox-test' });
    await outbox.recordSent(message, 'wamid.K4');
    await outbox.applyStatus({
      wamid: 'wamid.K4',
      status: 'failed',
      at: new Date(),
      error: { code: 131026, subcode: null, message: 'Message undeliverable' },
    });
    expect(await outbox.get(message.id)).toMatchObject({
      status: 'failed',
      errorCode: 131026,
      errorMessage: 'Message undeliverable',
    });
  });

  it('links a Flow to a Meta Flow id per connection and finds versions by content hash', async () => {
    const publications = createPublicationRepository(prisma);
    const link = { workspaceId, flowId, connectionId, metaFlowName: null };
    await publications.link({ ...link, metaFlowId: '1111111111111111' });
    await publications.link({ ...link, metaFlowId: '2222222222222222' });
    expect(await publications.find(workspaceId, flowId, connectionId)).toMatchObject({
      metaFlowId: '2222222222222222',
      status: 'DRAFT',
    });
    expect(await publications.updateStatus('2222222222222222', 'PUBLISHED')).toBe(1);
    expect(await publications.listForFlow(workspaceId, flowId)).toHaveLength(1);
    await prisma.flowVersion.create({
      data: { flowId, number: 1, graph: {}, flowJson: {}, contentHash: 'sha256:a' },
    });
    expect(await publications.findVersionByHash(flowId, 'sha256:a')).toMatchObject({ number: 1 });
    expect(await publications.findVersionByHash(flowId, 'sha256:b')).toBeNull();
  });
});
