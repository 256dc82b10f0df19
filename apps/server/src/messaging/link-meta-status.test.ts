import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createFlowRepository, createPublicationRepository } from '@sanjay-flow/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createConnections } from '../connections/manage-connections';
import { importFlow } from '../flows/import-flow';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { linkMetaFlow, UNKNOWN_FLOW_STATUS } from './link-meta';

const secrets = createSecretBox(randomBytes(32));
const ACCESS_TOKEN = 'EAAG-link-token-0123456789';
const META_FLOW_ID = '1234567890123456';

interface SeenRequest {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
}

let testDb: TestDatabase;
let graph: Server;
let graphApiUrl: string;
let seen: SeenRequest[] = [];
let answer: { status: number; body: unknown };

beforeAll(async () => {
  testDb = await openTestDatabase();
  // A loopback stand-in for `GET /{flow-id}?fields=status`.
  graph = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
  graphApiUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v23.0`;
});

afterAll(async () => {
  graph.closeAllConnections();
  await new Promise((resolve) => graph.close(resolve));
  await testDb.dispose();
});

beforeEach(() => {
  seen = [];
  answer = { status: 200, body: { status: 'PUBLISHED', id: META_FLOW_ID } };
});

async function link(by: { metaFlowId: string } | { metaFlowName: string }) {
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  const connections = createConnections(prisma, secrets);
  const connection = await connections.create(workspaceId, {
    name: 'main',
    wabaId: '102290129340398',
    phoneNumberId: '106540352242922',
    appId: '1234567890123456',
    appSecret: 'app-secret',
    accessToken: ACCESS_TOKEN,
    webhookVerifyToken: 'verify',
    graphApiUrl,
  });
  const { id: flowId } = await importFlow(createFlowRepository(prisma), workspaceId, {
    fileName: 'meta-tools_contact-us_v3.1.flow.json',
    text: readTestData('meta-tools_contact-us_v3.1.flow.json'),
  });
  const linked = await linkMetaFlow({ prisma, connections }, workspaceId, {
    flowId,
    connectionId: connection.id,
    ...by,
  });
  const stored = await createPublicationRepository(prisma).find(workspaceId, flowId, connection.id);

  return { linked, stored };
}

describe('linking a Meta Flow reads its status from Meta', () => {
  it('stores PUBLISHED for a Flow published before the link existed', async () => {
    const { linked, stored } = await link({ metaFlowId: META_FLOW_ID });

    expect(linked.statusProblem).toBeNull();
    expect(stored?.status).toBe('PUBLISHED');
    expect(seen).toEqual([
      {
        method: 'GET',
        url: `/v23.0/${META_FLOW_ID}?fields=status`,
        authorization: `Bearer ${ACCESS_TOKEN}`,
      },
    ]);
  });

  it('leaves the status unknown and says why when Meta refuses the read', async () => {
    answer = {
      status: 400,
      body: {
        error: { message: 'Unsupported get request', type: 'GraphMethodException', code: 100 },
      },
    };
    const { linked, stored } = await link({ metaFlowId: META_FLOW_ID });

    expect(stored?.status).toBe(UNKNOWN_FLOW_STATUS);
    expect(linked.statusProblem).toContain('Unsupported get request');
  });

  it('leaves the status unknown when the answer has no status', async () => {
    answer = { status: 200, body: { id: META_FLOW_ID } };
    const { linked, stored } = await link({ metaFlowId: META_FLOW_ID });

    expect(stored?.status).toBe(UNKNOWN_FLOW_STATUS);
    expect(linked.statusProblem).toContain('no status');
  });

  it('leaves the status unknown for a link by name, without asking Meta', async () => {
    const { linked, stored } = await link({ metaFlowName: 'contact_us' });

    expect(stored?.status).toBe(UNKNOWN_FLOW_STATUS);
    expect(linked.statusProblem).toContain('Flow id');
    expect(seen).toEqual([]);
  });
});
