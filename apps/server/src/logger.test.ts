import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from './app';
import { createLogger } from './logger';
import { logFileDestination, purgeOldLogFiles } from './logger-files';
import { redactText } from './logger-redact';
import { createSecretBox } from './secrets/secret-box';
import { readTestData } from './test-support/fixtures';
import { openTestDatabase, type TestDatabase } from './test-support/database';
import { eventually } from './workers/eventually.test-helper';

const ACCESS_TOKEN = `EAAG${'x7Kq2'.repeat(30)}`;
const APP_SECRET = 'a3f9c1d27e5b4f60a3f9c1d27e5b4f60';
const FLOW_TOKEN = 'u8Xn2vQpL0sR5tY7wZ9aB1cD3eF5gH7jK9mN1pQ3sT5';
const SIGNATURE = `sha256=${'ab12'.repeat(16)}`;
const CUSTOMER = '16315551234';

/** A logger whose lines are collected as text. */
function capturingLogger(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(
    level,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );

  return { logger, lines };
}

function expectNothingSensitive(output: string, extra: string[] = []) {
  for (const secret of [ACCESS_TOKEN, APP_SECRET, FLOW_TOKEN, SIGNATURE, CUSTOMER, ...extra]) {
    expect(output).not.toContain(secret);
  }
}

describe('log redaction at the logger', () => {
  it('removes phone numbers, user ids and answers from a real completion webhook', () => {
    const { logger, lines } = capturingLogger();
    const webhook = (
      JSON.parse(readTestData('pywa_webhook_flow-completion_nfm_reply.json')) as {
        completion: unknown;
      }
    ).completion;
    const text = JSON.parse(
      readTestData('meta-tools_capi-postman_webhook_received-text-message.json'),
    ) as unknown;

    logger.info({ webhook, text }, 'webhook received');
    const output = lines.join('');

    expectNothingSensitive(output, [
      '972987654321',
      '972123456789',
      'US.13491208655302741918',
      'Comment Text',
      'AQAAAAACS5FpgQ_cAAAAAD0QI3s',
      'Hello this is an answer',
      'Kerry Fisher',
    ]);
    // Meta's ids are not phone numbers and stay, so the line is still useful.
    expect(output).toContain('1122334455667');
    expect(output).toContain('wamid.wegrchytvwcggt==');
    const wamid = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA';
    logger.info({ wamid }, 'message sent');
    expect(lines.at(-1)).toContain(wamid);
  });

  it('removes a decrypted data-endpoint request and its flow token at any depth', () => {
    const { logger, lines } = capturingLogger();
    const request = {
      version: '3.0',
      action: 'data_exchange',
      screen: 'BOOKING',
      data: { answers: { name: 'Ana', phone: '+4915112345678' } },
      flow_token: FLOW_TOKEN,
    };

    logger.debug({ call: { decryptedRequest: request, nested: { request } } }, 'endpoint call');
    const output = lines.join('');

    expectNothingSensitive(output, ['+4915112345678', '4915112345678']);
    expect(output).toContain('data_exchange');
  });

  it('removes the CDN address and keys of a file picked at the data endpoint', () => {
    const { logger, lines } = capturingLogger();
    const key = randomBytes(32).toString('base64');
    const hmacKey = randomBytes(32).toString('base64');
    const file = {
      media_id: '790aba14-5f4a-4dbd-b9a4-3c1d7e0b2a11',
      cdn_url: 'https://mmg.whatsapp.net/v/t62.7118-24/file.enc?oh=01_Q5AaIA',
      encryption_metadata: { encryption_key: key, hmac_key: hmacKey, iv: 'AAAA' },
    };

    logger.warn({ photo: [file], keys: { encryptionKey: key, hmacKey } }, 'endpoint media');
    const output = lines.join('');

    expectNothingSensitive(output, [key, hmacKey, 'mmg.whatsapp.net']);
    expect(output).toContain(file.media_id);
  });

  it('removes credentials named by their field and found in free text and errors', () => {
    const { logger, lines } = capturingLogger();
    const error = new Error(
      `Graph API refused Bearer ${ACCESS_TOKEN}: recipient ${CUSTOMER} not in allowed list`,
    );

    logger.error(
      {
        err: error,
        connection: { accessToken: ACCESS_TOKEN, appSecret: APP_SECRET },
        headers: { 'X-Hub-Signature-256': SIGNATURE, 'x-sflow-signature': SIGNATURE },
        to: CUSTOMER,
      },
      `send to +${CUSTOMER} failed with token ${FLOW_TOKEN}`,
    );
    const output = lines.join('');

    expectNothingSensitive(output);
    expect(output).toContain('not in allowed list');
    expect(output).toContain('[redacted]');
  });

  it('keeps request ids, ports, dates and counts readable', () => {
    const id = '6f1c2d3e-0000-4000-8000-000000000001';

    expect(redactText(`flow ${id} at 2026-12-04T22:22:52.123Z on :3000, 42 items`)).toBe(
      `flow ${id} at 2026-12-04T22:22:52.123Z on :3000, 42 items`,
    );
    expect(redactText('call +44 7911123456 now')).toBe('call +44 [redacted] now');
    expect(redactText('applied 20261204171231_connections_and_key_pairs')).toBe(
      'applied 20261204171231_connections_and_key_pairs',
    );
    expect(redactText(`secret ${'9f'.repeat(16)} and ${FLOW_TOKEN}.`)).toBe(
      'secret [redacted] and [redacted].',
    );
  });
});

describe('request logs', () => {
  let testDb: TestDatabase;
  let server: Server;
  let baseUrl: string;
  const captured = capturingLogger('info');

  beforeAll(async () => {
    testDb = await openTestDatabase();
    const app = createApp({
      db: testDb.db,
      workspaceId: await testDb.createWorkspace(),
      logger: captured.logger,
      secrets: createSecretBox(randomBytes(32)),
    });
    server = await new Promise<Server>((resolve) => {
      const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testDb.dispose();
  });

  it('carry no header secret, cookie, verify token or webhook content', async () => {
    const body = readTestData('meta-tools_capi-postman_webhook_received-text-message.json');
    const posted = await fetch(`${baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': SIGNATURE,
        authorization: `Bearer ${ACCESS_TOKEN}`,
        cookie: `sflow_session=${FLOW_TOKEN}`,
      },
      body,
    });
    const handshake = await fetch(
      `${baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${APP_SECRET}&hub.challenge=1`,
    );
    await Promise.all([posted.text(), handshake.text()]);
    await eventually(() => Promise.resolve(captured.lines.length >= 2));
    const output = captured.lines.join('');

    expect(posted.status).toBe(401);
    expectNothingSensitive(output, ['Kerry Fisher', 'Hello this is an answer']);
    expect(output).toContain('/webhooks/whatsapp');
  });
});

describe('log files', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'sflow-logs-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('are written redacted to a dated file only their owner may read', async () => {
    const file = path.join(folder, 'server.log');
    const { destination, stop } = logFileDestination({ file, retentionDays: 14 });
    const logger = createLogger('info', destination);

    logger.info({ accessToken: ACCESS_TOKEN, to: CUSTOMER }, 'message sent');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    stop();
    let written = '';
    await eventually(async () => {
      const names = (await readdir(folder)).filter((name) => name.startsWith('server.'));
      written = (
        await Promise.all(names.map((name) => readFile(path.join(folder, name), 'utf8')))
      ).join('');

      return written.includes('message sent');
    });

    expect(written).not.toContain(ACCESS_TOKEN);
    expect(written).not.toContain(CUSTOMER);
    for (const name of (await readdir(folder)).filter((each) => each.startsWith('server.'))) {
      expect((await stat(path.join(folder, name))).mode & 0o777).toBe(0o600);
    }
  });

  it('older than the retention are deleted, and no other file', async () => {
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const old = path.join(folder, 'api.2026-01-01.1.log');
    const recent = path.join(folder, 'api.2026-01-20.1.log');
    const unrelated = path.join(folder, 'notes.2026-01-01.1.log');
    for (const file of [old, recent, unrelated]) {
      await writeFile(file, '{}\n');
    }
    await utimes(old, new Date(now - 15 * day), new Date(now - 15 * day));
    await utimes(recent, new Date(now - 13 * day), new Date(now - 13 * day));
    await utimes(unrelated, new Date(now - 30 * day), new Date(now - 30 * day));

    const deleted = await purgeOldLogFiles(path.join(folder, 'api.log'), 14 * day, now);

    expect(deleted).toEqual([old]);
    expect((await readdir(folder)).sort()).toEqual(
      expect.arrayContaining([path.basename(recent), path.basename(unrelated)]),
    );
    expect(await readdir(folder)).not.toContain(path.basename(old));
  });
});
