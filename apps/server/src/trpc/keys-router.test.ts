import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

import { createMetaSim, type MetaSim } from '@sanjay-flow/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { publicKeyFingerprint } from '@sanjay-flow/whatsapp';

import { createKeyPairs } from '../connections/key-pairs';
import { createConnections } from '../connections/manage-connections';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { connectionsRouter } from './connections-router';
import { createCallerFactory, router } from './trpc';

const createCaller = createCallerFactory(router({ connections: connectionsRouter }));
const secrets = createSecretBox(randomBytes(32));
const ACCESS_TOKEN = 'EAAG-keys-router-token';

let testDb: TestDatabase;
let sim: MetaSim;

beforeAll(async () => {
  testDb = await openTestDatabase();
  sim = await createMetaSim();
});

afterAll(async () => {
  await sim.close();
  await testDb.dispose();
});

async function workspaceAtTheStandIn(options: { withKeyPairs: boolean }) {
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  const business = await sim.control.registerBusiness({ accessToken: ACCESS_TOKEN });
  const connections = createConnections(prisma, secrets);
  const connection = await connections.create(workspaceId, {
    name: 'stand-in',
    wabaId: business.wabaId,
    phoneNumberId: business.phoneNumberId,
    appId: business.appId,
    appSecret: business.appSecret,
    accessToken: ACCESS_TOKEN,
    webhookVerifyToken: 'verify',
    graphApiUrl: `${sim.url}/v23.0`,
  });
  const caller = createCaller(
    testContext(testDb, workspaceId, {
      secrets,
      overrides: options.withKeyPairs
        ? { keyPairs: createKeyPairs({ prisma, secrets, graceHours: 1 }) }
        : {},
    }),
  );

  return { caller, business, connectionId: connection.id };
}

describe('connections.keys router', () => {
  it('generates a key pair, uploads its public half to Meta and reads back a valid signature', async () => {
    const { caller, business, connectionId } = await workspaceAtTheStandIn({ withKeyPairs: true });
    const generated = await caller.connections.keys.generate({ connectionId });

    expect(generated).toMatchObject({ status: 'active', uploadedAt: null, signatureStatus: null });
    expect(generated).not.toHaveProperty('privateKey');
    const uploaded = await caller.connections.keys.upload({ connectionId });
    expect(uploaded).toMatchObject({ signatureStatus: 'VALID', publicKeyMatches: true });
    expect(sim.control.business(business.wabaId).businessPublicKey).toBe(generated.publicKeyPem);
    const [listed] = await caller.connections.keys.list({ connectionId });
    expect(listed).toMatchObject({ id: generated.id, signatureStatus: 'VALID' });
    expect(listed?.uploadedAt).not.toBeNull();
  });

  it('refuses a second first key, and rotates to a new active key instead', async () => {
    const { caller, connectionId } = await workspaceAtTheStandIn({ withKeyPairs: true });
    const first = await caller.connections.keys.generate({ connectionId });

    expect((await trpcErrorOf(caller.connections.keys.generate({ connectionId }))).code).toBe(
      'CONFLICT',
    );
    const rotated = await caller.connections.keys.rotate({ connectionId });
    expect(rotated.fingerprint).not.toBe(first.fingerprint);
    const states = (await caller.connections.keys.list({ connectionId })).map((key) => [
      key.id,
      key.status,
    ]);
    expect(states).toEqual(
      expect.arrayContaining([
        [rotated.id, 'active'],
        [first.id, 'retiring'],
      ]),
    );
  });

  it('imports a pasted PKCS#1 key, then an encrypted PKCS#8 key with its passphrase', async () => {
    const { caller, connectionId } = await workspaceAtTheStandIn({ withKeyPairs: true });
    const first = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const second = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const fingerprintOf = (key: typeof first) =>
      publicKeyFingerprint(createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString());
    const encrypted = second
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' })
      .toString();

    const imported = await caller.connections.keys.import({
      connectionId,
      privateKeyPem: first.export({ type: 'pkcs1', format: 'pem' }).toString(),
      passphrase: '',
    });
    expect(imported).toMatchObject({ status: 'active', fingerprint: fingerprintOf(first) });
    expect(imported).not.toHaveProperty('privateKey');
    const wrong = await trpcErrorOf(
      caller.connections.keys.import({ connectionId, privateKeyPem: encrypted, passphrase: 'no' }),
    );
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(wrong.message).toMatch(/passphrase/i);
    const missing = await trpcErrorOf(
      caller.connections.keys.import({ connectionId, privateKeyPem: encrypted }),
    );
    expect(missing.message).toBe('The private key is encrypted: give its passphrase.');
    const replaced = await caller.connections.keys.import({
      connectionId,
      privateKeyPem: encrypted,
      passphrase: 'open sesame',
    });
    expect(replaced.fingerprint).toBe(fingerprintOf(second));
    expect((await caller.connections.keys.list({ connectionId })).map((key) => key.status)).toEqual(
      ['active', 'retiring'],
    );
  });

  it("answers NOT_FOUND for another workspace's connection and refuses a bad id", async () => {
    const mine = await workspaceAtTheStandIn({ withKeyPairs: true });
    const theirs = await workspaceAtTheStandIn({ withKeyPairs: true });

    expect(
      (
        await trpcErrorOf(
          mine.caller.connections.keys.generate({ connectionId: theirs.connectionId }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await trpcErrorOf(mine.caller.connections.keys.upload({ connectionId: 'not-an-id' }))).code,
    ).toBe('BAD_REQUEST');
  });

  it('fails plainly when the context carries no key pairs', async () => {
    const { caller, connectionId } = await workspaceAtTheStandIn({ withKeyPairs: false });

    expect((await trpcErrorOf(caller.connections.keys.list({ connectionId }))).message).toContain(
      'key pairs are not available',
    );
  });
});
