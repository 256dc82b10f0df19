import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { listAudit } from './audit';
import { eraseSubjectData, exportSubjectData, InvalidPhoneError } from './subject-data';
import {
  FIXTURE_CUSTOMER,
  seedCustomer,
  seedWorkspace,
  tablesContaining,
} from './subject.test-helper';

const OTHER = { waId: '4915112345678', userId: 'US.55500011122233344455' };
const EXPORTED = { waId: '447700900123', userId: 'US.12121212121212121212' };

describe('data-subject export and erasure', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
  }, 60_000);
  afterAll(() => test.dispose());

  it('exports every record of the customer, and only theirs', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    await seedCustomer(prisma, seeded, EXPORTED);
    await seedCustomer(prisma, seeded, OTHER);

    const copy = await exportSubjectData(prisma, seeded.workspaceId, '+44 7700-900 123');

    expect(copy.phone).toBe(EXPORTED.waId);
    expect(copy.userIds).toEqual([EXPORTED.userId]);
    expect(copy.flowSessions).toHaveLength(1);
    expect(copy.endpointCalls).toHaveLength(1);
    expect(copy.submissions).toHaveLength(1);
    expect(copy.submissionFiles).toEqual([
      expect.objectContaining({ fileName: `${EXPORTED.waId}.jpg`, held: false }),
    ]);
    expect(copy.deliveryAttempts).toHaveLength(1);
    expect(copy.outboundMessages).toHaveLength(1);
    expect(copy.webhookEntries.length).toBeGreaterThanOrEqual(2); // contact and message
    const text = JSON.stringify(copy);
    expect(text).toContain('Dana Example');
    expect(text).not.toContain(OTHER.waId);
    expect(text).not.toContain(OTHER.userId);
  });

  it('lists webhook events whose bodies were deleted after processing, with their items', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    await seedCustomer(prisma, seeded, EXPORTED);
    const before = await exportSubjectData(prisma, seeded.workspaceId, EXPORTED.waId);
    // As processing leaves it: the body deleted, the summary listing the items by key.
    const events = await prisma.inboxEvent.findMany({ where: { workspaceId: seeded.workspaceId } });
    const items = await prisma.inboxItem.findMany({
      where: { eventId: { in: events.map((event) => event.id) } },
      select: { key: true, kind: true },
    });
    await prisma.inboxEvent.updateMany({
      where: { workspaceId: seeded.workspaceId },
      data: { raw: null, status: 'processed', summary: { items } },
    });

    const copy = await exportSubjectData(prisma, seeded.workspaceId, EXPORTED.waId);

    expect(before.webhookEvents).toHaveLength(1);
    expect(copy.webhookEntries).toEqual([]);
    expect(copy.webhookEvents).toEqual([
      expect.objectContaining({
        bodyKept: false,
        status: 'processed',
        items: [expect.objectContaining({ kind: expect.any(String) as unknown })],
      }),
    ]);
  });

  it('erases the customer from every table, leaves others, and audits without the number', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    await seedCustomer(prisma, seeded, FIXTURE_CUSTOMER);
    await seedCustomer(prisma, seeded, OTHER);
    const otherBefore = await exportSubjectData(prisma, seeded.workspaceId, OTHER.waId);

    const counts = await eraseSubjectData(prisma, seeded.workspaceId, FIXTURE_CUSTOMER.waId, {
      kind: 'cli',
    });

    expect(counts).toEqual({
      flowSessions: 1,
      endpointCalls: 1,
      endpointReplays: 1,
      submissions: 1,
      submissionFiles: 1,
      deliveryAttempts: 1,
      outboundMessages: 1,
      inboxEvents: 1,
      inboxItems: 1,
      jobs: 3,
      privacyRequests: 1,
    });
    expect(await tablesContaining(prisma, FIXTURE_CUSTOMER.waId)).toEqual({});
    expect(await tablesContaining(prisma, FIXTURE_CUSTOMER.userId)).toEqual({});
    const empty = await exportSubjectData(prisma, seeded.workspaceId, FIXTURE_CUSTOMER.waId);
    expect(empty).toMatchObject({
      userIds: [],
      flowSessions: [],
      endpointCalls: [],
      submissions: [],
      submissionFiles: [],
      deliveryAttempts: [],
      outboundMessages: [],
      webhookEvents: [],
      webhookEntries: [],
    });
    expect(await exportSubjectData(prisma, seeded.workspaceId, OTHER.waId)).toEqual(otherBefore);
    const [entry] = await listAudit(prisma, seeded.workspaceId, { limit: 10 });
    expect(entry).toMatchObject({ actor: 'cli', action: 'subject_data.erase' });
    expect(JSON.stringify(entry)).not.toContain(FIXTURE_CUSTOMER.waId);
    const again = await eraseSubjectData(prisma, seeded.workspaceId, FIXTURE_CUSTOMER.waId, {
      kind: 'cli',
    });
    expect(Object.values(again).every((count) => count === 0)).toBe(true);
  });

  it('erases only its own workspace’s records of the customer’s messages, each matched whole', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    const other = await test.createWorkspace();
    await seedCustomer(prisma, seeded, FIXTURE_CUSTOMER);
    // A message id any workspace may choose for a webhook of its own.
    await prisma.submission.updateMany({
      where: { workspaceId: seeded.workspaceId },
      data: { messageId: 'message' },
    });
    const item = (workspaceId: string, rest: string) => ({
      key: `${workspaceId}/${rest}`,
      kind: rest.split(':')[0] ?? '',
      eventId: randomUUID(),
    });
    const erased = item(seeded.workspaceId, 'status:1122334455667:message:read');
    const kept = [
      item(seeded.workspaceId, 'message:1122334455667:message2'),
      item(seeded.workspaceId, 'status:1122334455667:a-message:read'),
      item(other, 'message:1122334455667:message'),
      item(other, 'status:1122334455667:message:read'),
    ];
    await prisma.inboxItem.createMany({ data: [erased, ...kept] });

    await eraseSubjectData(prisma, seeded.workspaceId, FIXTURE_CUSTOMER.waId, { kind: 'cli' });

    const left = await prisma.inboxItem.findMany({
      where: { key: { in: [erased, ...kept].map((entry) => entry.key) } },
    });
    expect(left.map((entry) => entry.key).sort()).toEqual(kept.map((entry) => entry.key).sort());
  });

  it('erases a session without a recipient that the customer completed', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    const customer = { waId: '819012345678', userId: 'JP.1' };
    await seedCustomer(prisma, seeded, customer);
    const session = await prisma.flowSession.findFirstOrThrow({
      where: { workspaceId: seeded.workspaceId },
    });
    // As a session opened for a test send: nothing on it names the customer.
    await prisma.flowSession.update({
      where: { id: session.id },
      data: { recipientWaId: null, recipientUserId: null, state: { comment: 'secret answer' } },
    });
    await prisma.outboundMessage.deleteMany({ where: { workspaceId: seeded.workspaceId } });

    const counts = await eraseSubjectData(prisma, seeded.workspaceId, customer.waId, {
      kind: 'cli',
    });

    expect(counts).toMatchObject({ flowSessions: 1, endpointCalls: 1, submissions: 1 });
    expect(await tablesContaining(prisma, 'secret answer')).toEqual({});
  });

  it('erases in one workspace only', async () => {
    const prisma = test.db.prisma;
    const first = await seedWorkspace(prisma, await test.createWorkspace('First'));
    const second = await seedWorkspace(prisma, await test.createWorkspace('Second'));
    const shared = { waId: '15550001111', userId: 'US.77700011122233344455' };
    await seedCustomer(prisma, first, shared);
    await seedCustomer(prisma, second, shared);

    await eraseSubjectData(prisma, first.workspaceId, shared.waId, { kind: 'system' });

    const kept = await exportSubjectData(prisma, second.workspaceId, shared.waId);
    expect(kept.submissions).toHaveLength(1);
    expect(kept.flowSessions).toHaveLength(1);
    const gone = await exportSubjectData(prisma, first.workspaceId, shared.waId);
    expect(gone.submissions).toHaveLength(0);
  });

  it('refuses input that is not a phone number', async () => {
    const workspaceId = await test.createWorkspace();

    await expect(exportSubjectData(test.db.prisma, workspaceId, '12ab34')).rejects.toThrow(
      InvalidPhoneError,
    );
    await expect(
      eraseSubjectData(test.db.prisma, workspaceId, '%', { kind: 'cli' }),
    ).rejects.toThrow(/phone: a phone number is 6 to 15 digits/);
  });
});
