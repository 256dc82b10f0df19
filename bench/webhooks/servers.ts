// The servers under test, in a process of their own so the load generator does not share
// their event loop: the product (webhook route, inbox worker running, a handler that records
// nothing) and a bare Express handler that reads the body and answers 200.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import express from 'express';
import pino from 'pino';

import { ensureDefaultWorkspace } from '@sanjay-flow/db';

import { createApp } from '../../apps/server/src/app';
import { createConnections } from '../../apps/server/src/connections/manage-connections';
import { createLogger } from '../../apps/server/src/logger';
import { createSecretBox } from '../../apps/server/src/secrets/secret-box';
import type { InboxHandlers } from '../../apps/server/src/webhooks/handlers';
import { createWorkerRegistry } from '../../apps/server/src/workers/registry';
import { openBenchDatabase } from '../common/bench-database';

const BENCH_APP_SECRET = 'bench-webhook-app-secret';
const BENCH_WABA = '710000000000001';
const BENCH_PHONE = '720000000000001';
const SERVER_URL = process.argv[2] ?? '';

const noHandlers: InboxHandlers = {
  message: () => Promise.resolve(),
  status: () => Promise.resolve(),
  flowEvent: () => Promise.resolve(),
};

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-bench-webhooks-'));
  const database = await openBenchDatabase(SERVER_URL, 'webhooks', path.join(dataDir, 'db'));
  const { db } = database;
  const secrets = createSecretBox(randomBytes(32));
  const workspace = await ensureDefaultWorkspace(db.prisma);
  await createConnections(db.prisma, secrets).create(workspace.id, {
    name: 'Bench',
    wabaId: BENCH_WABA,
    phoneNumberId: BENCH_PHONE,
    appId: '730000000000001',
    appSecret: BENCH_APP_SECRET,
    accessToken: 'bench-access-token',
    webhookVerifyToken: 'bench-verify-token',
    // Loopback, where nothing listens: the bench never reaches Meta.
    graphApiUrl: 'http://127.0.0.1:9',
  });
  const workers = createWorkerRegistry();
  const product = http.createServer(
    createApp({
      db,
      workspaceId: workspace.id,
      // Errors only, on standard error: the reasons for any failed answer show in the run.
      logger: createLogger('error', pino.destination(2)),
      secrets,
      // The per-connection limit guards against floods; the bench measures what lies behind it.
      rateLimits: { webhookPerMinute: Number.MAX_SAFE_INTEGER },
      workers,
      inboxHandlers: noHandlers,
    }),
  );
  const bare = express();
  bare.post('/', express.raw({ type: '*/*', limit: '4mb' }), (_req, res) => {
    res.sendStatus(200);
  });
  bare.get('/inbox', (_req, res) => {
    void db.prisma.inboxEvent
      .groupBy({ by: ['status'], _count: true })
      .then((rows) => res.json(Object.fromEntries(rows.map((row) => [row.status, row._count]))));
  });
  const bareServer = http.createServer(bare);
  const listen = (listening: http.Server) =>
    new Promise<string>((resolve) =>
      listening.listen(0, '127.0.0.1', () =>
        resolve(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`),
      ),
    );
  const setup = {
    productUrl: `${await listen(product)}/webhooks/whatsapp`,
    bareUrl: await listen(bareServer),
    database: db.kind,
  };
  process.stdout.write(`${JSON.stringify(setup)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    product.closeAllConnections();
    bareServer.closeAllConnections();
    product.close();
    bareServer.close();
    void workers
      .stop()
      .then(() => database.close())
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  });
}

await main();
