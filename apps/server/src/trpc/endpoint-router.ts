import { z } from 'zod';

import { createEndpointAdmin } from '../endpoint/manage-endpoint';
import { procedure, router } from './trpc';

const FlowId = z.object({ flowId: z.uuid({ error: 'not a flow id' }) });

/** The data endpoint of a Flow: its switches, its call log and the sessions a sender opens. */
export const endpointRouter = router({
  settings: router({
    get: procedure
      .input(FlowId)
      .query(({ ctx, input }) =>
        createEndpointAdmin(ctx.db.prisma).settings(ctx.workspaceId, input.flowId),
      ),

    update: procedure
      .input(
        FlowId.extend({
          endpointTestMode: z.boolean().optional(),
          endpointDebug: z.boolean().optional(),
        }),
      )
      .mutation(({ ctx, input: { flowId, ...changes } }) =>
        createEndpointAdmin(ctx.db.prisma).updateSettings(ctx.workspaceId, flowId, changes),
      ),
  }),

  calls: router({
    list: procedure
      .input(FlowId.extend({ limit: z.number().int().min(1).max(500).default(50) }))
      .query(({ ctx, input }) =>
        createEndpointAdmin(ctx.db.prisma).calls(ctx.workspaceId, input.flowId, input.limit),
      ),
  }),

  sessions: router({
    open: procedure
      .input(FlowId.extend({ connectionId: z.uuid({ error: 'not a connection id' }) }))
      .mutation(({ ctx, input }) =>
        createEndpointAdmin(ctx.db.prisma).openSession(ctx.workspaceId, input),
      ),
  }),
});
