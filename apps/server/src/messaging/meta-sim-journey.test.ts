import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createOutboundMessageRepository } from '@sanjay-flow/db';
import { createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createConnections } from '../connections/manage-connections';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { CONTACT_US_FILE, importContactUs } from '../test-support/messaging';
import { eventually } from '../workers/eventually.test-helper';
import { createWorkerRegistry, type WorkerRegistry } from '../workers/registry';
import { linkMetaFlow } from './link-meta';

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
const CUSTOMER = { waId: '15551234567', name: 'Ana' };

describe('a customer writes "book" and receives the Flow (through the Meta stand-in)', () => {
  let testDb: TestDatabase;
  let sim: MetaSim;
  let workers: WorkerRegistry;
  let server: Server;
  let phoneNumberId: string;
  let metaFlowId: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    sim = await createMetaSim({ log });
    const { prisma } = testDb.db;
    const workspaceId = await testDb.createWorkspace();
    workers = createWorkerRegistry();
    const app = createApp({ db: testDb.db, workspaceId, logger: log, secrets, workers });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const business = await sim.control.registerBusiness();
    phoneNumberId = business.phoneNumberId;
    const accessToken = business.accessTokens[0] ?? '';
    const connection = await createConnections(prisma, secrets).create(workspaceId, {
      name: 'stand-in',
      wabaId: business.wabaId,
      phoneNumberId,
      appId: business.appId,
      appSecret: business.appSecret,
      accessToken,
      webhookVerifyToken: 'journey-verify-token',
      graphApiUrl: `${sim.url}/v23.0`,
    });
    const port = (server.address() as AddressInfo).port;
    await sim.control.subscribeWebhook(business.wabaId, {
      url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
      verifyToken: 'journey-verify-token',
    });
    metaFlowId = await createAtMeta(sim.url, accessToken, business.wabaId);
    const flowId = await importContactUs(prisma, workspaceId);
    await addBookingTrigger(testDb, flowId);
    const linking = { prisma, connections: createConnections(prisma, secrets) };
    await linkMetaFlow(linking, workspaceId, { flowId, connectionId: connection.id, metaFlowId });
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await workers.stop();
    await sim.close();
    await testDb.dispose();
  });

  it('the Flow message reaches the customer, and its statuses come back as read', async () => {
    await sim.control.customerSendsText({ phoneNumberId, customer: CUSTOMER, text: 'Can I book?' });
    const received = await eventually(() =>
      Promise.resolve(
        sim.control.inbox(CUSTOMER).find((message) => message.type === 'interactive'),
      ),
    );

    expect(received.content).toMatchObject({
      interactive: {
        type: 'flow',
        body: { text: 'Hello Ana, what can we do for you?' },
        action: { parameters: { flow_id: metaFlowId, flow_cta: 'Contact us', mode: 'draft' } },
      },
    });
    const messages = createOutboundMessageRepository(testDb.db.prisma);
    const sent = await eventually(async () => {
      const row = await messages.findByWamid(received.id);

      return row?.status === 'read' && row;
    });
    expect(sent).toMatchObject({ kind: 'flow', recipientWaId: CUSTOMER.waId, attempts: 1 });
    expect(
      sim.control.inbox(CUSTOMER).filter((message) => message.type === 'interactive'),
    ).toHaveLength(1);
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

async function addBookingTrigger(testDb: TestDatabase, flowId: string): Promise<void> {
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
          // Flow JSON 3.1 can no longer be published at Meta: the draft is sent, as in testing.
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
