import { randomBytes } from 'node:crypto';

import { createFlowRepository, createOutboundMessageRepository } from '@sanjay-flow/db';
import type { GraphDocument } from '@sanjay-flow/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { asJson } from '../flows/json';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { createTestConnection, importContactUs } from '../test-support/messaging';
import { testContext } from '../test-support/trpc';
import { messagingRouter } from '../trpc/messaging-router';
import { createCallerFactory, router } from '../trpc/trpc';

const createCaller = createCallerFactory(router({ messaging: messagingRouter }));
const secrets = createSecretBox(randomBytes(32));

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(() => testDb.dispose());

/** A data field the first screen declares, so that a send may fill it. */
const SOURCE_DATA = { source: { type: 'string', __example__: 'ads' } };

/** The contact-us Flow, optionally with logic that answers INIT with its first screen. */
async function linkedFlow(options: { answersInit: boolean }) {
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  const flows = createFlowRepository(prisma);
  const connectionId = await createTestConnection(prisma, secrets, workspaceId);
  const flowId = await importContactUs(prisma, workspaceId);
  if (options.answersInit) {
    const flow = await flows.get(workspaceId, flowId);
    const graph = flow?.graph as unknown as GraphDocument;
    const saved = await flows.saveGraph(workspaceId, flowId, {
      expectedRevision: flow?.revision ?? 0,
      graph: asJson({
        ...graph,
        nodes: graph.nodes.map((node) =>
          node.kind === 'screen'
            ? { ...node, screen: { ...node.screen, data: SOURCE_DATA } }
            : node,
        ),
        flow: { ...graph.flow, data_api_version: '3.0', routing_model: { CONTACT_US: [] } },
        logic: {
          nodes: [
            { id: 'opened', type: 'trigger.flow_opened' },
            { id: 'show', type: 'go_to_screen', screen: 'CONTACT_US', data: {} },
          ],
          edges: [{ from: 'opened', to: 'show' }],
          positions: {},
        },
      }),
    });
    expect(saved.status).toBe('saved');
  }
  const caller = createCaller(testContext(testDb, workspaceId, { secrets }));
  await caller.messaging.linkMeta({
    flowId,
    connectionId,
    metaFlowId: '1234567890123456',
  });
  const send = async (extra: { screen?: string; data?: Record<string, string> } = {}) => {
    const sent = await caller.messaging.sendFlow({
      flowId,
      connectionId,
      to: '16505551234',
      cta: 'Open',
      body: 'Hi',
      ...extra,
    });
    const stored = await createOutboundMessageRepository(prisma).get(sent.messageId);

    return (stored?.body as { interactive: { action: { parameters: Record<string, unknown> } } })
      .interactive.action.parameters;
  };

  return { send };
}

describe('sending a Flow: how the phone opens it', () => {
  it('asks the endpoint for the first screen when the Flow logic answers INIT', async () => {
    const { send } = await linkedFlow({ answersInit: true });
    const parameters = await send();

    expect(parameters.flow_action).toBe('data_exchange');
    expect(parameters).not.toHaveProperty('flow_action_payload');
  });

  it('navigates when a screen or data is given, even with INIT logic', async () => {
    const { send } = await linkedFlow({ answersInit: true });

    expect(await send({ screen: 'CONTACT_US', data: { source: 'web' } })).toMatchObject({
      flow_action: 'navigate',
      flow_action_payload: { screen: 'CONTACT_US', data: { source: 'web' } },
    });
    expect(await send({ data: { source: 'ads' } })).toMatchObject({
      flow_action: 'navigate',
      flow_action_payload: { screen: 'CONTACT_US', data: { source: 'ads' } },
    });
  });

  it('navigates to the Flow as written when nothing answers INIT', async () => {
    const { send } = await linkedFlow({ answersInit: false });

    expect((await send()).flow_action).toBe('navigate');
  });
});
