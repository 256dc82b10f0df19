import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import { apiTokenFor, authHeaders } from '../test-support/auth';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';

let testDb: TestDatabase;
let editorDir: string;
let baseUrl: string;
let auth: Record<string, string>;
let server: Server;

beforeAll(async () => {
  testDb = await openTestDatabase();
  editorDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-editor-'));
  await writeFile(path.join(editorDir, 'index.html'), '<!doctype html><title>Sanjay Flow</title>');
  const workspaceId = await testDb.createWorkspace();
  auth = authHeaders(await apiTokenFor(testDb.db, workspaceId));
  const app = createApp({
    db: testDb.db,
    workspaceId,
    logger: createLogger('silent'),
    secrets: createSecretBox(randomBytes(32)),
    editorDir,
  });
  await new Promise<void>((resolve) => {
    server = createServer(app).listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await testDb.dispose();
  await rm(editorDir, { recursive: true, force: true });
});

function postImport(body: string) {
  return fetch(`${baseUrl}/trpc/flows.import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body,
  });
}

describe('HTTP surface', () => {
  it('answers the health check while the database answers', async () => {
    const response = await fetch(`${baseUrl}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the editor for client-side routes and JSON 404s for unknown API paths', async () => {
    const page = await fetch(`${baseUrl}/flows/123`);
    const api = await fetch(`${baseUrl}/api/nothing`);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Sanjay Flow</title>');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 4xx with a readable message for bad imports, and never a stack trace', async () => {
    const notJson = await postImport(JSON.stringify({ fileName: 'a.json', text: 'not json' }));
    const wrongType = await postImport(JSON.stringify({ fileName: 'a.png', text: '{}' }));
    const brokenBody = await postImport('{"fileName": ');
    const notJsonBody = (await notJson.json()) as { error: { message: string; data: object } };

    expect(notJson.status).toBe(400);
    expect(notJsonBody.error.message).toMatch(/a\.json.*not valid Flow JSON/);
    expect(JSON.stringify(notJsonBody)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(wrongType.status).toBe(400);
    expect(brokenBody.status).toBe(400);
  });

  it('answers 413 for a request body over the limit', async () => {
    const text = 'x'.repeat(17 * 1024 * 1024);
    const response = await postImport(JSON.stringify({ fileName: 'big.json', text }));

    expect(response.status).toBe(413);
  });

  it('sets security headers', async () => {
    const response = await fetch(`${baseUrl}/healthz`);

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses requests for host names it was not told about, except Meta’s calls', async () => {
    const rebound = await getWithHost('/trpc/flows.list', 'rebind.attacker.example');
    const local = await getWithHost('/trpc/flows.list', 'localhost:3000');
    const health = await getWithHost('/healthz', 'rebind.attacker.example');

    expect(rebound.status).toBe(421);
    expect(rebound.body).toContain('SFLOW_ALLOWED_HOSTS');
    expect(local.status).toBe(200);
    expect(health.status).toBe(200);
  });

  it('does not ask browsers to upgrade to HTTPS while it serves plain HTTP', async () => {
    const response = await fetch(`${baseUrl}/`);

    expect(response.headers.get('content-security-policy')).not.toContain(
      'upgrade-insecure-requests',
    );
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers 404 for a missing file instead of the editor page', async () => {
    const asset = await fetch(`${baseUrl}/assets/missing.js`);
    const post = await fetch(`${baseUrl}/`, { method: 'POST' });

    expect(asset.status).toBe(404);
    expect(post.status).toBe(404);
    expect(await post.json()).toMatchObject({ error: { message: 'No route for POST /' } });
  });

  it('describes invalid input in words, not as a raw schema dump', async () => {
    const response = await fetch(
      `${baseUrl}/trpc/flows.get?input=${encodeURIComponent('{"id":"x"}')}`,
      { headers: auth },
    );
    const body = (await response.json()) as { error: { message: string } };

    expect(response.status).toBe(400);
    expect(body.error.message).toBe('Invalid input: id: not a Flow id');
  });

  it('refuses a batch of more than 20 calls', async () => {
    const calls = (count: number) => Array.from({ length: count }, () => 'flows.list').join(',');
    const allowed = await fetch(
      `${baseUrl}/trpc/${calls(20)}?batch=1&input=${encodeURIComponent('{}')}`,
      { headers: auth },
    );
    const refused = await fetch(
      `${baseUrl}/trpc/${calls(21)}?batch=1&input=${encodeURIComponent('{}')}`,
      { headers: auth },
    );

    expect(allowed.status).toBe(200);
    expect(refused.status).toBe(400);
  });

  it('refuses a Flow name with control characters', async () => {
    const response = await fetch(`${baseUrl}/trpc/flows.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ name: 'bad\u0000name' }),
    });
    const body = (await response.json()) as { error: { message: string } };

    expect(response.status).toBe(400);
    expect(body.error.message).toContain('control characters');
  });
});

function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers: { host, ...auth } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
