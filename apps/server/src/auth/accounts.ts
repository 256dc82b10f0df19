import type { PrismaClient } from '@sanjay-flow/db';
import { z } from 'zod';

import { ROLES, type Role } from '../trpc/context';
import { hashPassword } from './passwords';

/** Emails are compared lower-cased: `Ana@Example.com` and `ana@example.com` are one account. */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'an email address has at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+$/, 'not an email address');

export const RoleSchema = z.enum(ROLES, { error: 'a role is owner, editor or viewer' });

export interface Member {
  userId: string;
  email: string;
  role: Role;
  /** Whether the member has chosen a password (otherwise only a sign-in link lets them in). */
  hasPassword: boolean;
  joinedAt: string;
}

/** Finds the user with this email or creates one without a password. */
export async function findOrCreateUser(
  prisma: PrismaClient,
  email: string,
): Promise<{ id: string; created: boolean }> {
  const address = EmailSchema.parse(email);
  const existing = await prisma.user.findUnique({ where: { email: address } });
  if (existing) {
    return { id: existing.id, created: false };
  }
  const created = await prisma.user.upsert({
    where: { email: address },
    create: { email: address },
    update: {},
  });

  return { id: created.id, created: true };
}

/** Sets the user's password; every sign-in session of theirs but `keepSessionId` ends. */
export async function setPassword(
  prisma: PrismaClient,
  userId: string,
  password: string,
  keepSessionId?: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  // A new password ends every other sign-in, so a stolen session does not outlive it.
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.signInSession.deleteMany({
      where: { userId, ...(keepSessionId === undefined ? {} : { id: { not: keepSessionId } }) },
    }),
  ]);
}

/** Adds the user to the workspace with `role`, or changes the role of a member. */
export async function putMember(
  prisma: PrismaClient,
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await prisma.membership.upsert({
    where: { userId_workspaceId: { userId, workspaceId } },
    create: { userId, workspaceId, role },
    update: { role },
  });
}

export async function listMembers(prisma: PrismaClient, workspaceId: string): Promise<Member[]> {
  const rows = await prisma.membership.findMany({
    where: { workspaceId },
    include: { user: { select: { email: true, passwordHash: true } } },
    orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
  });

  return rows.map((row) => ({
    userId: row.userId,
    email: row.user.email,
    role: RoleSchema.parse(row.role),
    hasPassword: row.user.passwordHash !== null,
    joinedAt: row.createdAt.toISOString(),
  }));
}

export type MemberChange = 'changed' | 'not_found' | 'last_owner';

/**
 * Changes a member's role, or removes the member (`role` null). A workspace keeps at least one
 * owner: the change that would leave none is refused. The row lock on the workspace's owners
 * makes two owners demoting each other at once take turns.
 */
export function changeMember(
  prisma: PrismaClient,
  workspaceId: string,
  userId: string,
  role: Role | null,
): Promise<MemberChange> {
  return prisma.$transaction(async (tx) => {
    const owners = await tx.$queryRaw<Array<{ user_id: string }>>`
      SELECT user_id FROM membership
      WHERE workspace_id = ${workspaceId}::uuid AND role = 'owner' FOR UPDATE`;
    const member = await tx.membership.findUnique({
      where: { userId_workspaceId: { userId, workspaceId } },
    });
    if (!member) {
      return 'not_found';
    }
    const losesOwner = member.role === 'owner' && role !== 'owner';
    if (losesOwner && owners.length <= 1) {
      return 'last_owner';
    }
    const where = { userId_workspaceId: { userId, workspaceId } };
    await (role === null
      ? tx.membership.delete({ where })
      : tx.membership.update({ where, data: { role } }));

    return 'changed';
  });
}
