import { randomBytes } from 'node:crypto';

import {
  createJobRepository,
  createOutboundMessageRepository,
  type JobRepository,
  type OutboundMessageRepository,
} from '@sanjay-flow/db';
import { buildTextMessage, createGraphApiClient } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createConnections } from '../connections/manage-connections';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import type { JobWorker } from '../workers/job-worker';
import { type FakeGraphApi, graphError, startFakeGraphApi } from './fake-graph-api.test-helper';
import { createOutbox, OUTBOX_QUEUE, type Outbox } from './queue-message';
import { createSendHandler } from './send-outbound';
import { startOutboxWorker } from './start-outbox-worker';
import { createStatusHandler } from './statuses';
import { createSendRateLimiter } from './rate-limiter';

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
const PHONE_NUMBER_ID = '106540352242922';
const ACCESS_TOKEN = 'EAAG-test-access-token-0123456789';

describe('the outbox', () => {
  let testDb: TestDatabase;
  let graph: FakeGraphApi;
  let jobs: JobRepository;
  let messages: OutboundMessageRepository;
  let outbox: Outbox;
  let worker: JobWorker | undefined;
  let workspaceId: string;
  let connectionId: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    graph = await startFakeGraphApi();
    jobs = createJobRepository(testDb.db.prisma);
    messages = createOutboundMessageRepository(testDb.db.prisma);
    workspaceId = await testDb.createWorkspace();
    const connection = await createConnections(testDb.db.prisma, secrets).create(workspaceId, {
      name: 'main',
      wabaId: '102290129340398',
      phoneNumberId: PHONE_NUMBER_ID,
      appId: '1234567890123456',
      appSecret: 'app-secret',
      accessToken: ACCESS_TOKEN,
      webhookVerifyToken: 'verify',
      graphApiUrl: graph.baseUrl,
    });
    connectionId = connection.id;
  });

  afterAll(async () => {
    await worker?.stop();
    await graph.close();
    await testDb.dispose();
  });

  beforeEach(async () => {
    await worker?.stop();
    worker = undefined;
    graph.sends.length = 0;
    graph.script();
  });

  const start = (overrides: { maxAttempts?: number; leaseMs?: number } = {}) => {
    worker = startOutboxWorker({
      prisma: testDb.db.prisma,
      jobs,
      messages,
      secrets,
      log,
      pollMs: 20,
      backoff: () => 10,
      ...overrides,
    });
    outbox = createOutbox(messages, () => worker?.wake());

    return worker;
  };

  const queueText = (text: string, key?: string) =>
    (outbox ?? createOutbox(messages)).queueMessage({
      workspaceId,
      connectionId,
      to: { waId: '16505551234' },
      body: buildTextMessage({ to: '16505551234', body: text }),
      ...(key === undefined ? {} : { idempotencyKey: key }),
    });

  const settled = (id: string) =>
    eventually(async () => {
      const message = await messages.get(id);

      return message !== null && ['sent', 'failed'].includes(message.status) && message;
    });

  it('sends a queued message with the connection token and records its wamid', async () => {
    start();
    const { message } = await queueText('Hello');
    const sent = await settled(message.id);

    expect(sent).toMatchObject({ status: 'sent', attempts: 1, body: null });
    expect(graph.sends).toHaveLength(1);
    expect(graph.sends[0]).toMatchObject({
      phoneNumberId: PHONE_NUMBER_ID,
      authorization: `Bearer ${ACCESS_TOKEN}`,
      body: { type: 'text', text: { body: 'Hello' } },
    });
    expect(sent.wamid).toBe(graph.sends[0]?.wamid);
  });

  it('queues one message per idempotency key', async () => {
    start();
    const first = await queueText('Once', 'order-42-confirmation');
    const second = await queueText('Once', 'order-42-confirmation');
    await settled(first.message.id);

    expect(second).toMatchObject({ created: false, message: { id: first.message.id } });
    expect(graph.sends).toHaveLength(1);
  });

  it('retries a 429 and sends once, pausing the number', async () => {
    start();
    graph.script(graphError(429, 130429, '(#130429) Rate limit hit'));
    const { message } = await queueText('After a throttle');
    const sent = await settled(message.id);

    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(graph.sends.map((send) => send.wamid === null)).toEqual([true, false]);
  });

  it('retries server errors', async () => {
    start();
    graph.script(graphError(500, 1, 'An unknown error occurred'), graphError(503, 131016, 'down'));
    const { message } = await queueText('After an outage');

    expect(await settled(message.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(graph.accepted()).toHaveLength(1);
  });

  it("marks a 4xx failed without retrying, with Meta's code and message", async () => {
    start();
    graph.script(graphError(400, 132068, '(#132068) Flow is blocked'));
    const { message } = await queueText('Blocked');
    const failed = await settled(message.id);

    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      errorCode: 132068,
      errorMessage: '(#132068) Flow is blocked',
    });
    expect(graph.sends).toHaveLength(1);
    expect(await jobs.countByStatus(OUTBOX_QUEUE)).toMatchObject({ pending: 0, running: 0 });
  });

  it('marks a message failed once its attempts run out', async () => {
    start({ maxAttempts: 2 });
    graph.script(graphError(503, 2, 'down'), graphError(503, 2, 'still down'));
    const { message } = await queueText('Never');

    expect(await settled(message.id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(graph.sends).toHaveLength(2);
  });

  it('sends once when the process died after the send, before completing the job', async () => {
    const { message } = await queueText('Crash after send');
    const [claimed] = await jobs.claim(OUTBOX_QUEUE, { workerId: 'dead', limit: 1, leaseMs: 200 });
    if (claimed === undefined) {
      throw new Error('no job to claim');
    }
    // The dead process ran the handler to its end (Meta accepted, the wamid was recorded)
    // and died before it could complete the job.
    await createSendHandler({
      messages,
      connection: (workspace, id) =>
        testDb.db.prisma.connection.findFirst({ where: { id, workspaceId: workspace } }),
      accessToken: () => ACCESS_TOKEN,
      graphApi: createGraphApiClient,
      limiter: createSendRateLimiter(),
      maxAttempts: 8,
      log,
    })(claimed);
    start();
    const job = await eventually(async () => {
      const current = await jobs.get(claimed.id);

      return current?.status === 'done' && current;
    });

    expect(job.attempts).toBe(2);
    expect(graph.accepted()).toHaveLength(1);
    expect(await messages.get(message.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends once when the process died after claiming, before sending', async () => {
    const { message } = await queueText('Crash before send');
    await jobs.claim(OUTBOX_QUEUE, { workerId: 'dead', limit: 1, leaseMs: 200 });
    start();

    expect(await settled(message.id)).toMatchObject({ status: 'sent' });
    expect(graph.accepted()).toHaveLength(1);
  });

  it('applies delivery statuses by wamid, never moving read back to delivered', async () => {
    start();
    const { message } = await queueText('Status me');
    const { wamid } = await settled(message.id);
    const handle = createStatusHandler(messages);
    const context = { workspaceId, connectionId, phoneNumberId: PHONE_NUMBER_ID, log };
    const status = (value: string, timestamp: string) => ({
      id: wamid ?? '',
      status: value,
      timestamp,
      recipient_id: '16505551234',
    });
    await handle(status('read', '1767225603'), context);
    await handle(status('delivered', '1767225602'), context);
    await handle(status('delivered', '1767225602'), context);

    expect(await messages.get(message.id)).toMatchObject({
      status: 'read',
      deliveredAt: new Date(1767225602000),
      readAt: new Date(1767225603000),
    });
  });

  it("records Meta's error from a failed status", async () => {
    start();
    const { message } = await queueText('Undeliverable');
    const { wamid } = await settled(message.id);
    await createStatusHandler(messages)(
      {
        id: wamid ?? '',
        status: 'failed',
        timestamp: '1767225605',
        errors: [
          {
            code: 131026,
            title: 'Message undeliverable',
            error_data: { details: 'The recipient runs a WhatsApp version without Flows' },
          },
        ],
      },
      { workspaceId, connectionId, phoneNumberId: PHONE_NUMBER_ID, log },
    );

    expect(await messages.get(message.id)).toMatchObject({
      status: 'failed',
      errorCode: 131026,
      errorMessage: 'The recipient runs a WhatsApp version without Flows',
    });
  });
});
