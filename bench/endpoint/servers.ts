// The servers under test, in a process of their own so the load generator does not share
// their event loop: the product's data endpoint (embedded database, a one-step program), a
// baseline that only checks the signature, decrypts and re-encrypts (the crypto floor), and
// the same baseline storing one row per call before it answers, shared by the calls that
// arrive together as the product's statements are (the durable floor: what any endpoint that
// keeps each call pays on this database).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pino from 'pino';

import { createFlowRepository, ensureDefaultWorkspace, Prisma } from '@sanjay-flow/db';
import { decryptRequest, encryptResponse, verifySignature } from '@sanjay-flow/whatsapp';

import { createApp } from '../../apps/server/src/app';
import { createKeyPairs } from '../../apps/server/src/connections/key-pairs';
import { createConnections } from '../../apps/server/src/connections/manage-connections';
import { createEndpointAdmin } from '../../apps/server/src/endpoint/manage-endpoint';
import { createBatcher } from '../../apps/server/src/endpoint/statement-batcher';
import { createLogger } from '../../apps/server/src/logger';
import { createSecretBox } from '../../apps/server/src/secrets/secret-box';
import { openBenchDatabase } from '../common/bench-database';

const APP_SECRET = 'bench-app-secret';
const SESSIONS = Number(process.argv[2] ?? 64);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? '';

const graph = {
  schemaVersion: 1,
  flow: { version: '7.1', data_api_version: '3.0', routing_model: { FORM: ['DONE'], DONE: [] } },
  nodes: ['FORM', 'DONE'].map((id, index) => ({
    kind: 'screen',
    id,
    position: { x: index * 300, y: 0 },
    screen: {
      id,
      title: id,
      data: { greeting: { type: 'string', __example__: 'Hello' } },
      layout: { type: 'SingleColumnLayout', children: [] },
    },
  })),
  logic: {
    nodes: [
      { id: 'opened', type: 'trigger.flow_opened' },
      { id: 'show_form', type: 'go_to_screen', screen: 'FORM', data: { greeting: "'Hello'" } },
      { id: 'submitted', type: 'trigger.screen_submitted', screen: 'FORM' },
      {
        id: 'show_again',
        type: 'go_to_screen',
        screen: 'FORM',
        data: { greeting: "concat('Hello ', default(payload.name, 'friend'))" },
      },
    ],
    edges: [
      { from: 'opened', to: 'show_form' },
      { from: 'submitted', to: 'show_again' },
    ],
    positions: {},
  },
};

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-bench-'));
  const database = await openBenchDatabase(DATABASE_URL, 'endpoint', path.join(dataDir, 'db'));
  const { db } = database;
  const secrets = createSecretBox(randomBytes(32));
  const workspace = await ensureDefaultWorkspace(db.prisma);
  const connections = createConnections(db.prisma, secrets);
  const connection = await connections.create(workspace.id, {
    name: 'Bench',
    wabaId: '1',
    phoneNumberId: '2',
    appId: '3',
    appSecret: APP_SECRET,
    accessToken: 'bench-access-token',
    webhookVerifyToken: 'bench-verify-token',
  });
  const keyPairs = createKeyPairs({ prisma: db.prisma, secrets, graceHours: 1 });
  const keyPair = await keyPairs.generate(await connections.record(workspace.id, connection.id));
  const flow = await createFlowRepository(db.prisma).create(workspace.id, { name: 'Bench', graph });
  const admin = createEndpointAdmin(db.prisma);
  const tokens: string[] = [];
  for (let index = 0; index < SESSIONS; index += 1) {
    const opened = await admin.openSession(workspace.id, {
      flowId: flow.id,
      connectionId: connection.id,
    });
    tokens.push(opened.flowToken);
  }
  const product = http.createServer(
    createApp({
      db,
      workspaceId: workspace.id,
      // Errors only, on standard error: the reasons for any failed answer show in the run.
      logger: createLogger('error', pino.destination(2)),
      secrets,
      // The per-Flow limit guards against floods; the bench measures what lies behind it.
      rateLimits: { endpointPerMinute: Number.MAX_SAFE_INTEGER },
    }),
  );
  const [privateKey] = await keyPairs.decryptionKeysFor(connection.id);
  await db.prisma
    .$executeRaw`CREATE TABLE bench_call (id bigserial PRIMARY KEY, fingerprint text NOT NULL, stored_at timestamptz NOT NULL DEFAULT now())`;
  let calls = 0;
  const store = createBatcher<string, undefined>({
    run: async (fingerprints) => {
      await db.sql.query(
        Prisma.sql`INSERT INTO bench_call (fingerprint) SELECT * FROM unnest(${fingerprints}::text[])`,
        'bench-call',
      );

      return fingerprints.map(() => undefined);
    },
    keyOf: () => String((calls += 1)),
    maxBatch: 64,
  });
  const floorServer = (durable: boolean) =>
    http.createServer((req, res) => {
      if (req.url === '/rss') {
        const { rss, heapUsed } = process.memoryUsage();
        res.end(JSON.stringify({ rss, heapUsed }));

        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (
          !verifySignature(raw, req.headers['x-hub-signature-256'] as string, APP_SECRET) ||
          !privateKey
        ) {
          res.writeHead(432).end();

          return;
        }
        const { aesKey, iv } = decryptRequest(
          JSON.parse(raw.toString('utf8')),
          privateKey.privateKey,
        );
        const reply = () => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(encryptResponse({ screen: 'FORM', data: { greeting: 'Hello' } }, aesKey, iv));
        };
        if (!durable) {
          reply();

          return;
        }
        store(aesKey.subarray(0, 8).toString('hex')).then(reply, () => res.writeHead(500).end());
      });
    });
  const baseline = floorServer(false);
  const durableBaseline = floorServer(true);
  const listen = (server: http.Server) =>
    new Promise<string>((resolve) =>
      server.listen(0, '127.0.0.1', () =>
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
      ),
    );
  const setup = {
    productUrl: `${await listen(product)}/endpoint/${flow.id}`,
    baselineUrl: await listen(baseline),
    durableUrl: await listen(durableBaseline),
    publicKeyPem: keyPair.publicKeyPem,
    appSecret: APP_SECRET,
    tokens,
  };
  process.stdout.write(`${JSON.stringify(setup)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    for (const server of [product, baseline, durableBaseline]) {
      server.closeAllConnections();
      server.close();
    }
    void database
      .close()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  });
}

void main();
