import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  createFlowRepository,
  createJobRepository,
  createOutboundMessageRepository,
} from '@sanjay-flow/db';
import { buildTextMessage } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ResolvedAddress } from '../endpoint/http-port';
import { AppError } from '../errors';
import { importFlow } from '../flows/import-flow';
import { createOutbox } from '../messaging/queue-message';
import { startOutboxWorker } from '../messaging/start-outbox-worker';
import { twoScreenFlowJson } from '../publishing/publishing.test-helper';
import { publishFlow } from '../publishing/publish-flow';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { appRouter } from '../trpc/router';
import { createCallerFactory } from '../trpc/trpc';
import { eventually } from '../workers/eventually.test-helper';
import type { JobWorker } from '../workers/job-worker';
import type { GraphApiFetchOptions } from './graph-api-fetch';
import { createKeyPairs } from './key-pairs';
import { createConnections } from './manage-connections';
import { uploadPublicKey } from './upload-public-key';

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
const createCaller = createCallerFactory(appRouter);
const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAKnownAccessToken9Zq7';
const INPUT = {
  name: 'Main number',
  wabaId: '102290129340398',
  phoneNumberId: '1065442759982347123',
  appId: '1234567890123456',
  appSecret: 'f3c1a9e0d4b7app-secret-known-0042',
  accessToken: ACCESS_TOKEN,
  webhookVerifyToken: 'verify-token-known-7781',
};

/** A server as an operator runs it: no loopback, no private host listed. */
const PRODUCTION = { allowedHosts: [], allowLoopback: false };

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

describe('saving a Graph API URL', () => {
  async function productionCaller() {
    const workspaceId = await testDb.createWorkspace();
    const connections = createConnections(testDb.db.prisma, secrets, PRODUCTION);

    return createCaller(testContext(testDb, workspaceId, { secrets, overrides: { connections } }));
  }

  it('refuses a metadata address with the problem under the field, and saves nothing', async () => {
    const caller = await productionCaller();

    const error = await trpcErrorOf(
      caller.connections.create({ ...INPUT, graphApiUrl: 'http://169.254.169.254/latest' }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toBeInstanceOf(AppError);
    expect((error.cause as AppError).problems).toEqual([
      {
        pointer: '/graphApiUrl',
        code: 'invalid_connection',
        message:
          'the Graph API URL points at a link-local address (includes cloud metadata), ' +
          'where the Graph API is never called',
      },
    ]);
    expect(await caller.connections.list()).toEqual([]);
  });

  it('refuses a change to a metadata host or a loopback address and keeps the old URL', async () => {
    const caller = await productionCaller();
    const { id } = await caller.connections.create(INPUT);

    for (const graphApiUrl of [
      'http://metadata.google.internal/computeMetadata/v1',
      'http://[fd00:ec2::254]/latest',
      'http://0x7f000001:8080/admin',
    ]) {
      const error = await trpcErrorOf(caller.connections.update({ id, changes: { graphApiUrl } }));

      expect(error.code).toBe('BAD_REQUEST');
      expect((error.cause as AppError).problems).toMatchObject([
        {
          pointer: '/graphApiUrl',
          message: expect.stringMatching(/^the Graph API URL points at/) as unknown,
        },
      ]);
    }
    expect(await caller.connections.get({ id })).toMatchObject({
      graphApiUrl: 'https://graph.facebook.com/v23.0',
    });
  });
});

describe('a Graph API host that resolves to a refused address at call time', () => {
  // The stand-in the refused host would reach, were it not refused: nothing may arrive here.
  let received: string[] = [];
  const graph = http.createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"success":true}');
  });
  let graphApiUrl = '';
  // Saved while the name was harmless; DNS now answers a metadata address beside loopback (the
  // first address, which a missing check would connect to).
  const resolve = (hostname: string): Promise<ResolvedAddress[]> =>
    Promise.resolve(
      hostname === 'graph.rebound.test'
        ? [
            { address: '127.0.0.1', family: 4 },
            { address: '169.254.169.254', family: 4 },
          ]
        : [],
    );
  const policy: GraphApiFetchOptions = { allowedHosts: [], allowLoopback: true, resolve };
  const refusal =
    'was refused: graph.rebound.test resolves to a link-local address (includes cloud ' +
    'metadata), where the Graph API is never called';

  beforeAll(async () => {
    await new Promise<void>((done) => graph.listen(0, '127.0.0.1', done));
    graphApiUrl = `http://graph.rebound.test:${(graph.address() as AddressInfo).port}/v23.0`;
  });

  afterAll(() => new Promise((done) => graph.close(done)));

  beforeEach(() => {
    received = [];
  });

  async function stage() {
    const workspaceId = await testDb.createWorkspace();
    const connections = createConnections(testDb.db.prisma, secrets, policy);
    const { id } = await connections.create(workspaceId, { ...INPUT, graphApiUrl });

    return { workspaceId, connections, connection: await connections.record(workspaceId, id) };
  }

  it('fails the outbox message with the reason, never sending it', async () => {
    const { workspaceId, connection } = await stage();
    const messages = createOutboundMessageRepository(testDb.db.prisma);
    let worker: JobWorker | undefined;
    try {
      worker = startOutboxWorker({
        prisma: testDb.db.prisma,
        jobs: createJobRepository(testDb.db.prisma),
        messages,
        secrets,
        log,
        graphApiPolicy: policy,
        pollMs: 20,
        backoff: () => 10,
      });
      const { message } = await createOutbox(messages, () => worker?.wake()).queueMessage({
        workspaceId,
        connectionId: connection.id,
        to: { waId: '16505551234' },
        body: buildTextMessage({ to: '16505551234', body: 'Hello' }),
      });

      const failed = await eventually(async () => {
        const found = await messages.get(message.id);

        return found?.status === 'failed' && found;
      });

      expect(failed).toMatchObject({ attempts: 1, wamid: null, body: null });
      expect(failed.errorMessage).toBe(`The Graph API call to ${graphApiUrl} ${refusal}`);
      expect(received).toEqual([]);
    } finally {
      await worker?.stop();
    }
  });

  it('fails the publish run with the reason, never sending the Flow', async () => {
    const { workspaceId, connections, connection } = await stage();
    const flowId = (
      await importFlow(createFlowRepository(testDb.db.prisma), workspaceId, {
        fileName: 'survey.json',
        text: twoScreenFlowJson(),
        name: 'Survey',
      })
    ).id;

    const [outcome] = await publishFlow(
      { prisma: testDb.db.prisma, connections, retry: { sleep: () => Promise.resolve() } },
      workspaceId,
      { flowId, connectionIds: [connection.id] },
    );

    expect(outcome).toMatchObject({ status: 'failed', metaFlowId: null, uploaded: false });
    expect(outcome?.message).toContain(refusal);
    expect(received).toEqual([]);
  });

  it('fails the key upload with the reason, never sending the key', async () => {
    const { connections, connection } = await stage();
    const keyPairs = createKeyPairs({ prisma: testDb.db.prisma, secrets, graceHours: 24 });
    await keyPairs.generate(connection);

    const error: unknown = await uploadPublicKey({ connections, keyPairs }, connection).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ code: 'GRAPH_API_FAILED' });
    expect((error as AppError).message).toContain(refusal);
    expect(received).toEqual([]);
  });
});
