import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { type Database, ensureDefaultWorkspace, openDatabase } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { eventually } from '../workers/eventually.test-helper';
import { type ServerProcess, startServerProcess } from './server-process.test-helper';
import { addConnection, postWebhook, textWebhook } from './webhook.test-helper';

const WABA = '410000000000001';
const PHONE = '420000000000001';
const APP_SECRET = 'reliability-app-secret-77';
const masterKey = randomBytes(32);
const secrets = createSecretBox(masterKey);
const SLOW_TEST_MS = 180_000;

/** The connection the webhooks are signed for, and the table the child's handler writes. */
async function prepare(db: Database): Promise<void> {
  const workspace = await ensureDefaultWorkspace(db.prisma);
  await addConnection(db, secrets, workspace.id, {
    name: 'Reliability',
    wabaId: WABA,
    phoneNumberId: PHONE,
    appId: '5005',
    appSecret: APP_SECRET,
  });
  await db.prisma.$executeRawUnsafe(
    'CREATE TABLE handled_item (item text NOT NULL, pid integer NOT NULL)',
  );
}

async function handledCounts(db: Database) {
  return db.prisma.$queryRawUnsafe<{ item: string; calls: number }[]>(
    'SELECT item, count(*)::int AS calls FROM handled_item GROUP BY item ORDER BY item',
  );
}

describe('on the embedded database, a server killed between storing and processing', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-inbox-crash-'));
    const db = await openDatabase({ dataDir: path.join(dataDir, 'database') });
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  // An empty DATABASE_URL means the embedded database, whatever the test run was given.
  const env = () => ({
    DATABASE_URL: '',
    SFLOW_DATA_DIR: dataDir,
    SFLOW_MASTER_KEY: masterKey.toString('hex'),
  });

  /** After a kill the folder lock looks taken until it goes stale: try until it is free. */
  async function restart(): Promise<ServerProcess> {
    for (;;) {
      try {
        return await startServerProcess(env());
      } catch (error) {
        if (!String(error).includes('in use')) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  it(
    'processes the stored event exactly once after a restart',
    async () => {
      const first = await startServerProcess({ ...env(), TEST_WORKERS: 'off' });
      const body = textWebhook(WABA, PHONE, ['wamid.crash-1', 'wamid.crash-2']);
      const answer = await postWebhook(first.url, body, APP_SECRET).finally(() => first.kill());
      expect(answer.status).toBe(200);

      const second = await restart();
      try {
        await eventually(async () => {
          const response = await fetch(
            `${second.url}/trpc/webhooks.events.list?input=${encodeURIComponent('{"limit":5}')}`,
            { headers: { authorization: `Bearer ${second.token}` } },
          );
          const events = ((await response.json()) as { result: { data: { state: string }[] } })
            .result.data;

          return events.length === 1 && events[0]?.state === 'processed';
        });
      } finally {
        await second.stop();
      }

      const db = await openDatabase({ dataDir: path.join(dataDir, 'database') });
      try {
        expect(await handledCounts(db)).toEqual([
          { item: 'wamid.crash-1', calls: 1 },
          { item: 'wamid.crash-2', calls: 1 },
        ]);
        expect(
          await db.prisma.inboxEvent.findMany({ select: { raw: true, status: true } }),
        ).toEqual([{ raw: null, status: 'processed' }]);
      } finally {
        await db.close();
      }
    },
    SLOW_TEST_MS,
  );
});

const serverUrl = process.env['DATABASE_URL'];

describe.skipIf(!serverUrl)('two server processes sharing one PostgreSQL database', () => {
  const name = `sflow_inbox_${randomUUID().replaceAll('-', '')}`;
  let url: string;
  let admin: Database;
  let db: Database;

  beforeAll(async () => {
    admin = await openDatabase({ databaseUrl: serverUrl, migrate: false });
    await admin.prisma.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const target = new URL(serverUrl ?? '');
    target.pathname = `/${name}`;
    url = target.toString();
    db = await openDatabase({ databaseUrl: url });
    await prepare(db);
  });

  afterAll(async () => {
    await db.close();
    await admin.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  });

  it(
    'take in 1,000 webhooks, each message posted to both, and hand every item over once',
    async () => {
      const env = { DATABASE_URL: url, SFLOW_MASTER_KEY: masterKey.toString('hex') };
      const servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      try {
        // Webhook i goes to server i % 2 and carries a message of its own and one it shares
        // with webhook i ± 1, which the other server takes in at about the same time.
        const bodies = Array.from({ length: 1000 }, (_, i) =>
          textWebhook(WABA, PHONE, [`wamid.own-${i}`, `wamid.shared-${Math.floor(i / 2)}`]),
        );
        let next = 0;
        const sender = async () => {
          for (let i = next++; i < bodies.length; i = next++) {
            const server = servers[i % 2] as ServerProcess;
            const answer = await postWebhook(server.url, bodies[i] as string, APP_SECRET);
            expect(answer.status).toBe(200);
          }
        };
        await Promise.all(Array.from({ length: 16 }, sender));

        await eventually(async () => {
          const processed = await db.prisma.inboxEvent.count({ where: { status: 'processed' } });

          return processed === 1000;
        });
        const counts = await handledCounts(db);
        expect(counts).toHaveLength(1500);
        expect(counts.filter((count) => count.calls !== 1)).toEqual([]);
        const processes = await db.prisma.$queryRawUnsafe<{ pid: number }[]>(
          'SELECT DISTINCT pid FROM handled_item',
        );
        expect(processes).toHaveLength(2);
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    },
    SLOW_TEST_MS,
  );
});
