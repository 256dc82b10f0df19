import { createFlowAlertRepository } from '@sanjay-flow/db';
import { z } from 'zod';

import { editorProcedure, procedure, router } from './trpc';

/** Flow alerts raised by Meta's Flows webhooks. */
export const alertsRouter = router({
  list: procedure
    .input(
      z.object({
        unreadOnly: z.boolean().default(false),
        limit: z.int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      createFlowAlertRepository(ctx.db.prisma).list(ctx.workspaceId, input),
    ),

  markRead: editorProcedure
    .input(
      z.object({
        ids: z
          .array(z.uuid({ error: 'not an alert id' }))
          .max(500)
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      marked: await createFlowAlertRepository(ctx.db.prisma).markRead(ctx.workspaceId, input.ids),
    })),
});
