import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';

import { sealRequest } from '@sanjay-flow/meta-sim';
import { signPayload } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import {
  APP_SECRET,
  close,
  graphOf,
  listen,
  seedWorkspace,
} from '../endpoint/endpoint.test-helper';
import type { SeededWorkspace } from '../endpoint/endpoint.test-helper';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { addConnection, postWebhook, textWebhook } from '../webhooks/webhook.test-helper';

const secrets = createSecretBox(randomBytes(32));
const LIMITS = { endpointPerMinute: 3, webhookPerMinute: 3, publicPerMinute: 4 };
const WEBHOOK_SECRET = 'hardening-test-app-secret';

let testDb: TestDatabase;
let seeded: SeededWorkspace;
let workspaceId: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
  seeded = await seedWorkspace(
    testDb,
    secrets,
    graphOf([{ id: 'START', terminal: true }], { START: [] }, { nodes: [], edges: [] }),
  );
  workspaceId = await testDb.createWorkspace();
  for (const [index, wabaId] of ['900000000000001', '900000000000002'].entries()) {
    await addConnection(testDb.db, secrets, workspaceId, {
      name: `number ${index}`,
      wabaId,
      phoneNumberId: `91000000000000${index}`,
      appId: '930000000000001',
      appSecret: WEBHOOK_SECRET,
    });
  }
}, 60_000);

afterAll(async () => {
  await testDb.dispose();
});

/** The product on a fresh HTTP server (fresh limits), with the options given. */
async function startApp(options: { trustProxy?: false | number | string[] } = {}) {
  const app = createApp({
    db: testDb.db,
    workspaceId,
    logger: createLogger('silent'),
    secrets,
    rateLimits: LIMITS,
    endpoint: { budgetMs: 1000, httpAllowedHosts: [], lookupCacheMs: 0 },
    ...options,
  });
  const server = http.createServer(app);

  return { url: await listen(server), close: () => close(server) };
}

function postBody(url: string, size: number, signed = false) {
  const body = Buffer.alloc(size, 0x20);

  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signed ? { 'x-hub-signature-256': signPayload(body, APP_SECRET) } : {}),
    },
    body,
  });
}

describe('request body limits', () => {
  it('answer 413 with the limit in words on the data endpoint and the webhook', async () => {
    const product = await startApp();
    try {
      const endpoint = await postBody(`${product.url}/endpoint/${seeded.flowId}`, 11 * 1024 * 1024);
      const webhook = await postBody(`${product.url}/webhooks/whatsapp`, 5 * 1024 * 1024);
      const small = await postBody(`${product.url}/webhooks/whatsapp`, 1024);

      expect(endpoint.status).toBe(413);
      expect(await endpoint.text()).toBe(
        'Request body too large: the data endpoint accepts at most 10mb.',
      );
      expect(webhook.status).toBe(413);
      expect(await webhook.text()).toContain('the webhook accepts at most 4mb');
      expect(small.status).toBe(401);
    } finally {
      await product.close();
    }
  });
});

describe('the webhook limit per connection', () => {
  it('refuses accepted webhooks over the limit with 429 and Retry-After, and stores none of them', async () => {
    const product = await startApp();
    try {
      const post = (wabaId: string, id: string, secret: string | null = WEBHOOK_SECRET) =>
        postWebhook(product.url, textWebhook(wabaId, '910000000000000', [id]), secret);
      const unsigned = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => post('900000000000001', `wamid.u${n}`, null)),
      );
      const accepted = [];
      for (const n of [1, 2, 3]) {
        accepted.push((await post('900000000000001', `wamid.a${n}`)).status);
      }
      const refused = await post('900000000000001', 'wamid.a4');
      const otherConnection = await post('900000000000002', 'wamid.b1');

      expect(unsigned.map((response) => response.status)).toEqual([401, 401, 401, 401, 401]);
      expect(accepted).toEqual([200, 200, 200]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.text()).toMatch(
        /Too many requests for this connection: retry after \d+ seconds/,
      );
      expect(otherConnection.status).toBe(200);
      const stored = await testDb.db.prisma.inboxEvent.count({ where: { workspaceId } });
      expect(stored).toBe(4);
    } finally {
      await product.close();
    }
  });
});

describe('the data endpoint limit per Flow', () => {
  it('counts accepted calls only, then answers 429 with Retry-After', async () => {
    const product = await startApp();
    const url = `${product.url}/endpoint/${seeded.flowId}`;
    const ping = () => {
      const sealed = sealRequest({ version: '3.0', action: 'ping' }, seeded.publicKeyPem);

      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signPayload(sealed.body, APP_SECRET),
        },
        body: sealed.body,
      });
    };
    try {
      const forged = [];
      for (let n = 0; n < 5; n += 1) {
        forged.push((await fetch(url, { method: 'POST', body: '{}' })).status);
      }
      const accepted = [];
      for (let n = 0; n < 3; n += 1) {
        accepted.push((await ping()).status);
      }
      const refused = await ping();

      expect(forged.every((status) => status === 432)).toBe(true);
      expect(accepted).toEqual([200, 200, 200]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await product.close();
    }
  });
});

describe('the public pages’ limit per client address', () => {
  const postFrom = (url: string, forwardedFor: string) =>
    fetch(`${url}/privacy/request`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor,
      },
      body: 'step=start',
    });

  it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
    const product = await startApp();
    try {
      const statuses = [];
      for (let n = 0; n < 5; n += 1) {
        statuses.push((await postFrom(product.url, `203.0.113.${n}`)).status);
      }

      expect(statuses.slice(0, 4)).not.toContain(429);
      expect(statuses[4]).toBe(429);
      // Sign-in shares the allowance: guessing passwords and asking for codes count together.
      const signIn = await fetch(`${product.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.com', password: 'guess' }),
      });
      expect(signIn.status).toBe(429);
      expect(signIn.headers.get('retry-after')).not.toBeNull();
    } finally {
      await product.close();
    }
  });

  it('counts each forwarded client apart behind a trusted proxy', async () => {
    const product = await startApp({ trustProxy: ['loopback'] });
    try {
      const statuses = [];
      for (let n = 0; n < 5; n += 1) {
        statuses.push((await postFrom(product.url, `203.0.113.${n}`)).status);
      }
      for (let n = 0; n < 4; n += 1) {
        statuses.push((await postFrom(product.url, '198.51.100.7')).status);
      }
      const blocked = await postFrom(product.url, '198.51.100.7');

      expect(statuses).not.toContain(429);
      expect(blocked.status).toBe(429);
    } finally {
      await product.close();
    }
  });
});

describe('hardening configuration', () => {
  it('reads trust proxy as hops or addresses, and refuses "true"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({}).rateLimits).toEqual({
      endpointPerMinute: 6000,
      webhookPerMinute: 30_000,
      publicPerMinute: 20,
    });
    expect(loadConfig({ SFLOW_PUBLIC_RATE_PER_MINUTE: '200' }).rateLimits.publicPerMinute).toBe(
      200,
    );
    expect(loadConfig({ SFLOW_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ SFLOW_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(() => loadConfig({ SFLOW_TRUST_PROXY: 'true' })).toThrow(
      /SFLOW_TRUST_PROXY.*would trust any client/,
    );
    expect(() => loadConfig({ SFLOW_TRUST_PROXY: 'proxy.example' })).toThrow(ConfigError);
  });

  it('needs both TLS files, and reads the log file settings', () => {
    expect(() => loadConfig({ SFLOW_TLS_CERT: 'cert.pem' })).toThrow(
      /SFLOW_TLS_KEY: must be set too/,
    );
    expect(loadConfig({ SFLOW_TLS_CERT: 'c.pem', SFLOW_TLS_KEY: 'k.pem' }).tls).toEqual({
      certFile: path.resolve('c.pem'),
      keyFile: path.resolve('k.pem'),
    });
    expect(loadConfig({ SFLOW_LOG_FILE: 'logs/server.log' }).logFile).toMatchObject({
      retentionDays: 14,
    });
    expect(loadConfig({}).logFile).toBeUndefined();
  });
});
