import { randomBytes } from 'node:crypto';

import { createJobRepository, type JobRepository, type PrismaClient } from '@sanjay-flow/db';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createHttpPort } from '../endpoint/http-port';
import { createSecretBox } from '../secrets/secret-box';
import { fixtureCompletion, seedSurvey } from '../submissions/completion.test-helper';
import { receiveCompletion } from '../submissions/receive-completion';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import type { JobWorker } from '../workers/job-worker';
import { type BusinessServer, startBusinessServer } from './business-server.test-helper';
import { createDestinations } from './manage-destinations';
import { verifyBody } from './payload';
import { retryDelivery } from './retry-delivery';
import { startDeliveryWorker } from './start-delivery-worker';

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
const FIXTURE_TOKEN = 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.';
const ALLOWED = ['127.0.0.1'];
const http = createHttpPort({ allowedHosts: ALLOWED });

describe('submission delivery', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  let jobs: JobRepository;
  let business: BusinessServer;
  let worker: JobWorker | undefined;
  let workspaceId: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
    jobs = createJobRepository(prisma);
    business = await startBusinessServer();
  });

  afterAll(async () => {
    await business.close();
    await testDb.dispose();
  });

  beforeEach(async () => {
    workspaceId = await testDb.createWorkspace();
    await prisma.flowSession.deleteMany({ where: { flowToken: FIXTURE_TOKEN } });
    await seedSurvey(prisma, workspaceId, {
      flowToken: FIXTURE_TOKEN,
      messageId: 'wamid.gvwegfretge==',
    });
    business.received.length = 0;
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  const addDestination = async () =>
    createDestinations({ prisma, secrets, http, allowedHosts: ALLOWED, timeoutMs: 5000 }).create(
      workspaceId,
      { flowId: null, name: 'CRM', url: business.url, enabled: true },
    );

  const startWorker = (maxAttempts = 8) => {
    worker = startDeliveryWorker({
      prisma,
      jobs,
      secrets,
      http,
      log,
      maxAttempts,
      pollMs: 20,
      backoff: () => 10,
    });
  };

  const receive = () =>
    receiveCompletion({ prisma, jobs }, fixtureCompletion('completion'), {
      workspaceId,
      connectionId: null,
      log,
    });

  const settledSubmission = (id: string, status: string) =>
    eventually(async () => {
      const row = await prisma.submission.findUniqueOrThrow({ where: { id } });

      return row.status === status && row;
    });

  it('delivers once the business webhook comes back, signed, then erases the answers', async () => {
    const { secret } = await addDestination();
    business.answerWith([503, 503, 429]);
    const { submission } = await receive();
    startWorker();
    const delivered = await settledSubmission(submission.id, 'delivered');

    expect(business.received.map((request) => request.status)).toEqual([503, 503, 429, 200]);
    const last = business.received.at(-1);
    const signature = String(last?.headers['x-sflow-signature']);
    expect(verifyBody(secret, last?.body ?? '', signature)).toBe(true);
    expect(verifyBody('another secret', last?.body ?? '', signature)).toBe(false);
    const payload = JSON.parse(last?.body ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      submission_id: submission.id,
      flow: { name: 'Customer satisfaction' },
      flow_version: { number: 1 },
      customer: { wa_id: '972987654321' },
    });
    expect(String(payload.sent_at)).toBe(String(last?.headers['x-sflow-timestamp']));
    expect(payload.answers).toContainEqual({
      field: 'recommend_radio',
      label: 'Choose one',
      value: '0',
      text: 'Yes',
    });
    expect(delivered).toMatchObject({ answers: null, fields: submission.fields });
    expect(delivered.answersDeletedAt).not.toBeNull();
    const attempts = await prisma.deliveryAttempt.findMany({
      where: { submissionId: submission.id },
      orderBy: { attempt: 'asc' },
    });
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 503],
      [3, 'failed', 429],
      [4, 'delivered', 200],
    ]);
  });

  it('delivers 100 copies of one completion once', async () => {
    await addDestination();
    const results = await Promise.all(Array.from({ length: 100 }, receive));
    startWorker();
    await settledSubmission(results[0]?.submission.id ?? '', 'delivered');

    expect(new Set(results.map((result) => result.submission.id)).size).toBe(1);
    expect(business.received).toHaveLength(1);
  });

  it('dead-letters after the last attempt and delivers on "retry now"', async () => {
    await addDestination();
    business.answerWith([500, 502]);
    const { submission } = await receive();
    startWorker(2);
    await settledSubmission(submission.id, 'dead');
    const dead = await prisma.deliveryAttempt.findMany({ where: { submissionId: submission.id } });
    expect(dead.map((attempt) => attempt.status).sort()).toEqual(['dead', 'failed']);

    expect(await retryDelivery({ prisma, jobs }, workspaceId, submission.id)).toEqual({
      requeued: 1,
    });
    worker?.wake();
    await settledSubmission(submission.id, 'delivered');
    expect(business.received.map((request) => request.status)).toEqual([500, 502, 200]);
  });

  it('gives up at once on a 4xx other than 429 and keeps the answers', async () => {
    await addDestination();
    business.answerWith([410]);
    const { submission } = await receive();
    startWorker();
    const dead = await settledSubmission(submission.id, 'dead');

    expect(business.received).toHaveLength(1);
    expect(dead.answers).not.toBeNull();
  });

  it('gives up at once when the signing secret cannot be opened', async () => {
    await prisma.destination.create({
      data: {
        id: crypto.randomUUID(),
        workspaceId,
        name: 'Sealed elsewhere',
        url: business.url,
        secret: 'v1:0000000000000000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
    });
    const { submission } = await receive();
    startWorker();
    await settledSubmission(submission.id, 'dead');

    expect(business.received).toHaveLength(0);
    const [attempt] = await prisma.deliveryAttempt.findMany({
      where: { submissionId: submission.id },
    });
    expect(attempt).toMatchObject({ status: 'dead', httpStatus: null });
    expect(attempt?.error).toMatch(/signing secret cannot be opened/);
  });

  it('refuses a loopback destination unless the host is allowed', async () => {
    const strict = createDestinations({
      prisma,
      secrets,
      http: createHttpPort({ allowedHosts: [] }),
      allowedHosts: [],
      timeoutMs: 5000,
    });
    await expect(
      strict.create(workspaceId, { flowId: null, name: 'x', url: business.url, enabled: true }),
    ).rejects.toMatchObject({ code: 'INVALID_DESTINATION' });
  });

  it('sends a signed test delivery', async () => {
    const { destination, secret } = await addDestination();
    const manage = createDestinations({
      prisma,
      secrets,
      http,
      allowedHosts: ALLOWED,
      timeoutMs: 5000,
    });
    expect(await manage.test(workspaceId, destination.id)).toMatchObject({
      ok: true,
      httpStatus: 200,
    });
    const request = business.received.at(-1);
    expect(
      verifyBody(secret, request?.body ?? '', String(request?.headers['x-sflow-signature'])),
    ).toBe(true);
  });
});
