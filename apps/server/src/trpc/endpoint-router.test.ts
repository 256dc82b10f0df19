import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';

import {
  addLogicNode,
  connectLogicNodes,
  updateLogicNode,
  type GraphDocument,
  type LogicConnection,
  type PaletteNodeType,
} from '@sanjay-flow/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  close,
  graphOf,
  listen,
  seedWorkspace,
  startProduct,
} from '../endpoint/endpoint.test-helper';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const createCaller = createCallerFactory(appRouter);
const secrets = createSecretBox(randomBytes(32));

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

async function workspaceWithFlow() {
  const workspaceId = await testDb.createWorkspace();
  const caller = createCaller(testContext(testDb, workspaceId));
  const { id: flowId } = await caller.flows.create({ name: 'Orders' });

  return { caller, workspaceId, flowId };
}

/** Logs `count` calls one second apart, the newest last, except S4 which shares S3's instant. */
async function logCalls(workspaceId: string, flowId: string, count: number): Promise<void> {
  const start = Date.UTC(2026, 5, 1, 12, 0, 0);
  const rows = Array.from({ length: count }, (_, index) => ({
    workspaceId,
    flowId,
    action: index % 2 === 0 ? 'data_exchange' : 'INIT',
    screen: `S${index}`,
    httpStatus: index === 3 ? 500 : 200,
    latencyMs: 10 + index,
    errorCode: index === 3 ? 'HTTP_FAILED' : null,
    errorMessage: index === 3 ? 'The business API answered 503' : null,
    createdAt: new Date(start + (index === 4 ? 3 : index) * 1_000),
  }));
  await testDb.db.prisma.endpointCall.createMany({ data: rows });
}

describe('endpoint.calls.page', () => {
  it('pages the call log newest first without repeating or skipping a call', async () => {
    const { caller, workspaceId, flowId } = await workspaceWithFlow();
    await logCalls(workspaceId, flowId, 7);

    const screens: string[] = [];
    let cursor: { at: string; id: string } | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof caller.endpoint.calls.page>> =
        await caller.endpoint.calls.page({ flowId, limit: 3, cursor });
      screens.push(...page.calls.map((call) => call.screen ?? ''));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);

    // S3 and S4 share an instant and straddle the first page boundary.
    expect(pages).toBe(3);
    expect(screens.slice(0, 2)).toEqual(['S6', 'S5']);
    expect(screens.slice(2, 4).sort()).toEqual(['S3', 'S4']);
    expect(screens.slice(4)).toEqual(['S2', 'S1', 'S0']);
  });

  it('gives time, action, screen, status, latency and error of each call', async () => {
    const { caller, workspaceId, flowId } = await workspaceWithFlow();
    await logCalls(workspaceId, flowId, 5);

    const { calls } = await caller.endpoint.calls.page({ flowId, limit: 25 });
    const failedCall = calls.find((call) => call.httpStatus === 500);

    expect(calls).toHaveLength(5);
    expect(failedCall).toMatchObject({
      at: '2026-06-01T12:00:03.000Z',
      action: 'INIT',
      screen: 'S3',
      latencyMs: 13,
      errorCode: 'HTTP_FAILED',
      errorMessage: 'The business API answered 503',
    });
  });

  it('shows no call of another workspace and refuses a Flow it does not own', async () => {
    const mine = await workspaceWithFlow();
    const theirs = await workspaceWithFlow();
    await logCalls(theirs.workspaceId, theirs.flowId, 2);

    expect((await mine.caller.endpoint.calls.page({ flowId: mine.flowId })).calls).toEqual([]);
    const refused = await trpcErrorOf(mine.caller.endpoint.calls.page({ flowId: theirs.flowId }));
    expect(refused.code).toBe('NOT_FOUND');
  });

  it('refuses a malformed cursor and says which part is wrong', async () => {
    const { caller, flowId } = await workspaceWithFlow();

    const refused = await trpcErrorOf(
      caller.endpoint.calls.page({ flowId, cursor: { at: 'yesterday', id: randomUUID() } }),
    );

    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('not an ISO date-time');
  });
});

describe('endpoint.settings', () => {
  it('switches test mode and debug on and off for the Flow', async () => {
    const { caller, flowId } = await workspaceWithFlow();

    await caller.endpoint.settings.update({ flowId, endpointTestMode: true });
    expect(await caller.endpoint.settings.get({ flowId })).toEqual({
      endpointTestMode: true,
      endpointDebug: false,
    });
    await caller.endpoint.settings.update({ flowId, endpointDebug: true, endpointTestMode: false });
    expect(await caller.endpoint.settings.get({ flowId })).toEqual({
      endpointTestMode: false,
      endpointDebug: true,
    });
  });
});

/** The business's order API on loopback: every order is shipped. */
async function startOrderApi() {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ state: 'shipped' }));
  });

  return { url: await listen(server), paths, close: () => close(server) };
}

/** Logic drawn the way the editor draws it: through the graph package's edit functions. */
function drawOrderLogic(start: GraphDocument, apiUrl: string): GraphDocument {
  let doc = start;
  const add = (type: PaletteNodeType) => {
    const added = addLogicNode(doc, type, { x: 0, y: 0 });
    doc = added.doc;

    return added.id;
  };
  const connect = (connection: LogicConnection) => {
    const result = connectLogicNodes(doc, connection);
    if (!result.ok) {
      throw new Error(result.reason);
    }
    doc = result.doc;
  };
  const opened = add('trigger.flow_opened');
  const showOrder = add('go_to_screen');
  const submitted = add('trigger.screen_submitted');
  const lookUp = add('http_request');
  const showStatus = add('go_to_screen');
  doc = updateLogicNode(doc, {
    id: lookUp,
    type: 'http_request',
    method: 'GET',
    url: `${apiUrl}/orders/{{ payload.code }}`,
    headers: {},
    timeoutMs: 2_000,
    retries: 0,
    backoffMs: 0,
    responseMapping: [{ variable: 'state', expression: 'response.state' }],
  });
  doc = updateLogicNode(doc, {
    id: showStatus,
    type: 'go_to_screen',
    screen: 'STATUS',
    data: { state: 'vars.state' },
  });
  connect({ from: opened, to: showOrder });
  connect({ from: submitted, to: lookUp });
  connect({ from: lookUp, to: showStatus });

  return doc;
}

describe('edited logic at the data endpoint', () => {
  it('runs logic saved through the API for a phone and lists its calls', async () => {
    const product = await startProduct(testDb, secrets);
    const api = await startOrderApi();
    try {
      const screens = [{ id: 'ORDER' }, { id: 'STATUS', data: { state: { type: 'string' } } }];
      const workspace = await seedWorkspace(
        testDb,
        secrets,
        graphOf(screens, { ORDER: ['STATUS'], STATUS: [] }, { nodes: [], edges: [] }),
      );
      const { flowId, caller } = workspace;
      const stored = await caller.flows.get({ id: flowId });
      await caller.flows.save({
        id: flowId,
        expectedRevision: stored.revision,
        graph: drawOrderLogic(stored.graph, api.url),
      });
      const flowToken = await workspace.openSession();
      const phone = workspace.phone(product.url);

      const opened = await phone.send({ version: '3.0', action: 'INIT', flow_token: flowToken });
      const looked = await phone.send({
        version: '3.0',
        action: 'data_exchange',
        screen: 'ORDER',
        flow_token: flowToken,
        data: { code: 'A 7' },
      });

      expect(opened).toMatchObject({ status: 200, reply: { screen: 'ORDER', data: {} } });
      expect(looked).toMatchObject({
        status: 200,
        reply: { screen: 'STATUS', data: { state: 'shipped' } },
      });
      expect(api.paths).toEqual(['/orders/A%207']);
      const { calls } = await caller.endpoint.calls.page({ flowId });
      expect(
        calls.map((call) => [call.action, call.screen, call.httpStatus, call.errorCode]),
      ).toEqual([
        ['data_exchange', 'ORDER', 200, null],
        ['INIT', null, 200, null],
      ]);
    } finally {
      await api.close();
      await product.close();
    }
  });
});
