import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from './database';
import type { Database } from './database';
import { ensureDefaultWorkspace } from './repositories/workspaces';

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
});

afterAll(async () => {
  await db.close();
});

describe('the embedded database under concurrent use', () => {
  it('answers many concurrent queries and transactions without losing any', async () => {
    const { id: workspaceId } = await ensureDefaultWorkspace(db.prisma);
    const calls = Array.from({ length: 96 }, (_, index) => {
      switch (index % 3) {
        case 0:
          return db.prisma.flow.create({
            data: { workspaceId, name: `flow ${index}`, graph: { index } },
          });
        case 1:
          return db.prisma.$transaction(async (tx) => {
            await tx.flow.findMany({ where: { workspaceId }, take: 5 });

            return tx.workspace.findFirst();
          });
        default:
          return db.prisma.flow.findMany({ where: { name: `flow ${index}` } });
      }
    });
    const results = await Promise.allSettled(calls);

    expect(results.filter(({ status }) => status === 'rejected')).toEqual([]);
    expect(await db.prisma.flow.count({ where: { workspaceId } })).toBe(32);
  });
});
