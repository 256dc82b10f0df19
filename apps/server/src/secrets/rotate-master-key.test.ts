import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createKeyPairs } from '../connections/key-pairs';
import { createConnections } from '../connections/manage-connections';
import { destinationSecretPurpose } from '../delivery/destination-secret';
import { createTestConnection } from '../test-support/messaging';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { loadMasterKey, MasterKeyError, parseMasterKey } from './master-key';
import { countEnvelopesByKey, resealSecrets } from './reseal';
import { NEXT_MASTER_KEY_FILE, rotateMasterKey } from './rotate-master-key';
import { createSecretBox, type SecretBox } from './secret-box';

const DESTINATION_SECRET = 'whsec-destination-signing-secret-0001';

let testDb: TestDatabase;
let dataDir: string;
let workspaceId: string;
let connectionId: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  await testDb.dispose();
});

/** A data folder whose master key seals one connection, its key pair and one destination. */
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-rotate-'));
  const { key } = await loadMasterKey({ configured: undefined, dataDir });
  const secrets = createSecretBox(key);
  const prisma = testDb.db.prisma;
  // Each test starts from a database whose secrets are all under this test's key.
  await prisma.workspace.deleteMany({});
  workspaceId = await testDb.createWorkspace();
  connectionId = await createTestConnection(prisma, secrets, workspaceId, {
    accessToken: 'EAAG-rotation-access-token',
  });
  const record = await createConnections(prisma, secrets).record(workspaceId, connectionId);
  await createKeyPairs({ prisma, secrets, graceHours: 1 }).generate(record);
  const destinationId = randomUUID();
  await prisma.destination.create({
    data: {
      id: destinationId,
      workspaceId,
      name: 'CRM',
      url: 'https://crm.example/hook',
      secret: secrets.seal(DESTINATION_SECRET, destinationSecretPurpose(destinationId)),
    },
  });
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function currentKey(): Promise<SecretBox> {
  return createSecretBox((await loadMasterKey({ configured: undefined, dataDir })).key);
}

/** Every secret, opened with `secrets`: throws if any envelope is not under that key. */
async function openEverything(secrets: SecretBox) {
  const prisma = testDb.db.prisma;
  const connections = createConnections(prisma, secrets);
  const record = await connections.record(workspaceId, connectionId);
  const keyPairs = createKeyPairs({ prisma, secrets, graceHours: 1 });
  const keys = await keyPairs.decryptionKeysFor(connectionId);
  const destination = await prisma.destination.findFirstOrThrow({ where: { workspaceId } });

  return {
    credentials: connections.credentials(record),
    keys: keys.length,
    destination: secrets.open(destination.secret, destinationSecretPurpose(destination.id)),
  };
}

describe('sflow keys rotate-master', () => {
  it('re-seals every secret under a new key and swaps master.key', async () => {
    const before = await currentKey();
    const opened = await openEverything(before);

    const result = await rotateMasterKey({
      prisma: testDb.db.prisma,
      dataDir,
      configured: undefined,
    });
    const after = await currentKey();

    expect(result).toMatchObject({ resealed: 5, alreadyNew: 0, previousKeyId: before.keyId });
    expect(after.keyId).toBe(result.keyId);
    expect(after.keyId).not.toBe(before.keyId);
    expect(await countEnvelopesByKey(testDb.db.prisma)).toEqual({ [after.keyId]: 5 });
    expect(await openEverything(after)).toEqual(opened);
    expect(opened.credentials.accessToken).toBe('EAAG-rotation-access-token');
    await expect(openEverything(before)).rejects.toThrow(/current master key/);
    await expect(stat(path.join(dataDir, NEXT_MASTER_KEY_FILE))).rejects.toThrow(/ENOENT/);
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
  });

  it('changes nothing when a secret cannot be opened, and the old key still works', async () => {
    const before = await currentKey();
    await testDb.db.prisma.destination.updateMany({
      where: { workspaceId },
      data: { secret: createSecretBox(Buffer.alloc(32, 7)).seal('x', 'destination:other:secret') },
    });

    await expect(
      rotateMasterKey({ prisma: testDb.db.prisma, dataDir, configured: undefined }),
    ).rejects.toThrow();

    const counts = await countEnvelopesByKey(testDb.db.prisma);
    expect(counts[before.keyId]).toBe(4);
    // The new key waits beside the old one; the server refuses to start until it is settled.
    await expect(loadMasterKey({ configured: undefined, dataDir })).rejects.toThrow(
      /rotation was interrupted.*sflow keys rotate-master/,
    );
  });

  it('finishes a rotation interrupted after the commit, before the key file was swapped', async () => {
    const before = await currentKey();
    const next = createSecretBox(Buffer.alloc(32, 3));
    await writeFile(path.join(dataDir, NEXT_MASTER_KEY_FILE), Buffer.alloc(32, 3).toString('hex'), {
      mode: 0o600,
    });
    await resealSecrets(testDb.db.prisma, before, next);

    const result = await rotateMasterKey({
      prisma: testDb.db.prisma,
      dataDir,
      configured: undefined,
    });

    expect(result).toMatchObject({ resealed: 0, alreadyNew: 5, keyId: next.keyId });
    expect((await currentKey()).keyId).toBe(next.keyId);
    expect((await openEverything(next)).destination).toBe(DESTINATION_SECRET);
  });

  it('takes the new key from --new-key-file', async () => {
    const file = path.join(dataDir, 'new.key');
    await writeFile(file, Buffer.alloc(32, 5).toString('base64'), { mode: 0o600 });

    const result = await rotateMasterKey({
      prisma: testDb.db.prisma,
      dataDir,
      configured: undefined,
      newKeyFile: file,
    });

    expect(result.keyId).toBe(createSecretBox(Buffer.alloc(32, 5)).keyId);
    expect(parseMasterKey(await readFile(path.join(dataDir, 'master.key'), 'utf8'))).toEqual(
      Buffer.alloc(32, 5),
    );
  });

  it('with SFLOW_MASTER_KEY, generates the new key into the given file for the operator', async () => {
    const configured = (await loadMasterKey({ configured: undefined, dataDir })).key;
    const file = path.join(dataDir, 'next-environment.key');

    await expect(
      rotateMasterKey({ prisma: testDb.db.prisma, dataDir, configured }),
    ).rejects.toThrow(MasterKeyError);
    const result = await rotateMasterKey({
      prisma: testDb.db.prisma,
      dataDir,
      configured,
      newKeyFile: file,
    });
    const written = parseMasterKey(await readFile(file, 'utf8'));

    expect(result).toMatchObject({ resealed: 5, updateEnvironment: true, keyFile: file });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(written && createSecretBox(written).keyId).toBe(result.keyId);
    // master.key is not the key in use and is left alone.
    expect(parseMasterKey(await readFile(path.join(dataDir, 'master.key'), 'utf8'))).toEqual(
      configured,
    );
  });

  it('refuses a new key file others can read', async () => {
    const file = path.join(dataDir, 'open.key');
    await writeFile(file, Buffer.alloc(32, 6).toString('base64'), { mode: 0o644 });

    await expect(
      rotateMasterKey({
        prisma: testDb.db.prisma,
        dataDir,
        configured: undefined,
        newKeyFile: file,
      }),
    ).rejects.toThrow(/can be read by others/);
    expect(await countEnvelopesByKey(testDb.db.prisma)).toEqual({
      [(await currentKey()).keyId]: 5,
    });
  });
});
