import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import { createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createConnections } from '../connections/manage-connections';
import { createMessagingServices } from '../messaging/services';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import { createWorkerRegistry, type WorkerRegistry } from '../workers/registry';
import { exportSubjectData } from './subject-data';

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
const CUSTOMER = { waId: '15551234567' };
const STRANGER = { waId: '15557654321' };

let testDb: TestDatabase;
let sim: MetaSim;
let workers: WorkerRegistry;
let server: Server;
let baseUrl: string;
let workspaceId: string;
let sentToCustomer: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
  sim = await createMetaSim({ log });
  workers = createWorkerRegistry();
  const { prisma } = testDb.db;
  workspaceId = await testDb.createWorkspace('Clinic Lisboa');
  const app = createApp({
    db: testDb.db,
    workspaceId,
    logger: log,
    secrets,
    workers,
    rateLimits: { publicPerMinute: 1000 },
  });
  server = await new Promise<Server>((resolve) => {
    const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const business = await sim.control.registerBusiness();
  const connection = await createConnections(prisma, secrets).create(workspaceId, {
    name: 'stand-in',
    wabaId: business.wabaId,
    phoneNumberId: business.phoneNumberId,
    appId: business.appId,
    appSecret: business.appSecret,
    accessToken: business.accessTokens[0] ?? '',
    webhookVerifyToken: 'privacy-verify-token',
    graphApiUrl: `${sim.url}/v23.0`,
  });
  // The customer has data here: a message the business sent them.
  const messaging = createMessagingServices({ db: testDb.db, secrets, allowedHosts: [], log });
  const queued = await messaging.outbox.queueMessage({
    workspaceId,
    connectionId: connection.id,
    to: CUSTOMER,
    body: {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER.waId,
      type: 'text',
      text: { body: 'Your appointment is at 9:00' },
    },
  });
  sentToCustomer = queued.message.id;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await workers.stop();
  await sim.close();
  await testDb.dispose();
});

function post(path: string, fields: Record<string, string>) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Asks for a code and returns the page and the request id in its form. */
async function askForCode(phone: string, kind: 'export' | 'erase') {
  const response = await post('/privacy/request', { business: workspaceId, phone, kind });
  const html = await response.text();
  const requestId = /name="request" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? '';

  return { status: response.status, html, requestId };
}

/** The newest code the stand-in delivered to the customer on WhatsApp. */
async function codeReceivedBy(customer: { waId: string }, count: number): Promise<string> {
  const texts = await eventually(() => {
    const codes = sim.control
      .inbox(customer)
      .map((message) => (message.content as { text?: { body?: string } }).text?.body ?? '')
      .filter((body) => /is your code/.test(body));

    return Promise.resolve(codes.length >= count && codes);
  });
  const code = /^(\d{6}) is your code to ask Clinic Lisboa/.exec(texts.at(-1) ?? '')?.[1];
  if (!code) {
    throw new Error(`no code in ${JSON.stringify(texts)}`);
  }

  return code;
}

function confirm(requestId: string, code: string) {
  return post('/privacy/request/confirm', { request: requestId, code });
}

describe('the public data request page', () => {
  it('shows the business by its link, without sign-in', async () => {
    const response = await fetch(`${baseUrl}/privacy/request?workspace=${workspaceId}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('<strong>Clinic Lisboa</strong>');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sends a code on WhatsApp and, once it is entered, gives a copy as a JSON download', async () => {
    const asked = await askForCode('+1 (555) 123-4567', 'export');
    const code = await codeReceivedBy(CUSTOMER, 1);
    const stored = await testDb.db.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: asked.requestId },
    });

    expect(asked.status).toBe(200);
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.codeHash).not.toContain(code);
    const wrong = await confirm(asked.requestId, code === '000000' ? '000001' : '000000');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('4 tries left');

    const download = await confirm(asked.requestId, code);
    const copy = (await download.json()) as {
      phone: string;
      outboundMessages: { id: string }[];
    };

    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename=my-data.json');
    expect(copy.phone).toBe(CUSTOMER.waId);
    expect(copy.outboundMessages.map((message) => message.id)).toContain(sentToCustomer);
    // A code is good once.
    expect((await confirm(asked.requestId, code)).status).toBe(410);
  });

  it('answers a number with no data exactly as one with data', async () => {
    const withData = await askForCode('15551234567', 'export');
    const without = await askForCode('15557654321', 'export');
    const same = (html: string) => html.replace(/[0-9a-f-]{36}/g, '<id>');

    expect(without.status).toBe(withData.status);
    expect(same(without.html)).toBe(same(withData.html));
    await codeReceivedBy(STRANGER, 1);
  });

  it('refuses a code after five wrong tries, and an expired code', async () => {
    const asked = await askForCode('15557654321', 'erase');
    const code = await codeReceivedBy(STRANGER, 2);
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        (await confirm(asked.requestId, code === '999999' ? '999998' : '999999')).status,
      );
    }

    expect(statuses).toEqual([400, 400, 400, 400, 410]);
    expect((await confirm(asked.requestId, code)).status).toBe(410);

    const late = await askForCode('15557654321', 'erase');
    const lateCode = await codeReceivedBy(STRANGER, 3);
    await testDb.db.prisma.privacyRequest.update({
      where: { id: late.requestId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await confirm(late.requestId, lateCode)).status).toBe(410);
  });

  it('sends at most three codes an hour to one number', async () => {
    const fourth = await askForCode('15557654321', 'export');

    expect(fourth.status).toBe(429);
    expect(fourth.html).toContain('Too many codes were asked for this number');
  });

  it('erases the customer’s data once the code is entered, and leaves no request behind', async () => {
    const asked = await askForCode('15551234567', 'erase');
    const code = await codeReceivedBy(CUSTOMER, 3);
    const erased = await confirm(asked.requestId, code);

    expect(erased.status).toBe(200);
    expect(await erased.text()).toContain('your data has been erased');
    const copy = await exportSubjectData(testDb.db.prisma, workspaceId, CUSTOMER.waId);
    expect(copy.outboundMessages).toEqual([]);
    expect(await testDb.db.prisma.privacyRequest.count({ where: { phone: CUSTOMER.waId } })).toBe(
      0,
    );
    const audit = await testDb.db.prisma.auditEntry.findMany({
      where: { workspaceId, actorKind: 'customer_request' },
    });
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      'subject_data.erase',
      'subject_data.export',
    ]);
  });

  it('says so for an unknown business link or a number that is not one', async () => {
    const unknown = await post('/privacy/request', {
      business: '00000000-0000-4000-8000-000000000000',
      phone: '15551234567',
      kind: 'export',
    });
    const badNumber = await post('/privacy/request', {
      business: `${baseUrl}/privacy/request?workspace=${workspaceId}`,
      phone: 'call me',
      kind: 'export',
    });

    expect(unknown.status).toBe(404);
    expect(badNumber.status).toBe(400);
    expect(await badNumber.text()).toContain('Your number: a phone number is 6 to 15 digits');
  });
});
