import { randomUUID } from 'node:crypto';

import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrate/apply';
import { type TestDatabase, testDatabaseTargets } from '../testing/databases';
import { createConnectionRepository, type NewConnection } from './connections';
import { createKeyPairRepository, type NewKeyPair } from './key-pairs';

const HOUR = 3_600_000;

function newConnection(name: string): NewConnection {
  return {
    id: randomUUID(),
    name,
    wabaId: '102290129340398',
    phoneNumberId: '1065442759982347123',
    appId: '1234567890123456',
    appSecret: 'v1:sealed-app-secret',
    accessToken: 'v1:sealed-access-token',
    webhookVerifyToken: 'v1:sealed-verify-token',
    graphApiUrl: 'http://127.0.0.1:9/v23.0',
  };
}

function newKeyPair(label: string): NewKeyPair {
  return {
    id: randomUUID(),
    privateKey: `v1:sealed-${label}`,
    publicKey: `public ${label}`,
    fingerprint: label,
  };
}

describe.each(testDatabaseTargets())('connection repositories on the $name database', (target) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await target.start();
    await applyMigrations(database.url);
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.stop();
  });

  async function workspace(): Promise<string> {
    return (await prisma.workspace.create({ data: { name: 'Test' } })).id;
  }

  it('keeps ids of 16 digits and more exactly as text', async () => {
    const connections = createConnectionRepository(prisma);
    const owner = await workspace();
    const created = newConnection('Main');
    await connections.create(owner, created);

    expect(await connections.get(owner, created.id)).toMatchObject({
      phoneNumberId: '1065442759982347123',
      appId: '1234567890123456',
    });
  });

  it('answers a connection of another workspace as not found', async () => {
    const connections = createConnectionRepository(prisma);
    const owner = await workspace();
    const stranger = await workspace();
    const created = newConnection('Main');
    await connections.create(owner, created);

    expect(await connections.get(stranger, created.id)).toBeNull();
    expect(await connections.findByName(stranger, 'Main')).toBeNull();
    expect(await connections.list(stranger)).toEqual([]);
    expect(await connections.update(stranger, created.id, { name: 'Mine' })).toEqual({
      status: 'not_found',
    });
    expect(await connections.remove(stranger, created.id)).toBe(false);
    expect(await connections.get(owner, created.id)).toMatchObject({ name: 'Main' });
    expect(await connections.get(owner, 'not-a-uuid')).toBeNull();
  });

  it('refuses a second connection with the same name in one workspace only', async () => {
    const connections = createConnectionRepository(prisma);
    const owner = await workspace();
    const other = await workspace();
    const first = newConnection('Main');
    await connections.create(owner, first);
    const second = newConnection('Second');
    await connections.create(owner, second);

    expect(await connections.create(owner, newConnection('Main'))).toEqual({
      status: 'name_taken',
    });
    expect(await connections.update(owner, second.id, { name: 'Main' })).toEqual({
      status: 'name_taken',
    });
    expect((await connections.create(other, newConnection('Main'))).status).toBe('saved');
    expect((await connections.list(owner)).map((connection) => connection.name)).toEqual([
      'Main',
      'Second',
    ]);
  });

  it('keeps one active key, and retiring keys only until their time', async () => {
    const connections = createConnectionRepository(prisma);
    const keyPairs = createKeyPairRepository(prisma);
    const connection = newConnection('Keys');
    await connections.create(await workspace(), connection);
    const start = new Date('2026-01-01T00:00:00Z');
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR);
    // Each activation gives the key it replaces 24 hours: the first retires at 25 h, the
    // second at 26 h.

    const first = await keyPairs.activate(connection.id, newKeyPair('first'), {
      now: at(0),
      retiresAt: at(24), // nothing to retire yet
    });
    const second = await keyPairs.activate(connection.id, newKeyPair('second'), {
      now: at(1),
      retiresAt: at(25),
    });
    const third = await keyPairs.activate(connection.id, newKeyPair('third'), {
      now: at(2),
      retiresAt: at(26),
    });
    const ids = (keys: Array<{ id: string }>) => keys.map((key) => key.id);

    expect((await keyPairs.active(connection.id))?.id).toBe(third.id);
    expect(ids(await keyPairs.usableForDecryption(connection.id, at(3)))).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect(ids(await keyPairs.usableForDecryption(connection.id, at(25.5)))).toEqual([
      third.id,
      second.id,
    ]);
    expect(ids(await keyPairs.usableForDecryption(connection.id, at(30)))).toEqual([third.id]);

    const fourth = await keyPairs.activate(connection.id, newKeyPair('fourth'), {
      now: at(30),
      retiresAt: at(54),
    });
    const statuses = Object.fromEntries(
      (await keyPairs.list(connection.id)).map((key) => [key.id, key.status]),
    );

    expect(statuses).toEqual({
      [first.id]: 'retired',
      [second.id]: 'retired',
      [third.id]: 'retiring',
      [fourth.id]: 'active',
    });
  });

  it('never leaves two active keys after concurrent activations', async () => {
    const connections = createConnectionRepository(prisma);
    const connection = newConnection('Race');
    await connections.create(await workspace(), connection);
    const writers = Array.from(
      { length: 4 },
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) }),
    );
    try {
      const now = new Date();
      await Promise.all(
        writers.map((writer, index) =>
          createKeyPairRepository(writer).activate(connection.id, newKeyPair(`k${index}`), {
            now,
            retiresAt: new Date(now.getTime() + HOUR),
          }),
        ),
      );
    } finally {
      await Promise.all(writers.map((writer) => writer.$disconnect()));
    }
    const keys = await createKeyPairRepository(prisma).list(connection.id);

    expect(keys.filter((key) => key.status === 'active')).toHaveLength(1);
    expect(keys.filter((key) => key.status === 'retiring')).toHaveLength(3);
  });

  it('records the upload and the signature status Meta reports', async () => {
    const connections = createConnectionRepository(prisma);
    const keyPairs = createKeyPairRepository(prisma);
    const connection = newConnection('Upload');
    await connections.create(await workspace(), connection);
    const now = new Date('2026-02-01T10:00:00Z');
    const key = await keyPairs.activate(connection.id, newKeyPair('k'), { now, retiresAt: now });
    await keyPairs.recordUpload(key.id, now);
    await keyPairs.recordSignatureStatus(key.id, 'VALID', now);

    expect(await keyPairs.active(connection.id)).toMatchObject({
      uploadedAt: now,
      signatureStatus: 'VALID',
      signatureCheckedAt: now,
    });
    await connections.remove(await workspaceOf(connection.id), connection.id);
    expect(await keyPairs.list(connection.id)).toEqual([]);
  });

  async function workspaceOf(connectionId: string): Promise<string> {
    const row = await prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });

    return row.workspaceId;
  }
});
