import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';
import { type BusinessView, createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createConnections } from '../connections/manage-connections';
import { type BusinessServer, startBusinessServer } from '../delivery/business-server.test-helper';
import { createDestinations } from '../delivery/manage-destinations';
import { DELIVERY_QUEUE } from '../delivery/queue';
import { createHttpPort } from '../endpoint/http-port';
import { DEFAULT_ENDPOINT_OPTIONS } from '../endpoint/options';
import { purgeWorkspace } from '../privacy/purge';
import { createSecretBox } from '../secrets/secret-box';
import { apiTokenFor, authHeaders } from '../test-support/auth';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import { type JobWorker, startJobWorker } from '../workers/job-worker';
import { createWorkerRegistry } from '../workers/registry';
import { fileWorkerOptions } from './download-file';
import { receiveCompletion } from './receive-completion';
import { FILE_QUEUE } from './submission-files';

const log = pino({ level: 'silent' });
const CUSTOMER = { waId: '15551234567', name: 'Ana' };
const LOOPBACK = ['127.0.0.1'];

/** One screen with a PhotoPicker for one photo, completed with the photo as a top-level key. */
const PHOTO_FLOW = JSON.stringify({
  version: '6.1',
  screens: [
    {
      id: 'PHOTO',
      title: 'Your photo',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'PhotoPicker', name: 'photo', label: 'Photo', 'max-uploaded-photos': 1 },
          {
            type: 'Footer',
            label: 'Send',
            'on-click-action': { name: 'complete', payload: { photo: '${form.photo}' } },
          },
        ],
      },
    },
  ],
});

interface Stage {
  testDb: TestDatabase;
  prisma: PrismaClient;
  workspaceId: string;
  connectionId: string;
  business: BusinessView;
}

/** A workspace whose connection's Graph API base is the stand-in. */
async function stage(sim: MetaSim, secrets: ReturnType<typeof createSecretBox>): Promise<Stage> {
  const testDb = await openTestDatabase();
  const workspaceId = await testDb.createWorkspace();
  const business = await sim.control.registerBusiness();
  const connection = await createConnections(testDb.db.prisma, secrets).create(workspaceId, {
    name: 'stand-in',
    wabaId: business.wabaId,
    phoneNumberId: business.phoneNumberId,
    appId: business.appId,
    appSecret: business.appSecret,
    accessToken: business.accessTokens[0] ?? '',
    webhookVerifyToken: 'files-verify-token',
    graphApiUrl: `${sim.url}/v23.0`,
  });

  return { testDb, prisma: testDb.db.prisma, workspaceId, connectionId: connection.id, business };
}

function listen(app: ReturnType<typeof createApp>): Promise<Server> {
  return new Promise<Server>((resolve) => {
    const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
  });
}

/** The business sends the photo Flow from the stand-in; the customer completes it with `bytes`. */
async function completeWithPhoto(sim: MetaSim, business: BusinessView, bytes: Buffer) {
  const token = business.accessTokens[0] ?? '';
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${sim.url}/v23.0${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

    return (await response.json()) as Record<string, unknown>;
  };
  const flow = await call(`/${business.wabaId}/flows`, {
    name: `photo ${randomBytes(4).toString('hex')}`,
    categories: ['OTHER'],
    flow_json: PHOTO_FLOW,
  });
  const sent = await call(`/${business.phoneNumberId}/messages`, {
    messaging_product: 'whatsapp',
    to: CUSTOMER.waId,
    type: 'interactive',
    interactive: {
      type: 'flow',
      body: { text: 'Send us a photo' },
      action: {
        name: 'flow',
        parameters: {
          flow_message_version: '3',
          flow_id: String(flow.id),
          flow_cta: 'Open',
          flow_token: `token-${randomBytes(8).toString('hex')}`,
          mode: 'draft',
        },
      },
    },
  });
  const photo = sim.control.pickMedia({
    phoneNumberId: business.phoneNumberId,
    fileName: 'dégât 1.jpg',
    mimeType: 'image/jpeg',
    bytes,
  });
  const result = await sim.control.completeFlow({
    customer: CUSTOMER,
    messageId: (sent.messages as { id: string }[])[0]?.id ?? '',
    answers: { PHOTO: { photo: [photo] } },
  });
  if (result.outcome !== 'completed') {
    throw new Error(result.reason);
  }

  return { photo, result };
}

describe('a completion with a photo, through the Meta stand-in', () => {
  let sim: MetaSim;
  let staged: Stage;
  let server: Server;
  let businessServer: BusinessServer;
  const secrets = createSecretBox(randomBytes(32));
  const workers = createWorkerRegistry();

  beforeAll(async () => {
    sim = await createMetaSim({ log });
    staged = await stage(sim, secrets);
    server = await listen(
      createApp({
        db: staged.testDb.db,
        workspaceId: staged.workspaceId,
        logger: log,
        secrets,
        workers,
        // The business's receiver is on loopback; the stand-in is allowed as the Graph API base.
        endpoint: { ...DEFAULT_ENDPOINT_OPTIONS, httpAllowedHosts: LOOPBACK },
      }),
    );
    await sim.control.subscribeWebhook(staged.business.wabaId, {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`,
      verifyToken: 'files-verify-token',
    });
    businessServer = await startBusinessServer();
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await workers.stop();
    await businessServer.close();
    await sim.close();
    await staged.testDb.dispose();
  });

  it('downloads the file in the background, delivers its address, hands the bytes over once, then deletes them', async () => {
    const { prisma, workspaceId } = staged;
    await createDestinations({
      prisma,
      secrets,
      http: createHttpPort({ allowedHosts: LOOPBACK }),
      allowedHosts: LOOPBACK,
      timeoutMs: 5000,
    }).create(workspaceId, { flowId: null, name: 'CRM', url: businessServer.url, enabled: true });
    const bytes = randomBytes(200_000);

    const { photo } = await completeWithPhoto(sim, staged.business, bytes);

    const delivery = await eventually(() => Promise.resolve(businessServer.received[0]));
    const payload = JSON.parse(delivery.body) as {
      submission_id: string;
      files: Record<string, unknown>[];
    };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(payload.files).toEqual([
      {
        id: expect.any(String) as unknown,
        field: 'photo',
        media_id: photo.id,
        file_name: 'dégât 1.jpg',
        mime_type: 'image/jpeg',
        sha256,
        size: bytes.length,
        status: 'stored',
        download_path: expect.stringMatching(
          /^\/api\/submissions\/[\w-]+\/files\/[\w-]+$/,
        ) as unknown,
        error: null,
      },
    ]);
    const stored = await prisma.submissionFile.findFirstOrThrow({ where: { workspaceId } });
    expect(stored.content).not.toContain(bytes.toString('base64').slice(0, 40));
    // Delivered, but the file is not fetched yet: the purge keeps the submission for it.
    await eventually(async () => {
      const row = await prisma.submission.findFirst({ where: { workspaceId } });

      return row?.status === 'delivered';
    });
    await purgeWorkspace(prisma, workspaceId, new Date());
    expect(await prisma.submission.count({ where: { workspaceId } })).toBe(1);

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${String(payload.files[0]?.download_path)}`;
    expect((await fetch(url)).status).toBe(401);
    const viewer = authHeaders(await apiTokenFor(staged.testDb.db, workspaceId, 'viewer'));
    expect((await fetch(url, { headers: viewer })).status).toBe(403);
    const headers = authHeaders(await apiTokenFor(staged.testDb.db, workspaceId, 'editor'));
    const fetched = await fetch(url, { headers });

    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');
    expect(fetched.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('dégât 1.jpg')}`,
    );
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    const forgotten = await eventually(async () => {
      const row = await prisma.submissionFile.findUniqueOrThrow({ where: { id: stored.id } });

      return row.status === 'fetched' && row;
    });
    expect(forgotten.content).toBeNull();
    expect((await fetch(url, { headers })).status).toBe(410);
    await purgeWorkspace(prisma, workspaceId, new Date());
    expect(await prisma.submission.count({ where: { workspaceId } })).toBe(0);
    expect(await prisma.submissionFile.count({ where: { workspaceId } })).toBe(0);
  });

  it('answers 404 to a token of another workspace', async () => {
    const other = await staged.testDb.createWorkspace('other');
    const file = await staged.prisma.submissionFile.create({
      data: {
        workspaceId: staged.workspaceId,
        submissionId: (
          await staged.prisma.submission.create({
            data: {
              workspaceId: staged.workspaceId,
              messageId: 'wamid.isolation',
              status: 'no_destination',
              receivedAt: new Date(),
            },
          })
        ).id,
        field: 'photo',
        mediaId: '1',
        status: 'stored',
        content: secrets.seal('aGVsbG8=', 'unused'),
      },
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/submissions/${file.submissionId}/files/${file.id}`;
    const headers = authHeaders(await apiTokenFor(staged.testDb.db, other, 'owner'));

    expect((await fetch(url, { headers })).status).toBe(404);
    expect((await fetch(url.replace(file.id, 'not-a-uuid'), { headers })).status).toBe(404);
  });
});

describe('a file that cannot be downloaded', () => {
  let sim: MetaSim;
  let staged: Stage;
  let worker: JobWorker | undefined;
  const secrets = createSecretBox(randomBytes(32));

  beforeAll(async () => {
    sim = await createMetaSim({ log });
    staged = await stage(sim, secrets);
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    sim.control.clearFaults();
  });

  afterAll(async () => {
    await sim.close();
    await staged.testDb.dispose();
  });

  /** A completion naming the picked file, as the stand-in's customer would send it. */
  async function receive(item: Record<string, unknown>) {
    const { prisma, workspaceId, connectionId } = staged;
    const jobs = createJobRepository(prisma);
    const { submission } = await receiveCompletion(
      { prisma, jobs },
      {
        messageId: `wamid.${randomBytes(6).toString('hex')}`,
        contextMessageId: null,
        customerWaId: CUSTOMER.waId,
        customerUserId: null,
        responseJson: JSON.stringify({ photo: [item], flow_token: 'unmatched' }),
        receivedAt: new Date(),
      },
      { workspaceId, connectionId, log },
    );
    // A destination that is never reached: only the queued delivery is looked at.
    await prisma.submission.update({
      where: { id: submission.id },
      data: { destinationIds: ['00000000-0000-4000-8000-000000000001'], status: 'received' },
    });
    worker = startJobWorker(
      fileWorkerOptions({
        prisma,
        jobs,
        secrets,
        allowedHosts: [],
        log,
        maxAttempts: 3,
        pollMs: 20,
        backoff: () => 10,
      }),
    );

    return submission;
  }

  async function settled(submissionId: string) {
    const file = await eventually(async () => {
      const row = await staged.prisma.submissionFile.findFirst({ where: { submissionId } });

      return row?.status === 'failed' && row;
    });
    const job = await eventually(async () => {
      const row = await staged.prisma.job.findFirst({
        where: { queue: FILE_QUEUE, key: { startsWith: submissionId } },
      });

      return row?.status === 'dead' && row;
    });
    const deliveries = await staged.prisma.job.count({
      where: { queue: DELIVERY_QUEUE, key: { startsWith: submissionId } },
    });

    return { file, job, deliveries };
  }

  it('retries a file whose hash does not match, then marks it failed and delivers without it', async () => {
    const bytes = randomBytes(5000);
    const photo = sim.control.pickMedia({
      phoneNumberId: staged.business.phoneNumberId,
      fileName: 'a.jpg',
      mimeType: 'image/jpeg',
      bytes,
    });
    const submission = await receive({
      ...photo,
      sha256: createHash('sha256').update('other bytes').digest('base64'),
    });

    const { file, job, deliveries } = await settled(submission.id);

    expect(file).toMatchObject({
      content: null,
      error: expect.stringMatching(/SHA-256/) as unknown,
    });
    expect(job.attempts).toBe(3);
    expect(job.lastError).toMatch(/SHA-256/);
    expect(deliveries).toBe(1);
  });

  it('retries a download the Graph API fails, then marks it failed, visibly', async () => {
    const photo = sim.control.pickMedia({
      phoneNumberId: staged.business.phoneNumberId,
      fileName: 'b.jpg',
      mimeType: 'image/jpeg',
      bytes: randomBytes(100),
    });
    sim.control.addFault({ route: 'object.get', kind: 'server_error', count: 5 });
    const submission = await receive(photo);

    const { file, job, deliveries } = await settled(submission.id);

    expect(file.error).toMatch(/HTTP 500/);
    expect(job.attempts).toBe(3);
    expect(deliveries).toBe(1);
  });

  it('accepts a base64 hash of the file', async () => {
    const bytes = randomBytes(1000);
    const photo = sim.control.pickMedia({
      phoneNumberId: staged.business.phoneNumberId,
      fileName: 'c.jpg',
      mimeType: 'image/jpeg',
      bytes,
    });
    const item = { ...photo, sha256: createHash('sha256').update(bytes).digest('base64') };
    const submission = await receive(item);

    const file = await eventually(async () => {
      const row = await staged.prisma.submissionFile.findFirst({
        where: { submissionId: submission.id },
      });

      return row?.status === 'stored' && row;
    });

    expect(file.size).toBe(1000);
    // The file is stored first, then its deliveries are queued.
    await eventually(async () => {
      const deliveries = await staged.prisma.job.count({
        where: { queue: DELIVERY_QUEUE, key: { startsWith: submission.id } },
      });

      return deliveries === 1;
    });
  });
});
