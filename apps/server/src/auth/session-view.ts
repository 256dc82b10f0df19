import type { PrismaClient } from '@sanjay-flow/db';

import type { Role } from '../trpc/context';
import { RoleSchema } from './accounts';

export interface WorkspaceChoice {
  id: string;
  name: string;
  role: Role;
}

/** What the editor learns about the signed-in user: who, where, and the CSRF token to echo. */
export interface SessionView {
  user: { id: string; email: string; hasPassword: boolean };
  workspace: WorkspaceChoice | null;
  workspaces: WorkspaceChoice[];
  csrfToken: string;
}

export async function sessionView(
  prisma: PrismaClient,
  input: { userId: string; csrfToken: string; remembered: string | undefined },
): Promise<SessionView> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: input.userId },
    include: {
      memberships: {
        include: { workspace: { select: { name: true } } },
        orderBy: [{ createdAt: 'asc' }, { workspaceId: 'asc' }],
      },
    },
  });
  const workspaces = user.memberships.map((membership) => ({
    id: membership.workspaceId,
    name: membership.workspace.name,
    role: RoleSchema.parse(membership.role),
  }));

  return {
    user: { id: user.id, email: user.email, hasPassword: user.passwordHash !== null },
    workspace: workspaces.find((choice) => choice.id === input.remembered) ?? workspaces[0] ?? null,
    workspaces,
    csrfToken: input.csrfToken,
  };
}
