import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const createCaller = createCallerFactory(appRouter);
const secrets = createSecretBox(randomBytes(32));

const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAKnownAccessToken9Zq7';
const APP_SECRET = 'f3c1a9e0d4b7app-secret-known-0042';
const VERIFY_TOKEN = 'verify-token-known-7781';

const INPUT = {
  name: 'Main number',
  wabaId: '102290129340398',
  phoneNumberId: '1065442759982347123',
  appId: '1234567890123456',
  appSecret: APP_SECRET,
  accessToken: ACCESS_TOKEN,
  webhookVerifyToken: VERIFY_TOKEN,
};

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

async function callerForNewWorkspace() {
  const workspaceId = await testDb.createWorkspace();

  return createCaller(testContext(testDb, workspaceId, { secrets }));
}

describe('connections router', () => {
  it('creates, lists, updates and deletes a connection', async () => {
    const caller = await callerForNewWorkspace();
    const created = await caller.connections.create(INPUT);

    expect(created).toMatchObject({
      name: 'Main number',
      phoneNumberId: '1065442759982347123',
      appId: '1234567890123456',
      graphApiUrl: 'https://graph.facebook.com/v23.0',
      appSecretSet: true,
      webhookVerifyTokenSet: true,
      accessTokenHint: '…9Zq7',
      secretsReadable: true,
    });
    expect(await caller.connections.list()).toEqual([created]);

    const updated = await caller.connections.update({
      id: created.id,
      changes: { name: 'Support', graphApiUrl: 'http://127.0.0.1:4010/v23.0/' },
    });

    expect(updated).toMatchObject({ name: 'Support', graphApiUrl: 'http://127.0.0.1:4010/v23.0' });
    expect(updated.accessTokenHint).toBe('…9Zq7');
    await caller.connections.delete({ id: created.id });
    expect(await caller.connections.list()).toEqual([]);
  });

  it('never answers with a secret in clear', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.connections.create(INPUT);
    const answers = JSON.stringify([
      await caller.connections.list(),
      await caller.connections.get({ id }),
      await caller.connections.update({ id, changes: { accessToken: `${ACCESS_TOKEN}-new` } }),
    ]);

    for (const secret of [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN]) {
      expect(answers).not.toContain(secret);
    }
    expect(answers).not.toContain('v1:');
  });

  it('answers not found for a connection of another workspace', async () => {
    const owner = await callerForNewWorkspace();
    const stranger = await callerForNewWorkspace();
    const { id } = await owner.connections.create(INPUT);

    expect((await trpcErrorOf(stranger.connections.get({ id }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(stranger.connections.delete({ id }))).code).toBe('NOT_FOUND');
    expect(
      (await trpcErrorOf(stranger.connections.update({ id, changes: { name: 'Mine' } }))).code,
    ).toBe('NOT_FOUND');
    expect(await stranger.connections.list()).toEqual([]);
    expect(await owner.connections.get({ id })).toMatchObject({ name: 'Main number' });
  });

  it('refuses a duplicate name, a non-numeric id and a Graph API URL that is not http(s)', async () => {
    const caller = await callerForNewWorkspace();
    await caller.connections.create(INPUT);

    expect((await trpcErrorOf(caller.connections.create(INPUT))).code).toBe('CONFLICT');
    expect(
      (await trpcErrorOf(caller.connections.create({ ...INPUT, name: 'B', wabaId: '12e3' }))).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await trpcErrorOf(
          caller.connections.create({ ...INPUT, name: 'C', graphApiUrl: 'file:///etc/passwd' }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });
});
