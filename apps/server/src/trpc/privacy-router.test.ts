import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedCustomer, seedWorkspace } from '../privacy/subject.test-helper';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import type { Role } from './context';
import { privacyRouter } from './privacy-router';
import { createCallerFactory, router } from './trpc';

const createCaller = createCallerFactory(router({ privacy: privacyRouter }));
const CUSTOMER = { waId: '33612345678', userId: 'US.42' };

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
}, 60_000);
afterAll(() => testDb.dispose());

function callerFor(workspaceId: string, role: Role = 'owner', userId: string = randomUUID()) {
  return createCaller(
    testContext(testDb, workspaceId, { overrides: { role, actor: { kind: 'user', userId } } }),
  ).privacy;
}

describe('privacy procedures', () => {
  it('shows retention to every member and lets owners alone change it', async () => {
    const workspaceId = await testDb.createWorkspace();
    const viewer = callerFor(workspaceId, 'viewer');

    const shown = await viewer.retention();
    expect(shown.settings.submissionDays).toBe(30);
    expect(shown.rules.map((rule) => rule.dataClass)).toContain('rawWebhooks');
    expect((await trpcErrorOf(viewer.updateRetention({ logDays: 20 }))).code).toBe('FORBIDDEN');
    expect(
      (await trpcErrorOf(callerFor(workspaceId, 'editor').updateRetention({ logDays: 20 }))).code,
    ).toBe('FORBIDDEN');
    const owner = await testDb.db.prisma.user.create({
      data: { email: `owner-${randomUUID()}@example.test` },
    });
    const updated = await callerFor(workspaceId, 'owner', owner.id).updateRetention({
      logDays: 20,
    });
    expect(updated.settings.logDays).toBe(20);
    expect((await trpcErrorOf(viewer.updateRetention({ logDays: 2 }))).code).toBe('FORBIDDEN');
    const bad = await trpcErrorOf(callerFor(workspaceId).updateRetention({ logDays: 2 }));
    expect(bad.message).toContain('logDays');
    const [entry] = await viewer.audit({});
    expect(entry).toMatchObject({ action: 'retention.update', actor: owner.email });
  });

  it('exports and erases a customer for owners, after the number is typed twice', async () => {
    const prisma = testDb.db.prisma;
    const seeded = await seedWorkspace(prisma, await testDb.createWorkspace());
    await seedCustomer(prisma, seeded, CUSTOMER);
    const owner = callerFor(seeded.workspaceId);

    expect(
      (
        await trpcErrorOf(
          callerFor(seeded.workspaceId, 'editor').exportSubject({ phone: '33612345678' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const copy = await owner.exportSubject({ phone: '+33 6 12 34 56 78' });
    expect(copy.submissions).toHaveLength(1);
    const refused = await trpcErrorOf(
      owner.eraseSubject({ phone: '33612345678', confirm: '33612345679' }),
    );
    expect(refused.message).toContain('confirm');
    expect((await trpcErrorOf(owner.exportSubject({ phone: 'not a number' }))).code).toBe(
      'BAD_REQUEST',
    );

    const { erased } = await owner.eraseSubject({ phone: '33612345678', confirm: '+33612345678' });

    expect(erased.submissions).toBe(1);
    expect((await owner.exportSubject({ phone: '33612345678' })).submissions).toEqual([]);
    const actions = (await owner.audit({})).map((entry) => entry.action);
    expect(actions).toEqual(['subject_data.export', 'subject_data.erase', 'subject_data.export']);
    expect(JSON.stringify(await owner.audit({}))).not.toContain('33612345678');
  });

  it('never reaches another workspace', async () => {
    const prisma = testDb.db.prisma;
    const other = await seedWorkspace(prisma, await testDb.createWorkspace());
    await seedCustomer(prisma, other, { waId: '33699999999', userId: 'US.43' });
    const mine = callerFor(await testDb.createWorkspace());

    expect((await mine.exportSubject({ phone: '33699999999' })).submissions).toEqual([]);
    await mine.eraseSubject({ phone: '33699999999', confirm: '33699999999' });

    expect(await prisma.submission.count({ where: { workspaceId: other.workspaceId } })).toBe(1);
    expect(await callerFor(other.workspaceId).audit({})).toEqual([]);
  });
});
