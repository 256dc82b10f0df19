import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';

import {
  createConnectionRepository,
  createJobRepository,
  createOutboundMessageRepository,
  type JobRecord,
} from '@sanjay-flow/db';
import { buildTextMessage, createGraphApiClient } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createConnections } from '../connections/manage-connections';
import { connectionSecretPurpose } from '../connections/connection-input';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { type FakeGraphApi, startFakeGraphApi } from './fake-graph-api.test-helper';
import { createOutbox, OUTBOX_QUEUE } from './queue-message';
import { createSendRateLimiter } from './rate-limiter';
import { createSendHandler } from './send-outbound';

const secrets = createSecretBox(randomBytes(32));
const ACCESS_TOKEN = 'EAAG-test-access-token-0123456789';
const RECIPIENT = '16505551234';

/** Meta's answer when a Flow message opens with data_exchange but the Flow has no endpoint. */
const REFUSAL = {
  status: 400,
  body: {
    error: {
      message: '(#131009) Parameter value is not valid',
      type: 'OAuthException',
      code: 131009,
      error_data: {
        messaging_product: 'whatsapp',
        details: 'flow_action data_exchange is not supported for a Flow without an endpoint',
      },
      fbtrace_id: 'AbC123',
    },
  },
};

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

let testDb: TestDatabase;
let graph: FakeGraphApi;
let connectionId: string;
let workspaceId: string;
let lines: LogLine[] = [];

const log = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
      done();
    },
  }),
);

beforeAll(async () => {
  testDb = await openTestDatabase();
  graph = await startFakeGraphApi();
  workspaceId = await testDb.createWorkspace();
  const connection = await createConnections(testDb.db.prisma, secrets).create(workspaceId, {
    name: 'main',
    wabaId: '102290129340398',
    phoneNumberId: '106540352242922',
    appId: '1234567890123456',
    appSecret: 'app-secret',
    accessToken: ACCESS_TOKEN,
    webhookVerifyToken: 'verify',
    graphApiUrl: graph.baseUrl,
  });
  connectionId = connection.id;
});

afterAll(async () => {
  await graph.close();
  await testDb.dispose();
});

beforeEach(() => {
  lines = [];
  graph.sends.length = 0;
  graph.script();
});

function handler() {
  const connections = createConnectionRepository(testDb.db.prisma);

  return createSendHandler({
    messages: createOutboundMessageRepository(testDb.db.prisma),
    connection: (workspace, id) => connections.get(workspace, id),
    accessToken: (connection) =>
      secrets.open(connection.accessToken, connectionSecretPurpose(connection.id, 'accessToken')),
    graphApi: createGraphApiClient,
    limiter: createSendRateLimiter(),
    maxAttempts: 3,
    log,
  });
}

/** Queues a text message and claims its send job, as the outbox worker would. */
async function queuedJob(text: string): Promise<{ messageId: string; job: JobRecord }> {
  const messages = createOutboundMessageRepository(testDb.db.prisma);
  const { message } = await createOutbox(messages).queueMessage({
    workspaceId,
    connectionId,
    to: { waId: RECIPIENT },
    body: buildTextMessage({ to: RECIPIENT, body: text }),
  });
  const [job] = await createJobRepository(testDb.db.prisma).claim(OUTBOX_QUEUE, {
    workerId: 'test-worker',
    limit: 1,
    leaseMs: 60_000,
  });
  if (job === undefined) {
    throw new Error('the message has no send job');
  }

  return { messageId: message.id, job };
}

describe('the send job', () => {
  it("keeps Meta's error_data.details of a refusal on the message and in the log", async () => {
    graph.script(REFUSAL);
    const { messageId, job } = await queuedJob('Refused');
    await handler()(job);
    const stored = await createOutboundMessageRepository(testDb.db.prisma).get(messageId);

    expect(stored).toMatchObject({
      status: 'failed',
      errorCode: 131009,
      errorDetails: REFUSAL.body.error.error_data.details,
    });
    const failed = lines.find((line) => line.msg === 'message failed');
    expect(failed).toMatchObject({ details: REFUSAL.body.error.error_data.details });
    expect(JSON.stringify(lines)).not.toContain(RECIPIENT);
    expect(JSON.stringify(lines)).not.toContain(ACCESS_TOKEN);
  });

  it('completes quietly when it runs again for a message that already failed', async () => {
    graph.script(REFUSAL);
    const { messageId, job } = await queuedJob('Refused once');
    const send = handler();
    await send(job);
    lines = [];
    // The process died before the job was completed: the job is claimed and run again.
    await send({ ...job, attempts: job.attempts + 1 });
    const stored = await createOutboundMessageRepository(testDb.db.prisma).get(messageId);

    expect(stored).toMatchObject({ status: 'failed', errorCode: 131009 });
    expect(graph.sends).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 20, outboundMessageId: messageId, status: 'failed' }),
    );
  });

  it('completes quietly when it runs again for a message already sent', async () => {
    const { messageId, job } = await queuedJob('Sent once');
    const send = handler();
    await send(job);
    lines = [];
    await send({ ...job, attempts: job.attempts + 1 });

    expect(graph.accepted()).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 20, outboundMessageId: messageId, status: 'sent' }),
    );
  });
});
