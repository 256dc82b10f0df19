import type { PrismaClient } from '../generated/prisma/client';

export interface WorkspaceSummary {
  id: string;
  name: string;
}

export const DEFAULT_WORKSPACE_NAME = 'Default workspace';

// An arbitrary advisory-lock key, used for nothing else.
const DEFAULT_WORKSPACE_LOCK = 5_107_337_201;

/**
 * Returns the oldest workspace, creating "Default workspace" when there is none.
 *
 * Server processes sharing one database may start together: a transaction-scoped advisory
 * lock makes them take turns, so exactly one of them creates the workspace.
 */
export async function ensureDefaultWorkspace(prisma: PrismaClient): Promise<WorkspaceSummary> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEFAULT_WORKSPACE_LOCK}::bigint)`;
    const oldest = await tx.workspace.findFirst({
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true },
    });

    return (
      oldest ??
      tx.workspace.create({
        data: { name: DEFAULT_WORKSPACE_NAME },
        select: { id: true, name: true },
      })
    );
  });
}
