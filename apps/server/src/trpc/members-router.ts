import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import {
  changeMember,
  EmailSchema,
  findOrCreateUser,
  listMembers,
  putMember,
  RoleSchema,
} from '../auth/accounts';
import { createSignInLink, signInLinkPath } from '../auth/sign-in-links';
import { ownerProcedure, router } from './trpc';

const UserId = z.object({ userId: z.uuid({ error: 'not a user id' }) });

function memberNotFound(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: 'No member has this id in this workspace' });
}

function changed(outcome: 'changed' | 'not_found' | 'last_owner', userId: string) {
  if (outcome === 'not_found') {
    throw memberNotFound();
  }
  if (outcome === 'last_owner') {
    throw new TRPCError({ code: 'CONFLICT', message: 'A workspace keeps at least one owner' });
  }

  return { userId };
}

/** The people of the caller's workspace and their roles: for owners. */
export const membersRouter = router({
  list: ownerProcedure.query(({ ctx }) => listMembers(ctx.db.prisma, ctx.workspaceId)),

  /**
   * Adds a person by email (making their account if needed) or sets the role of a member. A
   * person without a password gets a one-time sign-in link, shown here once, to hand over.
   */
  add: ownerProcedure
    .input(z.object({ email: EmailSchema, role: RoleSchema }))
    .mutation(async ({ ctx, input }) => {
      const prisma = ctx.db.prisma;
      const user = await findOrCreateUser(prisma, input.email);
      await putMember(prisma, ctx.workspaceId, user.id, input.role);
      const account = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      const link =
        account.passwordHash === null ? await createSignInLink(prisma, user.id) : undefined;

      return {
        userId: user.id,
        signInLinkPath: link ? signInLinkPath(link.token) : null,
        signInLinkExpiresAt: link?.expiresAt.toISOString() ?? null,
      };
    }),

  changeRole: ownerProcedure
    .input(UserId.extend({ role: RoleSchema }))
    .mutation(async ({ ctx, input }) =>
      changed(
        await changeMember(ctx.db.prisma, ctx.workspaceId, input.userId, input.role),
        input.userId,
      ),
    ),

  remove: ownerProcedure
    .input(UserId)
    .mutation(async ({ ctx, input }) =>
      changed(await changeMember(ctx.db.prisma, ctx.workspaceId, input.userId, null), input.userId),
    ),
});
