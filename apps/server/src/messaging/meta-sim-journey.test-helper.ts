import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { PrismaClient } from '@sanjay-flow/db';
import { type BusinessView, createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';

import { createApp } from '../app';
import { type Connections, createConnections } from '../connections/manage-connections';
import type { Logger } from '../logger';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { CONTACT_US_FILE, importContactUs } from '../test-support/messaging';
import { createWorkerRegistry } from '../workers/registry';
import { linkMetaFlow } from './link-meta';

/** The product listening on loopback, wired to the Meta stand-in, with one linked Flow. */
export interface MetaSimJourney {
  testDb: TestDatabase;
  sim: MetaSim;
  secrets: SecretBox;
  connections: Connections;
  workspaceId: string;
  business: BusinessView;
  accessToken: string;
  connectionId: string;
  /** The contact-us Flow, sent in reply to a text with "book". */
  flowId: string;
  metaFlowId: string;
  close(): Promise<void>;
}

/**
 * Starts the stand-in and the product, connects them both ways (Graph API and webhooks) and
 * links the contact-us Flow, created at the stand-in, to a keyword trigger.
 */
export async function startMetaSimJourney(
  logger: Logger,
  webhookVerifyToken: string,
): Promise<MetaSimJourney> {
  const testDb = await openTestDatabase();
  const sim = await createMetaSim({ log: pino({ level: 'silent' }) });
  const { prisma } = testDb.db;
  const secrets = createSecretBox(randomBytes(32));
  const workspaceId = await testDb.createWorkspace();
  const workers = createWorkerRegistry();
  const server = await listen(createApp({ db: testDb.db, workspaceId, logger, secrets, workers }));
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
    webhookVerifyToken,
    graphApiUrl: `${sim.url}/v23.0`,
  });
  await sim.control.subscribeWebhook(business.wabaId, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`,
    verifyToken: webhookVerifyToken,
  });
  const metaFlowId = await createAtMeta(sim.url, accessToken, business.wabaId);
  const flowId = await importContactUs(prisma, workspaceId);
  await addBookingTrigger(prisma, flowId);
  const connectionId = connection.id;
  await linkMetaFlow({ prisma, connections }, workspaceId, { flowId, connectionId, metaFlowId });
  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await workers.stop();
    await sim.close();
    await testDb.dispose();
  };

  return {
    testDb,
    sim,
    secrets,
    connections,
    workspaceId,
    business,
    accessToken,
    connectionId,
    flowId,
    metaFlowId,
    close,
  };
}

function listen(app: ReturnType<typeof createApp>): Promise<Server> {
  return new Promise<Server>((resolve) => {
    const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
  });
}

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

/** A text with "book" sends the contact-us Flow. */
async function addBookingTrigger(prisma: PrismaClient, flowId: string): Promise<void> {
  const flow = await prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
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
  await prisma.flow.update({
    where: { id: flowId },
    data: { graph: { ...(flow.graph as Record<string, never>), logic } },
  });
}
