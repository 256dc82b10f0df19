import { randomUUID } from 'node:crypto';

import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Prisma, PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrate/apply';
import { poolSqlRunner } from '../sql-runner';
import { type TestDatabase, testDatabaseTargets } from '../testing/databases';
import {
  createEndpointExchangeRepository,
  type EndpointExchangeRepository,
  type OpenExchangeInput,
  type SavedSubmission,
} from './endpoint-exchanges';
import type { NewEndpointCall } from './flow-sessions';

const WINDOW_MS = 5 * 60_000;

describe.each(testDatabaseTargets())('endpoint exchanges on the $name database', (target) => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let prisma: PrismaClient;
  let exchanges: EndpointExchangeRepository;
  let workspaceId: string;
  let flowId: string;

  beforeAll(async () => {
    database = await target.start();
    await applyMigrations(database.url);
    pool = new pg.Pool({ connectionString: database.url });
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    exchanges = createEndpointExchangeRepository(poolSqlRunner(pool));
    workspaceId = (await prisma.workspace.create({ data: { name: 'Acme' } })).id;
    flowId = (await prisma.flow.create({ data: { workspaceId, name: 'Booking', graph: {} } })).id;
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.stop();
  });

  async function newSession(flowToken: string, status: 'open' | 'closed' = 'open') {
    return prisma.flowSession.create({
      data: {
        flowToken,
        workspaceId,
        flowId,
        status,
        state: { step: 0 },
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
  }

  function input(flowToken: string, fingerprint: string, at = Date.now()): OpenExchangeInput {
    return {
      flowToken,
      flowId,
      fingerprint,
      now: new Date(at),
      replayExpiresAt: new Date(at + WINDOW_MS),
      staleBefore: new Date(at + WINDOW_MS - 15_000),
    };
  }

  function call(sessionId: string | null, httpStatus = 200): NewEndpointCall {
    return {
      workspaceId,
      flowId,
      sessionId,
      connectionId: null,
      action: 'data_exchange',
      screen: 'FORM',
      httpStatus,
      latencyMs: 3,
      errorCode: null,
      errorMessage: null,
      debugPayload: null,
    };
  }

  it('opens many calls in one statement, in order, claiming only for open sessions', async () => {
    const open = await newSession('token-open');
    await newSession('token-closed', 'closed');

    const opened = await exchanges.open([
      input('token-open', 'fp-1'),
      input('token-unknown', 'fp-2'),
      input('token-closed', 'fp-3'),
      input('token-open', 'fp-4'),
    ]);

    expect(opened.map((entry) => [entry.session?.flowToken ?? null, entry.claimed])).toEqual([
      ['token-open', true],
      [null, false],
      ['token-closed', false],
      ['token-open', true],
    ]);
    expect(opened[0]?.session).toMatchObject({ id: open.id, status: 'open', state: { step: 0 } });
    expect(opened[0]?.session?.expiresAt).toEqual(open.expiresAt);
  });

  it('stores session changes, log rows and answers together; a replay reads the answer', async () => {
    const session = await newSession('token-write');
    await exchanges.open([input('token-write', 'fp-write')]);

    await exchanges.write([
      {
        change: { id: session.id, state: { step: 1 }, status: 'closed' },
        call: call(session.id),
        answer: { fingerprint: 'fp-write', httpStatus: 200, answer: 'c2VhbGVk' },
      },
      { call: call(null, 432) },
    ]);
    const [replay] = await exchanges.open([input('token-write', 'fp-write')]);

    expect(replay).toMatchObject({
      claimed: false,
      earlier: { httpStatus: 200, answer: 'c2VhbGVk' },
      session: { status: 'closed', state: { step: 1 } },
    });
    const calls = await prisma.endpointCall.findMany({ where: { flowId } });
    expect(calls.map((row) => row.httpStatus).sort()).toEqual([200, 432]);
  });

  it('stores a saved submission and its jobs with the call, once per key', async () => {
    const session = await newSession('token-saved');
    await exchanges.open([input('token-saved', 'fp-saved')]);
    const saved = (id: string): SavedSubmission => ({
      id,
      submission: {
        workspaceId,
        flowId,
        flowVersionId: null,
        sessionId: session.id,
        connectionId: null,
        messageId: 'fp-saved:save',
        source: 'endpoint',
        flowToken: 'token-saved',
        customerWaId: '15550001111',
        customerUserId: null,
        answers: { slot: { label: 'Time', value: '0900', text: '09:00' } },
        rawResponse: null,
        responseError: null,
        fields: ['slot'],
        missingRequired: [],
        destinationIds: ['d-1'],
        status: 'received',
        receivedAt: new Date(),
      },
      jobs: [{ queue: 'saved-test', key: `${id}:d-1`, payload: { submissionId: id } }],
    });
    const first = saved(randomUUID());

    await exchanges.write([
      {
        change: { id: session.id, state: { step: 1 }, status: 'open' },
        call: call(session.id),
        answer: { fingerprint: 'fp-saved', httpStatus: 200, answer: 'c2F2ZWQ=' },
        submissions: [first],
      },
    ]);
    await exchanges.write([{ call: call(session.id), submissions: [saved(randomUUID())] }]);

    const rows = await prisma.submission.findMany({ where: { sessionId: session.id } });
    expect(rows).toMatchObject([
      {
        id: first.id,
        source: 'endpoint',
        messageId: 'fp-saved:save',
        answers: { slot: { text: '09:00' } },
        destinationIds: ['d-1'],
        status: 'received',
      },
    ]);
    const jobs = await prisma.job.findMany({ where: { queue: 'saved-test' } });
    expect(jobs).toMatchObject([{ key: `${first.id}:d-1`, payload: { submissionId: first.id } }]);
  });

  it('lets a second caller wait on an unanswered claim, then take over a stale one', async () => {
    const session = await newSession('token-stale');
    const at = Date.now();
    await exchanges.open([input('token-stale', 'fp-stale', at)]);

    const [waiting] = await exchanges.open([input('token-stale', 'fp-stale', at + 1_000)]);
    const [takeOver] = await exchanges.open([input('token-stale', 'fp-stale', at + 16_000)]);
    const claimedTwice = await exchanges.claim({
      fingerprint: 'fp-stale',
      sessionId: session.id,
      replayExpiresAt: new Date(at + 17_000 + WINDOW_MS),
      staleBefore: new Date(at + 17_000 + WINDOW_MS - 15_000),
    });

    expect(waiting).toMatchObject({ claimed: false, earlier: { httpStatus: null, answer: null } });
    expect(takeOver).toMatchObject({ claimed: true, earlier: null });
    expect(claimedTwice).toMatchObject({ claimed: false, earlier: { answer: null } });
  });

  it('leaves synchronous_commit on for the next statement when its claims do not wait for the disk', async () => {
    // One connection: the statement after the claims runs where they ran.
    const single = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const runner = poolSqlRunner(single);
      await newSession('token-async');
      const [opened] = await createEndpointExchangeRepository(runner, {
        claimsWithoutWaiting: true,
      }).open([input('token-async', 'fp-async')]);
      const [after] = await runner.query<{ synchronous_commit: string }>(
        Prisma.sql`SHOW synchronous_commit`,
      );

      expect(opened).toMatchObject({ claimed: true });
      expect(after?.synchronous_commit).toBe('on');
    } finally {
      await single.end();
    }
  });

  it('deletes expired replay records only', async () => {
    await newSession('token-expiry');
    const at = Date.now();
    await exchanges.open([input('token-expiry', 'fp-old', at - WINDOW_MS - 1_000)]);
    await exchanges.open([input('token-expiry', 'fp-new', at)]);

    await exchanges.deleteExpiredReplays(new Date(at));

    expect(await exchanges.remembered('fp-old')).toBeNull();
    expect(await exchanges.remembered('fp-new')).toEqual({ httpStatus: null, answer: null });
  });
});
