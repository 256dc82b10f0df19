import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { createJobRepository, createOutboundMessageRepository } from '@sanjay-flow/db';
import { buildTextMessage } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { createTestConnection } from '../test-support/messaging';
import { eventually } from '../workers/eventually.test-helper';
import { type FakeGraphApi, startFakeGraphApi } from './fake-graph-api.test-helper';
import { createOutbox } from './queue-message';
import { startOutboxWorker } from './start-outbox-worker';

const SCRIPT = fileURLToPath(new URL('./crash-sender.test-helper.ts', import.meta.url));
const masterKey = randomBytes(32);
const secrets = createSecretBox(masterKey);
const log = pino({ level: 'silent' });

/** Runs the crash sender until it reports `point`, then kills it with SIGKILL. */
async function crashAt(url: string, point: 'sent' | 'claimed'): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: {
      ...process.env,
      SFLOW_TEST_DB_URL: url,
      SFLOW_TEST_MASTER_KEY: masterKey.toString('hex'),
      SFLOW_TEST_LEASE_MS: '500',
      SFLOW_TEST_CRASH_POINT: point,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    void exited.then(() => reject(new Error(`the sender exited early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  await exited;

  return (JSON.parse(line) as { jobId: string }).jobId;
}

describe('an outbox process killed between claim and completion', () => {
  let testDb: TestDatabase;
  let graph: FakeGraphApi;
  let workspaceId: string;
  let connectionId: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    graph = await startFakeGraphApi();
    workspaceId = await testDb.createWorkspace();
    connectionId = await createTestConnection(testDb.db.prisma, secrets, workspaceId, {
      graphApiUrl: graph.baseUrl,
    });
  });

  afterAll(async () => {
    await graph.close();
    await testDb.dispose();
  });

  it.each(['sent', 'claimed'] as const)(
    'sends the message exactly once when killed after it was %s',
    async (point) => {
      const { prisma } = testDb.db;
      const messages = createOutboundMessageRepository(prisma);
      const jobs = createJobRepository(prisma);
      graph.sends.length = 0;
      const { message } = await createOutbox(messages).queueMessage({
        workspaceId,
        connectionId,
        to: { waId: '16505551234' },
        body: buildTextMessage({ to: '16505551234', body: `killed after ${point}` }),
      });
      const jobId = await crashAt(testDb.db.url, point);
      expect(graph.accepted()).toHaveLength(point === 'sent' ? 1 : 0);

      const worker = startOutboxWorker({ prisma, jobs, messages, secrets, log, pollMs: 50 });
      try {
        const job = await eventually(async () => {
          const current = await jobs.get(jobId);

          return current?.status === 'done' && current;
        });
        expect(job.attempts).toBe(2);
      } finally {
        await worker.stop();
      }
      expect(graph.accepted()).toHaveLength(1);
      expect(await messages.get(message.id)).toMatchObject({ status: 'sent', attempts: 1 });
    },
  );
});
