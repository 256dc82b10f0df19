// Outbox benchmark: messages queued and sent by the outbox worker (database row and job in one
// transaction, claim, send, wamid recorded, job completed) against, in the same run, the same
// number of bare Graph API sends to the same loopback stand-in. Run on demand:
//   npm run bench:outbox -- --messages 2000 --concurrency 4
// BENCH_DATABASE_URL (or --database-url) runs it on a fresh database of that PostgreSQL server
// instead of a throwaway embedded one.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { createJobRepository, createOutboundMessageRepository } from '@sanjay-flow/db';
import { buildTextMessage, createGraphApiClient } from '@sanjay-flow/whatsapp';
import pino from 'pino';

import { createConnections } from '../../apps/server/src/connections/manage-connections';
import { startFakeGraphApi } from '../../apps/server/src/messaging/fake-graph-api.test-helper';
import { createOutbox, OUTBOX_QUEUE } from '../../apps/server/src/messaging/queue-message';
import { createSendRateLimiter } from '../../apps/server/src/messaging/rate-limiter';
import { startOutboxWorker } from '../../apps/server/src/messaging/start-outbox-worker';
import { createSecretBox } from '../../apps/server/src/secrets/secret-box';
import { openBenchDatabase } from '../common/bench-database';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? '' },
  },
});
const MESSAGES = Number(values.messages);
const CONCURRENCY = Number(values.concurrency);
const PHONE = '730000000000001';
const TARGET_PER_SECOND = 80;

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
const graph = await startFakeGraphApi();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-bench-outbox-'));
const database = await openBenchDatabase(values['database-url'], 'outbox', dataDir, log);
const { db } = database;
const loadBefore = os.loadavg()[0] ?? 0;

const bodies = Array.from({ length: MESSAGES }, (_, n) =>
  buildTextMessage({ to: `1650555${String(n).padStart(4, '0')}`, body: `Message ${n}` }),
);

async function baseline(): Promise<number> {
  const client = createGraphApiClient({ baseUrl: graph.baseUrl, accessToken: 'bench-token' });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        if (body !== undefined) {
          await client.sendMessage(PHONE, body);
        }
      }
    }),
  );

  return performance.now() - started;
}

async function product(): Promise<{ queueMs: number; sendMs: number }> {
  const { prisma } = db;
  const workspaceId = (await prisma.workspace.create({ data: { name: 'bench' } })).id;
  const connection = await createConnections(prisma, secrets).create(workspaceId, {
    name: 'bench',
    wabaId: '730000000000000',
    phoneNumberId: PHONE,
    appId: '730000000000002',
    appSecret: 'bench-secret',
    accessToken: 'bench-token',
    webhookVerifyToken: 'bench-verify',
    graphApiUrl: graph.baseUrl,
  });
  const messages = createOutboundMessageRepository(prisma);
  const jobs = createJobRepository(prisma);
  const outbox = createOutbox(messages);
  const queued = performance.now();
  for (const body of bodies) {
    await outbox.queueMessage({
      workspaceId,
      connectionId: connection.id,
      to: { waId: body.to },
      body,
    });
  }
  const started = performance.now();
  const worker = startOutboxWorker({
    prisma,
    jobs,
    messages,
    secrets,
    log,
    concurrency: CONCURRENCY,
    pollMs: 20,
    limiter: createSendRateLimiter({ perSecond: 1000 }),
  });
  for (;;) {
    const counts = await jobs.countByStatus(OUTBOX_QUEUE);
    if (counts.done + counts.dead >= MESSAGES) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const sendMs = performance.now() - started;
  await worker.stop();

  return { queueMs: started - queued, sendMs };
}

const perSecond = (ms: number) => Math.round((MESSAGES * 1000) / ms);
try {
  const bareMs = await baseline();
  const { queueMs, sendMs } = await product();
  const rows = [
    ['bare Graph API sends', perSecond(bareMs)],
    ['outbox: queue (row + job, one transaction)', perSecond(queueMs)],
    ['outbox: send (claim, send, wamid, complete)', perSecond(sendMs)],
  ] as const;
  process.stdout.write(
    `database ${db.kind}, ${MESSAGES} messages, concurrency ${CONCURRENCY}, ` +
      `load average ${loadBefore.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}\n`,
  );
  for (const [label, rate] of rows) {
    process.stdout.write(`${label.padEnd(46)} ${String(rate).padStart(7)} messages/s\n`);
  }
  const sendRate = perSecond(sendMs);
  process.stdout.write(
    `send/bare ratio ${((sendRate / perSecond(bareMs)) * 100).toFixed(1)} %; ` +
      `target: the outbox keeps up with one number's standard ${TARGET_PER_SECOND}/s: ` +
      `${sendRate >= TARGET_PER_SECOND ? 'met' : 'NOT met'}\n`,
  );
} finally {
  await database.close();
  await graph.close();
  await rm(dataDir, { recursive: true, force: true });
}
