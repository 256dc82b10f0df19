import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setPassword } from '../auth/accounts';
import { authenticateApiToken } from '../auth/api-tokens';
import { useSignInLink } from '../auth/sign-in-links';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { trpcErrorOf } from '../test-support/trpc';
import { callerFor } from './isolation.test-helper';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(() => testDb.dispose());

describe('members', () => {
  it('are added by email with a one-time link until they have a password', async () => {
    const workspaceId = await testDb.createWorkspace();
    const owner = callerFor(testDb, workspaceId, 'owner');

    const added = await owner.members.add({ email: 'New@Example.test', role: 'editor' });
    const token = added.signInLinkPath?.split('#link=')[1] ?? '';
    await setPassword(testDb.db.prisma, added.userId, 'a password of length');
    const again = await owner.members.add({ email: 'new@example.test', role: 'viewer' });

    expect(added.signInLinkPath).toMatch(/^\/sign-in#link=sfl_/);
    expect(await useSignInLink(testDb.db.prisma, token)).toBe(added.userId);
    expect(again).toMatchObject({ userId: added.userId, signInLinkPath: null });
    expect(await owner.members.list()).toEqual([
      expect.objectContaining({ email: 'new@example.test', role: 'viewer', hasPassword: true }),
    ]);
  });

  it('keep at least one owner', async () => {
    const workspaceId = await testDb.createWorkspace();
    const owner = callerFor(testDb, workspaceId, 'owner');
    const { userId } = await owner.members.add({ email: 'only@example.test', role: 'owner' });
    const second = await owner.members.add({ email: 'second@example.test', role: 'owner' });

    await owner.members.changeRole({ userId: second.userId, role: 'editor' });
    const demoted = await trpcErrorOf(owner.members.changeRole({ userId, role: 'viewer' }));
    const removed = await trpcErrorOf(owner.members.remove({ userId }));
    await owner.members.remove({ userId: second.userId });

    expect(demoted.code).toBe('CONFLICT');
    expect(removed.code).toBe('CONFLICT');
    expect((await owner.members.list()).map((member) => member.email)).toEqual([
      'only@example.test',
    ]);
  });
});

describe('API tokens', () => {
  it('are shown once at creation, listed without the token, and stop working when revoked', async () => {
    const workspaceId = await testDb.createWorkspace();
    const owner = callerFor(testDb, workspaceId, 'owner');

    const created = await owner.tokens.create({ name: 'CI', role: 'viewer' });
    const listed = await owner.tokens.list();
    const before = await authenticateApiToken(testDb.db.prisma, created.token);
    await owner.tokens.revoke({ id: created.id });

    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, prefix: created.prefix })]);
    expect(before).toEqual({ tokenId: created.id, workspaceId, role: 'viewer' });
    expect(await authenticateApiToken(testDb.db.prisma, created.token)).toBeNull();
  });
});
