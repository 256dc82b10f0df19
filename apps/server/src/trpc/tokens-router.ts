import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { RoleSchema } from '../auth/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens';
import { ownerProcedure, router } from './trpc';

/** API tokens of the caller's workspace, for the CLI and CI: for owners. */
export const tokensRouter = router({
  list: ownerProcedure.query(({ ctx }) => listApiTokens(ctx.db.prisma, ctx.workspaceId)),

  /** The answer's `token` is the only time the token is shown: only its hash is kept. */
  create: ownerProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'a name is required').max(100),
        role: RoleSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { token, view } = await createApiToken(ctx.db.prisma, {
        workspaceId: ctx.workspaceId,
        name: input.name,
        role: input.role,
        createdById: ctx.actor?.kind === 'user' ? ctx.actor.userId : null,
      });

      return { ...view, token };
    }),

  revoke: ownerProcedure
    .input(z.object({ id: z.uuid({ error: 'not a token id' }) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await revokeApiToken(ctx.db.prisma, ctx.workspaceId, input.id))) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: 'No API token has this id in this workspace',
        });
      }

      return { id: input.id };
    }),
});
