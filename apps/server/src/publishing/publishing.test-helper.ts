import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createFlowRepository } from '@sanjay-flow/db';
import { createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';

import { createApp } from '../app';
import { createConnections } from '../connections/manage-connections';
import { importFlow } from '../flows/import-flow';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { createWorkerRegistry, type WorkerRegistry } from '../workers/registry';
import type { PublishingDependencies } from './dependencies';

const log = pino({ level: 'silent' });

/** A two-screen Flow in a Flow JSON version Meta publishes (6.1), no endpoint. */
export function twoScreenFlowJson(heading = 'Tell us about you'): string {
  return JSON.stringify({
    version: '6.1',
    screens: [
      {
        id: 'ASK',
        title: 'About you',
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextHeading', text: heading },
            { type: 'TextInput', name: 'name', label: 'Name', required: true },
            {
              type: 'Footer',
              label: 'Next',
              'on-click-action': {
                name: 'navigate',
                next: { type: 'screen', name: 'THANKS' },
                payload: { name: '${form.name}' },
              },
            },
          ],
        },
      },
      {
        id: 'THANKS',
        title: 'Thanks',
        terminal: true,
        data: { name: { type: 'string', __example__: 'Ana' } },
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextBody', text: '${data.name}' },
            {
              type: 'Footer',
              label: 'Send',
              'on-click-action': { name: 'complete', payload: { name: '${data.name}' } },
            },
          ],
        },
      },
    ],
  });
}

export interface TestConnection {
  connectionId: string;
  wabaId: string;
  token: string;
}

export interface PublishingWorld {
  testDb: TestDatabase;
  /** The product's HTTP address (data endpoint, webhooks). */
  url: string;
  secrets: SecretBox;
  sim: MetaSim;
  workspaceId: string;
  deps: PublishingDependencies;
  /** Registers businesses at the stand-in (webhooks to the product) and their connections. */
  addConnections(names: string[]): Promise<TestConnection[]>;
  importFlow(name: string, text?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The product's database and HTTP app (for Meta's webhooks) beside a fresh stand-in; Graph
 * calls time out after 500 ms and retries wait 10 ms, so that faults play out quickly.
 */
export async function startPublishingWorld(): Promise<PublishingWorld> {
  const testDb = await openTestDatabase();
  // Patient webhook retries: on a busy machine the product may answer a webhook late.
  const sim = await createMetaSim({ log, webhookRetry: { attempts: 8, baseDelayMs: 250 } });
  const secrets = createSecretBox(randomBytes(32));
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  const workers: WorkerRegistry = createWorkerRegistry();
  const app = createApp({ db: testDb.db, workspaceId, logger: log, secrets, workers });
  const server = await new Promise<Server>((resolve) => {
    const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const port = (server.address() as AddressInfo).port;
  const connections = createConnections(prisma, secrets);
  const deps: PublishingDependencies = {
    prisma,
    connections,
    log,
    graphTimeoutMs: 500,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  };

  return {
    testDb,
    url: `http://127.0.0.1:${port}`,
    secrets,
    sim,
    workspaceId,
    deps,
    addConnections: async (names) => {
      const added = [];
      for (const name of names) {
        const business = await sim.control.registerBusiness();
        const token = business.accessTokens[0] ?? '';
        const connection = await connections.create(workspaceId, {
          name,
          wabaId: business.wabaId,
          phoneNumberId: business.phoneNumberId,
          appId: business.appId,
          appSecret: business.appSecret,
          accessToken: token,
          webhookVerifyToken: `verify-${name}`,
          graphApiUrl: `${sim.url}/v23.0`,
        });
        added.push({ connectionId: connection.id, wabaId: business.wabaId, token });
      }
      // The webhook route remembers the connections it has seen for a while: every handshake
      // comes after every connection exists.
      for (const [index, name] of names.entries()) {
        await sim.control.subscribeWebhook(added[index]?.wabaId ?? '', {
          url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
          verifyToken: `verify-${name}`,
        });
      }

      return added;
    },
    importFlow: async (name, text = twoScreenFlowJson()) =>
      (
        await importFlow(createFlowRepository(prisma), workspaceId, {
          fileName: `${name}.json`,
          text,
          name,
        })
      ).id,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await workers.stop();
      await sim.close();
      await testDb.dispose();
    },
  };
}

/** The stand-in's Flows of a WABA, as the Graph API lists them. */
export async function metaFlowsOf(
  sim: MetaSim,
  wabaId: string,
  token: string,
): Promise<{ id: string; name: string; status: string }[]> {
  const response = await fetch(`${sim.url}/v23.0/${wabaId}/flows?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });

  return ((await response.json()) as { data: { id: string; name: string; status: string }[] }).data;
}

/** A Flow that calls its data endpoint: two screens joined by `data_exchange` (6.1, Data API 3.0). */
export function endpointFlowJson(): string {
  const footer = (label: string, payload: Record<string, string>) => ({
    type: 'Footer',
    label,
    'on-click-action': { name: 'data_exchange', payload },
  });

  return JSON.stringify({
    version: '6.1',
    data_api_version: '3.0',
    routing_model: { START: ['CONFIRM'], CONFIRM: [] },
    screens: [
      {
        id: 'START',
        title: 'Book',
        data: { greeting: { type: 'string', __example__: 'Hello' } },
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextHeading', text: '${data.greeting}' },
            { type: 'TextInput', name: 'name', label: 'Name', required: true },
            footer('Next', { name: '${form.name}' }),
          ],
        },
      },
      {
        id: 'CONFIRM',
        title: 'Confirm',
        terminal: true,
        data: { summary: { type: 'string', __example__: 'A table' } },
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextBody', text: '${data.summary}' },
            footer('Book', { confirmed: 'yes' }),
          ],
        },
      },
    ],
  });
}
