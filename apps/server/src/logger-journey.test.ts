import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import { createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from './app';
import { createKeyPairs } from './connections/key-pairs';
import { createConnections } from './connections/manage-connections';
import { createLogger } from './logger';
import { linkMetaFlow } from './messaging/link-meta';
import { createSecretBox } from './secrets/secret-box';
import { openTestDatabase, type TestDatabase } from './test-support/database';
import { readTestData } from './test-support/fixtures';
import { CONTACT_US_FILE, importContactUs } from './test-support/messaging';
import { eventually } from './workers/eventually.test-helper';
import { createWorkerRegistry, type WorkerRegistry } from './workers/registry';

const secrets = createSecretBox(randomBytes(32));
const CUSTOMER = { waId: '15559876543', name: 'Beatriz Quaresma' };
const ANSWERS = { first_name: 'Beatriz', second_name: 'Quaresma', info: 'Allergic to penicillin' };
const VERIFY_TOKEN = 'journey-verify-token-7f3a9c';

/**
 * A customer's whole journey through the product, logged at debug level: a text comes in by
 * webhook, a trigger sends the Flow through the outbox, the customer completes it, the answers
 * are stored, statuses come back. Then every log line is scanned for what must never be there.
 */
describe('the log of a whole customer journey', () => {
  const lines: string[] = [];
  let testDb: TestDatabase;
  let sim: MetaSim;
  let workers: WorkerRegistry;
  let server: Server;
  let secretsInUse: string[];

  beforeAll(async () => {
    testDb = await openTestDatabase();
    sim = await createMetaSim({ log: pino({ level: 'silent' }) });
    const { prisma } = testDb.db;
    const workspaceId = await testDb.createWorkspace();
    workers = createWorkerRegistry();
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const app = createApp({ db: testDb.db, workspaceId, logger, secrets, workers });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const business = await sim.control.registerBusiness();
    const accessToken = business.accessTokens[0] ?? '';
    const connections = createConnections(prisma, secrets);
    const connection = await connections.create(workspaceId, {
      name: 'stand-in',
      wabaId: business.wabaId,
      phoneNumberId: business.phoneNumberId,
      appId: business.appId,
      appSecret: business.appSecret,
      accessToken,
      webhookVerifyToken: VERIFY_TOKEN,
      graphApiUrl: `${sim.url}/v23.0`,
    });
    const keyPair = await createKeyPairs({ prisma, secrets, graceHours: 1 }).generate(
      await connections.record(workspaceId, connection.id),
    );
    const privateKey = await prisma.keyPair.findUniqueOrThrow({ where: { id: keyPair.id } });
    secretsInUse = [accessToken, business.appSecret, VERIFY_TOKEN, privateKey.privateKey];
    await sim.control.subscribeWebhook(business.wabaId, {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`,
      verifyToken: VERIFY_TOKEN,
    });
    const metaFlowId = await createAtMeta(sim.url, accessToken, business.wabaId);
    const flowId = await importContactUs(prisma, workspaceId);
    await addKeywordTrigger(testDb, flowId);
    await linkMetaFlow({ prisma, connections }, workspaceId, {
      flowId,
      connectionId: connection.id,
      metaFlowId,
    });
    await sim.control.customerSendsText({
      phoneNumberId: business.phoneNumberId,
      customer: CUSTOMER,
      text: 'book please',
    });
    const flowMessage = await eventually(() =>
      Promise.resolve(
        sim.control.inbox(CUSTOMER).find((message) => message.type === 'interactive'),
      ),
    );
    await sim.control.completeFlow({
      customer: CUSTOMER,
      messageId: flowMessage.id,
      answers: { CONTACT_US: ANSWERS },
    });
    await eventually(async () => (await prisma.submission.count({ where: { workspaceId } })) === 1);
    await sim.control.webhooksIdle();
  }, 90_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await workers.stop();
    await sim.close();
    await testDb.dispose();
  });

  it('went through every step, and its log has no secret, phone number, name or answer', async () => {
    const submission = await testDb.db.prisma.submission.findFirstOrThrow({});
    const output = lines.join('');
    const flowTokens = (await testDb.db.prisma.flowSession.findMany({})).map(
      (session) => session.flowToken,
    );

    expect(JSON.stringify(submission.answers)).toContain('Allergic to penicillin');
    expect(lines.length).toBeGreaterThan(10);
    expect(flowTokens.length).toBeGreaterThan(0);
    for (const forbidden of [
      ...secretsInUse,
      ...flowTokens,
      CUSTOMER.waId,
      CUSTOMER.name,
      ...Object.values(ANSWERS),
      'book please',
    ]) {
      expect(output, `the log shows ${forbidden.slice(0, 12)}…`).not.toContain(forbidden);
    }
    expect(output).not.toMatch(/sha256=[0-9a-f]{64}/);
    expect(output).not.toContain('BEGIN PRIVATE KEY');
  });
});

async function createAtMeta(simUrl: string, token: string, wabaId: string): Promise<string> {
  const response = await fetch(`${simUrl}/v23.0/${wabaId}/flows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'contact_us',
      categories: ['CONTACT_US'],
      flow_json: readTestData(CONTACT_US_FILE),
      publish: false,
    }),
  });
  const body = (await response.json()) as { id?: string };
  if (!response.ok || body.id === undefined) {
    throw new Error(`the stand-in refused the Flow: ${JSON.stringify(body)}`);
  }

  return body.id;
}

/** "book" sends the contact-us Flow (as a draft: 3.1 can no longer be published at Meta). */
async function addKeywordTrigger(testDb: TestDatabase, flowId: string): Promise<void> {
  const flow = await testDb.db.prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
  const logic = {
    nodes: [
      {
        id: 'book',
        type: 'trigger.message_received',
        match: { kind: 'keyword', keywords: ['book'] },
      },
      {
        id: 'send',
        type: 'send_message',
        message: {
          kind: 'flow',
          flowId,
          cta: 'Contact us',
          body: 'Hello {{ payload.name }}, what can we do for you?',
          mode: 'draft',
        },
      },
    ],
    edges: [{ from: 'book', to: 'send' }],
    positions: {},
  };
  await testDb.db.prisma.flow.update({
    where: { id: flowId },
    data: { graph: { ...(flow.graph as Record<string, never>), logic } },
  });
}
