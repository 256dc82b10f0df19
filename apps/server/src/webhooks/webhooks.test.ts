import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createInboxRepository, type InboxRepository } from '@sanjay-flow/db';
import { signPayload, type WebhookMessage, type WebhookStatus } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { appRouter } from '../trpc/router';
import { eventually } from '../workers/eventually.test-helper';
import { createWorkerRegistry, type WorkerRegistry } from '../workers/registry';
import type { InboxContext, InboxHandlers } from './handlers';
import { startInboxWorker } from './inbox-worker';
import { createEventProcessor } from './process-event';
import { createWebhookConnections } from './webhook-connections';
import {
  addConnection,
  postWebhook,
  readSignatureVector,
  textWebhook,
} from './webhook.test-helper';

/** Every log line of the suite, to check that none carries a secret or a customer's data. */
const logLines: string[] = [];
const log = createLogger('debug', { write: (line: string) => void logLines.push(line) });
const secrets = createSecretBox(randomBytes(32));
const OWNER_APP_SECRET = 'the business app secret';
const vector = readSignatureVector();
// The vector's routing ids; every other connection here gets ids of its own.
const VECTOR_WABA = '264937493375603';
const VECTOR_PHONE = '277321005464405';
const SHARED_APP_SECRET = 'shared-app-secret-5511';
const OTHER_APP_SECRET = 'other-app-secret-9922';

interface Call {
  kind: 'message' | 'status' | 'flowEvent';
  id: string;
  connectionId: string;
}

describe('webhook intake', () => {
  let testDb: TestDatabase;
  let workers: WorkerRegistry;
  let server: Server;
  let baseUrl: string;
  let workspaceId: string;
  let inbox: InboxRepository;
  const calls: Call[] = [];
  const ids: Record<'vector' | 'shopA' | 'shopB' | 'otherApp', string> = {
    vector: '',
    shopA: '',
    shopB: '',
    otherApp: '',
  };

  const record = (kind: Call['kind'], id: string, context: InboxContext) => {
    calls.push({ kind, id, connectionId: context.connectionId });

    return Promise.resolve();
  };
  const handlers: InboxHandlers = {
    message: (message: WebhookMessage, _contact, context) => record('message', message.id, context),
    status: (status: WebhookStatus, context) =>
      record('status', `${status.id}/${status.status}`, context),
    flowEvent: (event, context) => record('flowEvent', event.event, context),
  };

  beforeAll(async () => {
    testDb = await openTestDatabase();
    workspaceId = await testDb.createWorkspace();
    inbox = createInboxRepository(testDb.db.prisma, testDb.db.sql);
    const unique = () => String(Date.now()) + String(Math.floor(Math.random() * 1e6));
    ids.vector = await addConnection(testDb.db, secrets, workspaceId, {
      name: 'Vector',
      wabaId: VECTOR_WABA,
      phoneNumberId: VECTOR_PHONE,
      appId: '1001',
      appSecret: vector.app_secret,
      webhookVerifyToken: 'the-verify-token-1234',
    });
    // Two numbers of one WABA under one Meta app, and an unrelated app.
    const sharedWaba = unique();
    ids.shopA = await addConnection(testDb.db, secrets, workspaceId, {
      name: 'Shop A',
      wabaId: sharedWaba,
      phoneNumberId: `1${unique()}`,
      appId: '2002',
      appSecret: SHARED_APP_SECRET,
    });
    ids.shopB = await addConnection(testDb.db, secrets, workspaceId, {
      name: 'Shop B',
      wabaId: sharedWaba,
      phoneNumberId: `2${unique()}`,
      appId: '2002',
      appSecret: SHARED_APP_SECRET,
    });
    ids.otherApp = await addConnection(testDb.db, secrets, workspaceId, {
      name: 'Other app',
      wabaId: unique(),
      phoneNumberId: `3${unique()}`,
      appId: '3003',
      appSecret: OTHER_APP_SECRET,
    });
    workers = createWorkerRegistry();
    const app = createApp({
      db: testDb.db,
      workspaceId,
      logger: log,
      secrets,
      workers,
      inboxHandlers: handlers,
    });
    server = await new Promise<Server>((resolve) => {
      const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await workers.stop();
    await testDb.dispose();
  });

  const connection = async (id: string) => {
    const row = await testDb.db.prisma.connection.findUniqueOrThrow({ where: { id } });

    return { wabaId: row.wabaId, phoneNumberId: row.phoneNumberId };
  };
  /** Events stored in any workspace: a refused webhook adds none anywhere. */
  const eventCount = () => testDb.db.prisma.inboxEvent.count();
  /** Events of the suite's own workspace, which `processed` waits for. */
  const ownEventCount = () => testDb.db.prisma.inboxEvent.count({ where: { workspaceId } });
  const caller = () =>
    appRouter.createCaller({
      workspaceId,
      role: 'editor',
      db: testDb.db,
      log,
    } as unknown as Parameters<typeof appRouter.createCaller>[0]);
  const processed = (count: number) =>
    eventually(async () => {
      const events = await caller().webhooks.events.list({ limit: 500 });
      const settled = events.filter((event) => event.state !== 'queued');

      return settled.length >= count && events;
    });

  describe('GET /webhooks/whatsapp (verification)', () => {
    const verify = (query: string) => fetch(`${baseUrl}/webhooks/whatsapp?${query}`);

    it('echoes the challenge as text for a connection’s verify token', async () => {
      const response = await verify(
        'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=the-verify-token-1234',
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('1158201444');
    });

    it('refuses an unknown token with 403 and an incomplete request with 400', async () => {
      const wrong = await verify('hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess');
      const noMode = await verify('hub.challenge=1&hub.verify_token=the-verify-token-1234');

      expect(wrong.status).toBe(403);
      expect(await wrong.text()).not.toContain('1');
      expect(noMode.status).toBe(400);
    });
  });

  describe('POST /webhooks/whatsapp', () => {
    it('takes in Meta’s signed sample, hands its message over once and clears the body', async () => {
      const before = calls.length;
      const response = await fetch(`${baseUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': vector.x_hub_signature_256,
        },
        body: vector.raw_request_body,
      });

      expect(response.status).toBe(200);
      const [event] = await processed(1);
      expect(calls.slice(before)).toEqual([
        {
          kind: 'message',
          id: 'wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA',
          connectionId: ids.vector,
        },
      ]);
      expect(event).toMatchObject({ state: 'processed', connectionId: ids.vector });
      const stored = await inbox.get(event?.id ?? '');
      expect(stored).toMatchObject({ raw: null, status: 'processed' });
      expect(stored?.summary).toEqual({
        items: [
          {
            kind: 'message',
            key: expect.stringContaining('wamid.HBgMOT') as unknown,
            outcome: 'handled',
          },
        ],
      });
    });

    it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
      const before = await eventCount();
      const body = vector.raw_request_body;
      const wrong = await postWebhook(baseUrl, body, 'not-the-secret');
      const missing = await postWebhook(baseUrl, body, null);
      const tampered = await fetch(`${baseUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'x-hub-signature-256': vector.x_hub_signature_256 },
        body: body.replace('Hey there', 'Hey thera'),
      });

      expect([wrong.status, missing.status, tampered.status]).toEqual([401, 401, 401]);
      expect(await eventCount()).toBe(before);
    });

    it('refuses a body naming one app’s number but signed with another app’s secret', async () => {
      const before = await eventCount();
      const target = await connection(ids.otherApp);
      const body = textWebhook(target.wabaId, target.phoneNumberId, [`wamid.${randomUUID()}`]);
      const response = await postWebhook(baseUrl, body, SHARED_APP_SECRET);

      expect(response.status).toBe(401);
      expect(await eventCount()).toBe(before);
    });

    it('routes each item to the connection of its phone number when an app has several', async () => {
      const shopB = await connection(ids.shopB);
      const messageId = `wamid.${randomUUID()}`;
      const response = await postWebhook(
        baseUrl,
        textWebhook(shopB.wabaId, shopB.phoneNumberId, [messageId]),
        SHARED_APP_SECRET,
      );

      expect(response.status).toBe(200);
      const call = await eventually(async () => {
        await Promise.resolve();

        return calls.find((entry) => entry.id === messageId);
      });
      expect(call.connectionId).toBe(ids.shopB);
    });

    it('takes in a webhook for a connection deleted and added again a moment ago', async () => {
      const number = `4${Date.now()}`;
      const added = () =>
        addConnection(testDb.db, secrets, workspaceId, {
          name: `Re-added ${randomUUID()}`,
          wabaId: number,
          phoneNumberId: number,
          appId: '4004',
          appSecret: 'readded-app-secret',
        });
      const post = (messageId: string) =>
        postWebhook(baseUrl, textWebhook(number, number, [messageId]), 'readded-app-secret');
      const first = await added();
      // The route and the inbox worker remember the connection's lookup for a second.
      const earlier = `wamid.${randomUUID()}`;
      expect((await post(earlier)).status).toBe(200);
      await eventually(() => Promise.resolve(calls.some((entry) => entry.id === earlier)));
      await testDb.db.prisma.connection.delete({ where: { id: first } });
      const second = await added();
      const messageId = `wamid.${randomUUID()}`;

      expect((await post(messageId)).status).toBe(200);
      const call = await eventually(() =>
        Promise.resolve(calls.find((entry) => entry.id === messageId)),
      );
      expect(call.connectionId).toBe(second);
    });

    it('never routes a business’s messages to another workspace’s copy of its number', async () => {
      const unique = () => String(Date.now()) + String(Math.floor(Math.random() * 1e6));
      const number = { wabaId: unique(), phoneNumberId: `4${unique()}`, appId: '4004' };
      // Another workspace names the same number first, with an app secret of its own choosing.
      const intruder = await addConnection(testDb.db, secrets, await testDb.createWorkspace(), {
        name: 'Copy',
        ...number,
        appSecret: 'a secret the intruder chose',
      });
      const owner = await addConnection(testDb.db, secrets, workspaceId, {
        name: 'Owner',
        ...number,
        appSecret: OWNER_APP_SECRET,
      });
      // One app serving two businesses: the same secret reaches a number of each.
      const partner = await addConnection(testDb.db, secrets, await testDb.createWorkspace(), {
        name: 'Partner',
        wabaId: unique(),
        phoneNumberId: `5${unique()}`,
        appId: '4004',
        appSecret: OWNER_APP_SECRET,
      });
      const partnerNumber = await connection(partner);
      const [ownMessage, partnerMessage] = [`wamid.${randomUUID()}`, `wamid.${randomUUID()}`];
      const entries = [
        textWebhook(number.wabaId, number.phoneNumberId, [ownMessage]),
        textWebhook(partnerNumber.wabaId, partnerNumber.phoneNumberId, [partnerMessage]),
      ].flatMap((body) => (JSON.parse(body) as { entry: unknown[] }).entry);
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry: entries });

      expect((await postWebhook(baseUrl, body, OWNER_APP_SECRET)).status).toBe(200);
      const delivered = await eventually(async () => {
        await Promise.resolve();
        const own = calls.find((entry) => entry.id === ownMessage);
        const partners = calls.find((entry) => entry.id === partnerMessage);

        return own !== undefined && partners !== undefined && { own, partners };
      });
      expect(delivered.own.connectionId).toBe(owner);
      expect(delivered.partners.connectionId).toBe(partner);
      expect(calls.filter((entry) => entry.connectionId === intruder)).toEqual([]);

      // The intruder's own signed webhook with a message id it expects the business to receive
      // goes to the intruder, and does not make the business's delivery a duplicate.
      const expected = `wamid.${randomUUID()}`;
      const forged = textWebhook(number.wabaId, number.phoneNumberId, [expected]);
      expect((await postWebhook(baseUrl, forged, 'a secret the intruder chose')).status).toBe(200);
      await eventually(async () => {
        await Promise.resolve();

        return calls.some((entry) => entry.id === expected && entry.connectionId === intruder);
      });
      expect((await postWebhook(baseUrl, forged, OWNER_APP_SECRET)).status).toBe(200);
      const genuine = await eventually(async () => {
        await Promise.resolve();

        return calls.find((entry) => entry.id === expected && entry.connectionId === owner);
      });
      expect(genuine.connectionId).toBe(owner);
    });

    it('hands 100 deliveries of one message to the handler once', async () => {
      const shopA = await connection(ids.shopA);
      const messageId = `wamid.${randomUUID()}`;
      const body = textWebhook(shopA.wabaId, shopA.phoneNumberId, [messageId]);
      const before = await ownEventCount();
      for (let batch = 0; batch < 5; batch += 1) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => postWebhook(baseUrl, body, SHARED_APP_SECRET)),
        );
        expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      }

      await processed(before + 100);
      expect(calls.filter((entry) => entry.id === messageId)).toHaveLength(1);
    });

    it('hands each status value over once, and a repeated one not again', async () => {
      const shopA = await connection(ids.shopA);
      const wamid = `wamid.${randomUUID()}`;
      const statusBody = (status: string) =>
        JSON.stringify({
          object: 'whatsapp_business_account',
          entry: [
            {
              id: shopA.wabaId,
              changes: [
                {
                  field: 'messages',
                  value: {
                    messaging_product: 'whatsapp',
                    metadata: { phone_number_id: shopA.phoneNumberId },
                    statuses: [{ id: wamid, status, timestamp: '1', recipient_id: '' }],
                  },
                },
              ],
            },
          ],
        });
      const before = await ownEventCount();
      for (const status of ['sent', 'delivered', 'delivered', 'read']) {
        expect((await postWebhook(baseUrl, statusBody(status), SHARED_APP_SECRET)).status).toBe(
          200,
        );
      }

      await processed(before + 4);
      expect(calls.filter((entry) => entry.id.startsWith(wamid)).map((entry) => entry.id)).toEqual([
        `${wamid}/sent`,
        `${wamid}/delivered`,
        `${wamid}/read`,
      ]);
    });

    it('records error entries and unknown fields, hands Flows events over, and never fails', async () => {
      const shopA = await connection(ids.shopA);
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: shopA.wabaId,
            time: Date.now(),
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: shopA.phoneNumberId },
                  errors: [{ code: 131000, title: 'Something went wrong' }],
                },
              },
              { field: 'account_alerts', value: { anything: true } },
              {
                field: 'flows',
                value: { event: 'FLOW_STATUS_CHANGE', flow_id: '77', new_status: 'BLOCKED' },
              },
            ],
          },
        ],
      });
      const response = await postWebhook(baseUrl, body, SHARED_APP_SECRET);

      expect(response.status).toBe(200);
      const event = await eventually(async () => {
        const events = await caller().webhooks.events.list({ limit: 1 });

        return events[0]?.state === 'processed' && events[0];
      });
      expect(event.summary).toEqual({
        items: [
          { kind: 'error', outcome: 'recorded', detail: '131000 Something went wrong' },
          {
            kind: 'rejected',
            outcome: 'recorded',
            detail: 'field "account_alerts" is not handled',
          },
          { kind: 'flow_event', key: expect.any(String) as unknown, outcome: 'handled' },
        ],
      });
      expect(calls.at(-1)).toEqual({
        kind: 'flowEvent',
        id: 'FLOW_STATUS_CHANGE',
        connectionId: ids.shopA,
      });
    });

    it('keeps a signed body that is not JSON as malformed, answering 200 so Meta stops', async () => {
      const response = await postWebhook(baseUrl, 'not json {', SHARED_APP_SECRET);

      expect(response.status).toBe(200);
      const [event] = await caller().webhooks.events.list({ limit: 1, debug: true });
      expect(event).toMatchObject({
        state: 'malformed',
        problem: 'the body is not JSON',
        raw: 'not json {',
      });
      expect(await testDb.db.prisma.job.count({ where: { key: event?.id ?? '' } })).toBe(0);
    });

    it('marks JSON that is not a webhook envelope as malformed when processing it', async () => {
      const response = await postWebhook(baseUrl, '{"object":"page"}', SHARED_APP_SECRET);

      expect(response.status).toBe(200);
      const event = await eventually(async () => {
        const [latest] = await caller().webhooks.events.list({ limit: 1 });

        return latest?.state === 'malformed' && latest;
      });
      expect(event.problem).toMatch(/^not_an_envelope: \/entry/);
    });

    it('refuses a body over the size limit with 413', async () => {
      const body = 'x'.repeat(5 * 1024 * 1024);
      const response = await fetch(`${baseUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'x-hub-signature-256': signPayload(body, SHARED_APP_SECRET) },
        body,
      });

      expect(response.status).toBe(413);
    });
  });

  describe('logs', () => {
    it('carry no verify token, signature, phone number or message content', () => {
      const all = logLines.join('\n');

      expect(logLines.length).toBeGreaterThan(10);
      expect(all).not.toContain('the-verify-token-1234');
      expect(all).not.toContain(vector.x_hub_signature_256.slice(7));
      expect(all).not.toContain('972544401243');
      expect(all).not.toContain('Hey there');
      expect(all).not.toContain('15550002222');
    });
  });

  describe('a failing handler', () => {
    it('retries the event with backoff, then dead-letters it where the editor sees it', async () => {
      const shopA = await connection(ids.shopA);
      const failing = startInboxWorker({
        db: testDb.db,
        connections: createWebhookConnections(inbox, secrets, 0),
        log,
        handlers: {
          ...handlers,
          message: () => Promise.reject(new Error('downstream unavailable')),
        },
        worker: { maxAttempts: 3, backoff: () => 0, pollMs: 20 },
      });
      // Only this worker runs the queue meanwhile: the app's is stopped first.
      await workers.stop();
      const messageId = `wamid.${randomUUID()}`;
      const eventId = await inbox.receive({
        workspaceId,
        connectionId: ids.shopA,
        appId: '2002',
        raw: textWebhook(shopA.wabaId, shopA.phoneNumberId, [messageId]),
      });
      failing.wake();
      try {
        const event = await eventually(async () => {
          const events = await caller().webhooks.events.list({ limit: 50 });
          const found = events.find((candidate) => candidate.id === eventId);

          return found?.state === 'dead' && found;
        });

        expect(event).toMatchObject({
          attempts: 3,
          lastError: 'Error: downstream unavailable',
        });
        expect(event).not.toHaveProperty('raw');
        expect((await inbox.get(eventId))?.raw).toContain(messageId);
        expect(await caller().webhooks.events.retry({ eventId })).toEqual({ queued: true });
        expect(await caller().webhooks.events.retry({ eventId })).toEqual({ queued: false });
      } finally {
        await failing.stop();
      }
    });

    it('neither retries nor silently completes an event whose body is gone', async () => {
      const shopA = await connection(ids.shopA);
      const stored = () =>
        inbox.receive({
          workspaceId,
          connectionId: ids.shopA,
          appId: '2002',
          raw: textWebhook(shopA.wabaId, shopA.phoneNumberId, [`wamid.${randomUUID()}`]),
        });
      const dead = await stored();
      await testDb.db.prisma.job.updateMany({ where: { key: dead }, data: { status: 'dead' } });
      await testDb.db.prisma.inboxEvent.update({ where: { id: dead }, data: { raw: null } });

      expect(await caller().webhooks.events.retry({ eventId: dead })).toEqual({ queued: false });

      const emptied = await stored();
      await testDb.db.prisma.inboxEvent.update({ where: { id: emptied }, data: { raw: null } });
      const processor = createEventProcessor({
        inbox,
        connections: createWebhookConnections(inbox, secrets, 0),
        handlers,
        log,
        itemLeaseMs: 60_000,
      });

      expect(await processor.process(emptied, 'worker')).toBeUndefined();
      expect(await inbox.get(emptied)).toMatchObject({
        status: 'malformed',
        problem: 'its body was deleted before it was processed',
      });
    });
  });
});
