import {
  constants,
  createCipheriv,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decryptRequest } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '../errors';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { createKeyPairs } from './key-pairs';
import { createConnections } from './manage-connections';
import { uploadPublicKey } from './upload-public-key';

const HOUR = 3_600_000;
const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAKnownAccessToken9Zq7';
const APP_SECRET = 'f3c1a9e0d4b7app-secret-known-0042';
const VERIFY_TOKEN = 'verify-token-known-7781';

const secrets = createSecretBox(randomBytes(32));
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

/** A clock the test moves by hand. */
function manualClock(start = '2026-03-01T09:00:00Z') {
  let now = new Date(start).getTime();

  return {
    now: () => new Date(now),
    advanceHours: (hours: number) => {
      now += hours * HOUR;
    },
  };
}

async function setUp(graphApiUrl = 'http://127.0.0.1:9/v23.0') {
  const workspaceId = await testDb.createWorkspace();
  const clock = manualClock();
  const connections = createConnections(testDb.db.prisma, secrets);
  const keyPairs = createKeyPairs({
    prisma: testDb.db.prisma,
    secrets,
    graceHours: 24,
    now: clock.now,
  });
  const view = await connections.create(workspaceId, {
    name: 'Main',
    wabaId: '102290129340398',
    phoneNumberId: '1065442759982347123',
    appId: '1234567890123456',
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    webhookVerifyToken: VERIFY_TOKEN,
    graphApiUrl,
  });
  const connection = await connections.record(workspaceId, view.id);

  return { workspaceId, clock, connections, keyPairs, connection };
}

/** A data-endpoint request body as a phone builds it with the public key it holds. */
function encryptAsPhone(publicKeyPem: string, payload: unknown) {
  const aesKey = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
  const data = Buffer.concat([
    cipher.update(JSON.stringify(payload)),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const wrapped = publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    aesKey,
  );

  return {
    encrypted_flow_data: data.toString('base64'),
    encrypted_aes_key: wrapped.toString('base64'),
    initial_vector: iv.toString('base64'),
  };
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);

  return error as AppError;
}

async function dumpTables(): Promise<string> {
  const rows = await testDb.db.prisma.$queryRawUnsafe<unknown[]>(
    'SELECT row_to_json(c)::text AS row FROM connection c UNION ALL ' +
      'SELECT row_to_json(k)::text FROM key_pair k',
  );

  return JSON.stringify(rows);
}

describe('secrets at rest', () => {
  it('stores no token, secret or private key in clear', async () => {
    const { connection, keyPairs, connections } = await setUp();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await keyPairs.import(connection, pkcs1);
    const dump = await dumpTables();
    const pemLines = [...pkcs1.split('\n'), ...pkcs8.split('\n')].filter(
      (line) => line.length > 40,
    );

    expect(dump).toContain(connection.id);
    for (const secret of [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN, ...pemLines]) {
      expect(dump).not.toContain(secret);
    }
    expect(connections.credentials(connection)).toEqual({
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      webhookVerifyToken: VERIFY_TOKEN,
    });
  });

  it('cannot open a secret moved to another row', async () => {
    const first = await setUp();
    const second = await setUp();
    await testDb.db.prisma.connection.update({
      where: { id: second.connection.id },
      data: { accessToken: first.connection.accessToken },
    });
    const moved = await second.connections.record(second.workspaceId, second.connection.id);

    expect(() => second.connections.credentials(moved)).toThrow(/authentication/);
    expect((await second.connections.get(second.workspaceId, moved.id)).secretsReadable).toBe(
      false,
    );
  });
});

describe('key pairs', () => {
  it('generates the first key, then asks to rotate instead', async () => {
    const { connection, keyPairs } = await setUp();
    const generated = await keyPairs.generate(connection);

    expect(generated).toMatchObject({ status: 'active', retiresAt: null });
    expect(generated.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await appErrorOf(keyPairs.generate(connection))).code).toBe('KEY_PAIR_EXISTS');
  });

  it('refuses a bad key at import with a clear error', async () => {
    const { connection, keyPairs } = await setUp();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await appErrorOf(keyPairs.import(connection, ecPem));

    expect(error.code).toBe('INVALID_PRIVATE_KEY');
    expect(error.message).toMatch(/not RSA/);
    expect((await appErrorOf(keyPairs.active(connection))).code).toBe('KEY_PAIR_NOT_FOUND');
  });

  it('keeps decrypting with the previous key during the grace period only', async () => {
    const { connection, keyPairs, clock } = await setUp();
    const first = await keyPairs.generate(connection);
    const requestForFirst = encryptAsPhone(first.publicKeyPem, { action: 'ping' });
    clock.advanceHours(1);
    const second = await keyPairs.rotate(connection);
    const fingerprints = async () =>
      (await keyPairs.decryptionKeysFor(connection.id)).map((key) => key.fingerprint);

    expect(await fingerprints()).toEqual([second.fingerprint, first.fingerprint]);
    const [, previous] = await keyPairs.decryptionKeysFor(connection.id);
    expect(previous && decryptRequest(requestForFirst, previous.privateKey).decryptedBody).toEqual({
      action: 'ping',
    });
    expect((await keyPairs.list(connection)).map((key) => [key.id, key.status])).toEqual([
      [second.id, 'active'],
      [first.id, 'retiring'],
    ]);
    expect((await keyPairs.list(connection))[1]?.retiresAt).toEqual(
      new Date(clock.now().getTime() + 24 * HOUR),
    );

    clock.advanceHours(23.9);
    expect(await fingerprints()).toEqual([second.fingerprint, first.fingerprint]);
    clock.advanceHours(0.2);
    expect(await fingerprints()).toEqual([second.fingerprint]);
  });
});

describe('public key upload', () => {
  let server: Server;
  let graphApiUrl: string;
  let storedKey: string | undefined;
  let signatureStatus = 'VALID';
  let refusal: unknown;
  const calls: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        calls.push(`${req.method} ${req.url} ${req.headers.authorization}`);
        res.setHeader('content-type', 'application/json');
        if (refusal !== undefined) {
          res.statusCode = 400;
          res.end(JSON.stringify(refusal));

          return;
        }
        if (req.method === 'POST') {
          storedKey = new URLSearchParams(body).get('business_public_key') ?? undefined;
          res.end(JSON.stringify({ success: true }));

          return;
        }
        const data = storedKey
          ? [
              {
                business_public_key: storedKey,
                business_public_key_signature_status: signatureStatus,
              },
            ]
          : [];
        res.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graphApiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v23.0`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('uploads the active public key and records the signature status Meta reports', async () => {
    const { connection, keyPairs, connections } = await setUp(graphApiUrl);
    const active = await keyPairs.generate(connection);
    const result = await uploadPublicKey({ connections, keyPairs }, connection);

    expect(calls.slice(-2)).toEqual([
      `POST /v23.0/1065442759982347123/whatsapp_business_encryption Bearer ${ACCESS_TOKEN}`,
      `GET /v23.0/1065442759982347123/whatsapp_business_encryption Bearer ${ACCESS_TOKEN}`,
    ]);
    expect(storedKey).toBe(active.publicKeyPem);
    expect(result).toMatchObject({ signatureStatus: 'VALID', publicKeyMatches: true });
    expect(result.keyPair).toMatchObject({ id: active.id, signatureStatus: 'VALID' });
    expect(result.keyPair.uploadedAt).toBeInstanceOf(Date);
  });

  it('reports a signature mismatch', async () => {
    const { connection, keyPairs, connections } = await setUp(graphApiUrl);
    await keyPairs.generate(connection);
    signatureStatus = 'MISMATCH';
    try {
      const result = await uploadPublicKey({ connections, keyPairs }, connection);

      expect(result.signatureStatus).toBe('MISMATCH');
      expect((await keyPairs.active(connection)).signatureStatus).toBe('MISMATCH');
    } finally {
      signatureStatus = 'VALID';
    }
  });

  it("reports Meta's refusal with its code and trace id, and records no upload", async () => {
    const { connection, keyPairs, connections } = await setUp(graphApiUrl);
    await keyPairs.generate(connection);
    refusal = {
      error: {
        message: '(#100) Invalid parameter',
        type: 'OAuthException',
        code: 100,
        fbtrace_id: 'Ax1By2',
      },
    };
    try {
      const error = await appErrorOf(uploadPublicKey({ connections, keyPairs }, connection));

      expect(error.code).toBe('GRAPH_API_FAILED');
      expect(error.message).toMatch(/Invalid parameter.*code 100.*fbtrace_id Ax1By2/);
      expect((await keyPairs.active(connection)).uploadedAt).toBeNull();
    } finally {
      refusal = undefined;
    }
  });

  it('needs an active key pair first', async () => {
    const { connection, keyPairs, connections } = await setUp(graphApiUrl);

    expect((await appErrorOf(uploadPublicKey({ connections, keyPairs }, connection))).code).toBe(
      'KEY_PAIR_NOT_FOUND',
    );
  });
});
