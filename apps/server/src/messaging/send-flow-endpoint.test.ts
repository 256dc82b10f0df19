import { randomBytes } from 'node:crypto';

import { createFlowRepository, createOutboundMessageRepository } from '@sanjay-flow/db';
import type { GraphDocument } from '@sanjay-flow/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createConnections } from '../connections/manage-connections';
import { importFlow } from '../flows/import-flow';
import { asJson } from '../flows/json';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { messagingRouter } from '../trpc/messaging-router';
import { createCallerFactory, router } from '../trpc/trpc';

const createCaller = createCallerFactory(router({ messaging: messagingRouter }));
const secrets = createSecretBox(randomBytes(32));
const OPENED_LOGIC = {
  nodes: [
    { id: 'opened', type: 'trigger.flow_opened' },
    { id: 'show', type: 'go_to_screen', screen: 'CONTACT_US', data: {} },
  ],
  edges: [{ from: 'opened', to: 'show' }],
  positions: {},
};

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(() => testDb.dispose());

/** Sends the contact-us Flow with INIT logic; `flow` replaces the Flow's top-level keys. */
async function flowActionOf(flowKeys: Record<string, unknown>, logic: unknown = OPENED_LOGIC) {
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  const flows = createFlowRepository(prisma);
  const connections = createConnections(prisma, secrets);
  const connection = await connections.create(workspaceId, {
    name: 'main',
    wabaId: '102290129340398',
    phoneNumberId: '106540352242922',
    appId: '1234567890123456',
    appSecret: 'app-secret',
    accessToken: 'EAAG-token',
    webhookVerifyToken: 'verify',
    graphApiUrl: 'http://127.0.0.1:9/v23.0',
  });
  const { id: flowId } = await importFlow(flows, workspaceId, {
    fileName: 'meta-tools_contact-us_v3.1.flow.json',
    text: readTestData('meta-tools_contact-us_v3.1.flow.json'),
  });
  const flow = await flows.get(workspaceId, flowId);
  const graph = flow?.graph as unknown as GraphDocument;
  const saved = await flows.saveGraph(workspaceId, flowId, {
    expectedRevision: flow?.revision ?? 0,
    graph: asJson({ ...graph, flow: { ...graph.flow, ...flowKeys }, logic }),
  });
  expect(saved.status).toBe('saved');
  const caller = createCaller({
    workspaceId,
    role: 'owner',
    flows,
    connections,
    db: testDb.db,
    log: createLogger('silent'),
  });
  await caller.messaging.linkMeta({ flowId, connectionId: connection.id, metaFlowId: '12345' });
  const sent = await caller.messaging.sendFlow({
    flowId,
    connectionId: connection.id,
    to: '16505551234',
    cta: 'Open',
    body: 'Hi',
  });
  const stored = await createOutboundMessageRepository(prisma).get(sent.messageId);
  const body = stored?.body as { interactive: { action: { parameters: { flow_action: string } } } };

  return body.interactive.action.parameters.flow_action;
}

describe('sending a Flow: data_exchange only for a Flow with an endpoint', () => {
  it('navigates when the Flow has INIT logic but declares no endpoint', async () => {
    expect(await flowActionOf({})).toBe('navigate');
  });

  it('asks the endpoint when the Flow declares one and its logic answers INIT', async () => {
    const endpoint = { data_api_version: '3.0', routing_model: { CONTACT_US: [] } };

    expect(await flowActionOf(endpoint)).toBe('data_exchange');
  });

  it('navigates when the trigger leads nowhere, even with an endpoint', async () => {
    const endpoint = { data_api_version: '3.0', routing_model: { CONTACT_US: [] } };
    const lone = { nodes: [OPENED_LOGIC.nodes[0]], edges: [], positions: {} };

    expect(await flowActionOf(endpoint, lone)).toBe('navigate');
  });
});
