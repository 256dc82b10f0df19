import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { listAudit, recordAudit } from './audit';

describe('the audit log', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
  }, 60_000);
  afterAll(() => test.dispose());

  it('records ids and counts, newest first, and pages back', async () => {
    const prisma = test.db.prisma;
    const workspaceId = await test.createWorkspace();
    const flowId = '6f1c2b9e-8a4d-4c3e-9b2a-1d0e5f6a7b8c';
    await recordAudit(prisma, {
      workspaceId,
      actor: { kind: 'token', tokenId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e' },
      action: 'flow.publish',
      target: { type: 'flow', id: flowId },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await recordAudit(prisma, {
      workspaceId,
      actor: { kind: 'customer_request' },
      action: 'subject_data.erase',
      details: { submissions: 2 },
    });

    const [newest, oldest] = await listAudit(prisma, workspaceId, { limit: 10 });

    expect(newest).toMatchObject({ actor: 'customer request', details: { submissions: 2 } });
    expect(oldest).toMatchObject({ action: 'flow.publish', targetType: 'flow', targetId: flowId });
    expect(oldest?.actor).toMatch(/^token b1c2d3e4/);
    const older = await listAudit(prisma, workspaceId, { limit: 10, before: newest?.at });
    expect(older.map((entry) => entry.action)).toEqual(['flow.publish']);
  });

  it('refuses anything that could carry personal data', async () => {
    const prisma = test.db.prisma;
    const workspaceId = await test.createWorkspace();
    const base = { workspaceId, actor: { kind: 'cli' as const } };

    await expect(
      recordAudit(prisma, {
        ...base,
        action: 'subject_data.erase',
        target: { type: 'phone', id: '447700900123' },
      }),
    ).rejects.toThrow(/must be a record id/);
    await expect(recordAudit(prisma, { ...base, action: 'erased 447700900123' })).rejects.toThrow(
      /not a dotted identifier/,
    );
    await expect(
      recordAudit(prisma, {
        ...base,
        action: 'subject_data.erase',
        details: { phone: '447700900123' } as unknown as Record<string, number>,
      }),
    ).rejects.toThrow();
    expect(await prisma.auditEntry.count({ where: { workspaceId } })).toBe(0);
  });
});
