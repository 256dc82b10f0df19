import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';

import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../app';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { listenHttps, TlsSetupError } from './tls';

let folder: string;
let testDb: TestDatabase;
let certificate: { cert: string; key: string };
let server: Server;
let port: number;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'sflow-tls-'));
  testDb = await openTestDatabase();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  certificate = { cert: pems.cert, key: pems.private };
  await writeFile(path.join(folder, 'cert.pem'), pems.cert);
  await writeFile(path.join(folder, 'key.pem'), pems.private, { mode: 0o600 });
  const app = createApp({
    db: testDb.db,
    workspaceId: await testDb.createWorkspace(),
    logger: createLogger('silent'),
    secrets: createSecretBox(randomBytes(32)),
    https: true,
  });
  server = await listenHttps(
    app,
    { certFile: path.join(folder, 'cert.pem'), keyFile: path.join(folder, 'key.pem') },
    0,
    '127.0.0.1',
  );
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await testDb.dispose();
  await rm(folder, { recursive: true, force: true });
});

/** GET over HTTPS, trusting only the test's own certificate. */
function getHttps(pathName: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: pathName, ca: certificate.cert, method: 'GET' },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTPS listener', () => {
  it('serves over TLS with HSTS and upgrade-insecure-requests on', async () => {
    const response = await getHttps('/healthz');

    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(String(response.headers['content-security-policy'])).toContain(
      'upgrade-insecure-requests',
    );
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(fetch(`https://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses to start with a key that does not match the certificate, or a non-PEM file', async () => {
    const other = await generate([{ name: 'commonName', value: 'other' }], { keySize: 2048 });
    await writeFile(path.join(folder, 'other-key.pem'), other.private);
    await writeFile(path.join(folder, 'empty.pem'), 'not a certificate');
    const app = createApp({
      db: testDb.db,
      workspaceId: await testDb.createWorkspace(),
      logger: createLogger('silent'),
      secrets: createSecretBox(randomBytes(32)),
    });
    const start = (certFile: string, keyFile: string) =>
      listenHttps(
        app,
        { certFile: path.join(folder, certFile), keyFile: path.join(folder, keyFile) },
        0,
        '127.0.0.1',
      );

    await expect(start('cert.pem', 'other-key.pem')).rejects.toThrow(/cannot be used together/);
    await expect(start('empty.pem', 'key.pem')).rejects.toThrow(
      /SFLOW_TLS_CERT: .* is not a PEM file/,
    );
    await expect(start('missing.pem', 'key.pem')).rejects.toThrow(TlsSetupError);
  });
});
