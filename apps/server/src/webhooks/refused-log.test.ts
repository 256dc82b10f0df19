import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createSecretBox } from '../secrets/secret-box';
import { eventually } from '../workers/eventually.test-helper';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { capturingLogger, type LogLine } from '../test-support/logs';

const WEBHOOK = '{"object":"whatsapp_business_account","entry":[]}';

let testDb: TestDatabase;
let server: Server;
let baseUrl: string;
let lines: LogLine[] = [];

beforeAll(async () => {
  testDb = await openTestDatabase();
  const captured = capturingLogger('info');
  const { logger } = captured;
  lines = captured.lines;
  const app = createApp({
    db: testDb.db,
    workspaceId: await testDb.createWorkspace(),
    logger,
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

beforeEach(() => {
  lines.length = 0;
});

/**
 * The log lines written for the request answered with this X-Request-Id, once the request
 * logger's completion line (written as the response finishes) is among them.
 */
async function linesOf(response: Response): Promise<LogLine[]> {
  const requestId = response.headers.get('x-request-id');
  const ofRequest = () =>
    lines.filter((line) => (line['req'] as { id?: unknown } | undefined)?.id === requestId);
  await eventually(() => Promise.resolve(ofRequest().some((line) => 'responseTime' in line)));

  return ofRequest();
}

describe('a refused webhook request in the log', () => {
  it('is one warning line that says why', async () => {
    const response = await fetch(`${baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
      body: WEBHOOK,
    });
    await response.text();

    expect(response.status).toBe(401);
    const logged = await linesOf(response);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, msg: 'webhook refused', bytes: WEBHOOK.length });
    expect(logged[0]?.['reason']).toEqual(expect.any(String));
  });

  it('is one warning line for a refused verification handshake', async () => {
    const query = 'hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444';
    const response = await fetch(`${baseUrl}/webhooks/whatsapp?${query}`);
    await response.text();

    expect(response.status).toBeGreaterThanOrEqual(400);
    const logged = await linesOf(response);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, msg: 'webhook verification refused' });
    expect(JSON.stringify(logged)).not.toContain('wrong-token');
  });

  it('leaves other requests with the usual completion line', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    await response.text();

    expect(await linesOf(response)).toEqual([
      expect.objectContaining({ msg: 'request completed' }),
    ]);
  });
});
