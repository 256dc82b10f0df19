import { createHash, randomBytes } from 'node:crypto';
import http, { type Server } from 'node:http';

import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';
import { encryptMedia, type MediaEncryptionMetadata } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type BusinessServer, startBusinessServer } from '../delivery/business-server.test-helper';
import { createDestinations } from '../delivery/manage-destinations';
import { DELIVERY_QUEUE } from '../delivery/queue';
import { startDeliveryWorker } from '../delivery/start-delivery-worker';
import { close, listen, seedWorkspace, startProduct } from '../endpoint/endpoint.test-helper';
import { createHttpPort } from '../endpoint/http-port';
import { createSecretBox } from '../secrets/secret-box';
import { apiTokenFor, authHeaders } from '../test-support/auth';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import { type JobWorker, startJobWorker } from '../workers/job-worker';
import { fileWorkerOptions } from './download-file';
import { photoGraph } from './endpoint-files.test-helper';
import { FILE_QUEUE } from './submission-files';

const secrets = createSecretBox(randomBytes(32));
const log = pino({ level: 'silent' });
const LOOPBACK = ['127.0.0.1'];
const outbound = createHttpPort({ allowedHosts: LOOPBACK });

/** The WhatsApp CDN on loopback: encrypted files by path, some altered on the way. */
interface Cdn {
  url: string;
  upload(
    bytes: Buffer,
    options?: { tampered?: boolean },
  ): { url: string; metadata: MediaEncryptionMetadata };
  requests: number;
  close(): Promise<void>;
}

async function startCdn(): Promise<Cdn> {
  const files = new Map<string, Buffer>();
  const cdn = { requests: 0 } as Cdn;
  const server: Server = http.createServer((req, res) => {
    cdn.requests += 1;
    const file = files.get(req.url ?? '');
    res.writeHead(file === undefined ? 404 : 200).end(file);
  });
  const url = await listen(server);

  return Object.assign(cdn, {
    url,
    upload(bytes: Buffer, options: { tampered?: boolean } = {}) {
      const { cdnFile, metadata } = encryptMedia(bytes);
      if (options.tampered === true) {
        cdnFile[5] = (cdnFile[5] ?? 0) ^ 0x01;
      }
      const path = `/v/t62/${randomBytes(8).toString('hex')}.enc`;
      files.set(path, cdnFile);

      return { url: `${url}${path}`, metadata };
    },
    close: () => close(server),
  });
}

describe('files picked on a data endpoint screen, saved by a save step', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  let product: Awaited<ReturnType<typeof startProduct>>;
  let business: BusinessServer;
  let cdn: Cdn;
  let deliveries: JobWorker;
  let files: JobWorker;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
    product = await startProduct(testDb, secrets);
    business = await startBusinessServer();
    cdn = await startCdn();
    const jobs = createJobRepository(prisma);
    deliveries = startDeliveryWorker({
      prisma,
      jobs,
      secrets,
      http: outbound,
      log,
      pollMs: 20,
      backoff: () => 10,
    });
    // The CDN is on loopback, allowed as tests allow every loopback server.
    files = startJobWorker(
      fileWorkerOptions({
        prisma,
        jobs,
        secrets,
        allowedHosts: LOOPBACK,
        log,
        maxAttempts: 3,
        pollMs: 20,
        backoff: () => 10,
      }),
    );
  });

  afterAll(async () => {
    await files.stop();
    await deliveries.stop();
    await product.close();
    await business.close();
    await cdn.close();
    await testDb.dispose();
  });

  /** Opens the Flow, then sends the photo screen with `item` as the picker's answer. */
  async function sendPhoto(item: Record<string, unknown>) {
    const workspace = await seedWorkspace(testDb, secrets, photoGraph());
    await prisma.flow.update({ where: { id: workspace.flowId }, data: { endpointDebug: true } });
    await createDestinations({
      prisma,
      secrets,
      http: outbound,
      allowedHosts: LOOPBACK,
      timeoutMs: 5000,
    }).create(workspace.workspaceId, {
      flowId: workspace.flowId,
      name: 'CRM',
      url: business.url,
      enabled: true,
    });
    const flowToken = await workspace.openSession();
    const phone = workspace.phone(product.url);
    await phone.send({
      version: '3.0',
      action: 'INIT',
      flow_token: flowToken,
      screen: '',
      data: {},
    });
    const reply = await phone.send({
      version: '3.0',
      action: 'data_exchange',
      flow_token: flowToken,
      screen: 'PHOTO',
      data: { photo: [item] },
    });
    expect(reply).toMatchObject({ status: 200, reply: { screen: 'THANKS' } });
    const submission = await prisma.submission.findFirstOrThrow({
      where: { flowId: workspace.flowId },
    });

    return { workspace, submission };
  }

  it('keeps no key in the answers or the call log, downloads and decrypts the file, delivers it, hands it over once', async () => {
    const bytes = randomBytes(150_000);
    const uploaded = cdn.upload(bytes);
    const item = {
      media_id: `${Date.now()}01`,
      cdn_url: uploaded.url,
      file_name: 'dent.jpg',
      encryption_metadata: uploaded.metadata,
    };

    const { workspace, submission } = await sendPhoto(item);

    expect(submission.answers).toEqual({
      photo: {
        label: 'Damage photo',
        value: [{ media_id: item.media_id, file_name: 'dent.jpg' }],
        text: 'dent.jpg',
      },
    });
    const calls = await prisma.endpointCall.findMany({ where: { flowId: workspace.flowId } });
    const kept = JSON.stringify([submission, calls]);
    for (const secret of [uploaded.metadata.encryption_key, uploaded.metadata.hmac_key]) {
      expect(kept).not.toContain(secret);
    }
    expect(kept).not.toContain(uploaded.url);
    expect(calls.some((call) => JSON.stringify(call.debugPayload).includes('dent.jpg'))).toBe(true);
    const row = await prisma.submissionFile.findFirstOrThrow({
      where: { submissionId: submission.id },
    });
    expect(row.cdnSource).not.toContain(uploaded.metadata.encryption_key);

    const delivery = await eventually(() =>
      Promise.resolve(
        business.received.find(
          (received) => received.headers['x-sflow-delivery'] === submission.id,
        ),
      ),
    );
    const payload = JSON.parse(delivery.body) as { files: Record<string, unknown>[] };
    expect(payload.files).toEqual([
      {
        id: row.id,
        field: 'photo',
        media_id: item.media_id,
        file_name: 'dent.jpg',
        mime_type: null,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        status: 'stored',
        download_path: `/api/submissions/${submission.id}/files/${row.id}`,
        error: null,
      },
    ]);
    const stored = await prisma.submissionFile.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.cdnSource).toBeNull();

    const url = `${product.url}${String(payload.files[0]?.download_path)}`;
    const headers = authHeaders(await apiTokenFor(testDb.db, workspace.workspaceId, 'editor'));
    const fetched = await fetch(url, { headers });
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    const forgotten = await eventually(async () => {
      const after = await prisma.submissionFile.findUniqueOrThrow({ where: { id: row.id } });

      return after.status === 'fetched' && after;
    });
    expect(forgotten.content).toBeNull();
    expect((await fetch(url, { headers })).status).toBe(410);
  });

  it('retries a file altered on the CDN, then marks it failed and delivers the submission naming it', async () => {
    const uploaded = cdn.upload(randomBytes(4000), { tampered: true });
    const before = cdn.requests;

    const { submission } = await sendPhoto({
      media_id: `${Date.now()}02`,
      cdn_url: uploaded.url,
      file_name: 'altered.pdf',
      encryption_metadata: uploaded.metadata,
    });

    const file = await eventually(async () => {
      const row = await prisma.submissionFile.findFirst({ where: { submissionId: submission.id } });

      return row?.status === 'failed' && row;
    });
    expect(file).toMatchObject({ content: null, cdnSource: null });
    expect(file.error).toMatch(/encrypted_hash/);
    expect(cdn.requests - before).toBe(3);
    const job = await eventually(async () => {
      const row = await prisma.job.findFirst({
        where: { queue: FILE_QUEUE, key: { startsWith: submission.id } },
      });

      return row?.status === 'dead' && row;
    });
    expect(job.attempts).toBe(3);
    const delivery = await eventually(() =>
      Promise.resolve(
        business.received.find(
          (received) => received.headers['x-sflow-delivery'] === submission.id,
        ),
      ),
    );
    expect(JSON.parse(delivery.body)).toMatchObject({
      files: [{ status: 'failed', download_path: null, error: file.error }],
    });
    expect(
      await prisma.job.count({
        where: { queue: DELIVERY_QUEUE, key: { startsWith: submission.id } },
      }),
    ).toBe(1);
  });

  it('refuses a CDN URL on a private address the operator does not allow, at once', async () => {
    // https passes the CDN's own rule; the address is the outbound checks' to refuse.
    const uploaded = cdn.upload(randomBytes(100));

    const { submission } = await sendPhoto({
      media_id: `${Date.now()}03`,
      cdn_url: uploaded.url.replace('http://127.0.0.1', 'https://127.0.0.2'),
      file_name: 'metadata.txt',
      encryption_metadata: uploaded.metadata,
    });

    const file = await eventually(async () => {
      const row = await prisma.submissionFile.findFirst({ where: { submissionId: submission.id } });

      return row?.status === 'failed' && row;
    });
    expect(file.error).toMatch(/^127\.0\.0\.2:\d+: .*(private|loopback|allowed)/i);
    const job = await eventually(async () => {
      const row = await prisma.job.findFirst({
        where: { queue: FILE_QUEUE, key: { startsWith: submission.id } },
      });

      return row?.status === 'dead' && row;
    });
    expect(job.attempts).toBe(1);
  });
});
