import { randomBytes } from 'node:crypto';
import http from 'node:http';

import { createFlowRepository, type PrismaClient } from '@sanjay-flow/db';
import { compileGraph } from '@sanjay-flow/graph';
import { type BusinessView, createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createKeyPairs } from '../connections/key-pairs';
import { createConnections } from '../connections/manage-connections';
import { close, listen } from '../endpoint/endpoint.test-helper';
import { DEFAULT_ENDPOINT_OPTIONS } from '../endpoint/options';
import { createSecretBox } from '../secrets/secret-box';
import { apiTokenFor, authHeaders } from '../test-support/auth';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { appRouter } from '../trpc/router';
import { createCallerFactory } from '../trpc/trpc';
import { eventually } from '../workers/eventually.test-helper';
import { createWorkerRegistry } from '../workers/registry';
import { photoGraph } from './endpoint-files.test-helper';

const log = pino({ level: 'silent' });
const CUSTOMER = { waId: '15557654321', name: 'Dora' };

/**
 * The whole way with the Meta stand-in: its customer picks a photo on a screen the product's
 * data endpoint serves; the phone sends it as WhatsApp does (on the stand-in's CDN, encrypted
 * with fresh keys); the product's save step keeps it and its workers download and decrypt it.
 */
describe('a file picked on an endpoint screen, through the Meta stand-in', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  let sim: MetaSim;
  let business: BusinessView;
  let server: http.Server;
  let productUrl: string;
  let workspaceId: string;
  let flowId: string;
  let flowToken: string;
  const secrets = createSecretBox(randomBytes(32));
  const workers = createWorkerRegistry();

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
    sim = await createMetaSim({ log });
    business = await sim.control.registerBusiness();
    workspaceId = await testDb.createWorkspace();
    // The stand-in (its CDN included) is on loopback, allowed as tests allow every loopback server.
    server = http.createServer(
      createApp({
        db: testDb.db,
        workspaceId,
        logger: log,
        secrets,
        workers,
        endpoint: { ...DEFAULT_ENDPOINT_OPTIONS, httpAllowedHosts: ['127.0.0.1'] },
      }),
    );
    productUrl = await listen(server);
    const connections = createConnections(prisma, secrets);
    const connection = await connections.create(workspaceId, {
      name: 'stand-in',
      wabaId: business.wabaId,
      phoneNumberId: business.phoneNumberId,
      appId: business.appId,
      appSecret: business.appSecret,
      accessToken: business.accessTokens[0] ?? '',
      webhookVerifyToken: 'journey-verify-token',
      graphApiUrl: `${sim.url}/v23.0`,
    });
    const keyPair = await createKeyPairs({ prisma, secrets, graceHours: 1 }).generate(
      await connections.record(workspaceId, connection.id),
    );
    await graph('POST', `/${business.phoneNumberId}/whatsapp_business_encryption`, {
      business_public_key: keyPair.publicKeyPem,
    });
    const flow = await createFlowRepository(prisma).create(workspaceId, {
      name: 'Damage report',
      graph: photoGraph() as unknown as Parameters<
        ReturnType<typeof createFlowRepository>['create']
      >[1]['graph'],
    });
    flowId = flow.id;
    const caller = createCallerFactory(appRouter)({
      workspaceId,
      role: 'owner',
      flows: createFlowRepository(prisma),
      connections,
      db: testDb.db,
      log,
    });
    ({ flowToken } = await caller.endpoint.sessions.open({ flowId, connectionId: connection.id }));
  });

  afterAll(async () => {
    await close(server);
    await workers.stop();
    await sim.close();
    await testDb.dispose();
  });

  async function graph(method: string, path: string, body: Record<string, string> | object) {
    const form = path.endsWith('whatsapp_business_encryption');
    const response = await fetch(`${sim.url}/v23.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${business.accessTokens[0] ?? ''}`,
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      },
      body: form
        ? new URLSearchParams(body as Record<string, string>).toString()
        : JSON.stringify(body),
    });

    return (await response.json()) as Record<string, unknown>;
  }

  it('stores the decrypted file for the business to fetch once', async () => {
    const atMeta = await graph('POST', `/${business.wabaId}/flows`, {
      name: 'damage report',
      categories: ['OTHER'],
      flow_json: compileGraph(photoGraph()).text,
      endpoint_uri: `${productUrl}/endpoint/${flowId}`,
    });
    expect(atMeta.validation_errors).toEqual([]);
    const sent = await graph('POST', `/${business.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp',
      to: CUSTOMER.waId,
      type: 'interactive',
      interactive: {
        type: 'flow',
        body: { text: 'Show us the damage' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_id: String(atMeta.id),
            flow_cta: 'Open',
            flow_token: flowToken,
            flow_action: 'data_exchange',
            mode: 'draft',
          },
        },
      },
    });
    const bytes = randomBytes(20_000);
    const photo = sim.control.pickMedia({
      phoneNumberId: business.phoneNumberId,
      fileName: 'scratch.jpg',
      mimeType: 'image/jpeg',
      bytes,
    });

    await sim.control.completeFlow({
      customer: CUSTOMER,
      messageId: (sent.messages as { id: string }[])[0]?.id ?? '',
      answers: { PHOTO: { photo: [photo] } },
    });

    const submission = await prisma.submission.findFirstOrThrow({ where: { flowId } });
    expect(submission).toMatchObject({
      source: 'endpoint',
      answers: { photo: { value: [{ media_id: photo.id, file_name: 'scratch.jpg' }] } },
    });
    const file = await eventually(async () => {
      const row = await prisma.submissionFile.findFirst({
        where: { submissionId: submission.id },
      });

      return row?.status === 'stored' && row;
    });
    expect(file).toMatchObject({ size: bytes.length, cdnSource: null });
    const fetched = await fetch(`${productUrl}/api/submissions/${submission.id}/files/${file.id}`, {
      headers: authHeaders(await apiTokenFor(testDb.db, workspaceId, 'editor')),
    });
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
