import { z } from 'zod';

import {
  ConnectionChangesInputSchema,
  NewConnectionInputSchema,
} from '../connections/connection-input';
import { keysRouter } from './keys-router';
import { editorProcedure, procedure, router } from './trpc';

const ConnectionId = z.object({ id: z.uuid({ error: 'not a connection id' }) });

/** WhatsApp connections of the caller's workspace. Answers never carry a secret in clear. */
export const connectionsRouter = router({
  list: procedure.query(({ ctx }) => ctx.connections.list(ctx.workspaceId)),

  get: procedure
    .input(ConnectionId)
    .query(({ ctx, input }) => ctx.connections.get(ctx.workspaceId, input.id)),

  create: editorProcedure
    .input(NewConnectionInputSchema)
    .mutation(({ ctx, input }) => ctx.connections.create(ctx.workspaceId, input)),

  update: editorProcedure
    .input(ConnectionId.extend({ changes: ConnectionChangesInputSchema }))
    .mutation(({ ctx, input }) => ctx.connections.update(ctx.workspaceId, input.id, input.changes)),

  delete: editorProcedure.input(ConnectionId).mutation(async ({ ctx, input }) => {
    await ctx.connections.remove(ctx.workspaceId, input.id);

    return { id: input.id };
  }),

  keys: keysRouter,
});
