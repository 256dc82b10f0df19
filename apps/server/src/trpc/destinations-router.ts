import { z } from 'zod';

import { procedure as baseProcedure, editorProcedure as baseEditorProcedure, router } from './trpc';

/** Procedures that manage destinations: the context must carry them. */
function withDestinations<T extends typeof baseProcedure>(base: T) {
  return base.use(({ ctx, next }) => {
    const { destinations } = ctx;
    if (!destinations) {
      throw new Error('destinations are not available in this context');
    }

    return next({ ctx: { destinations } });
  });
}
const procedure = withDestinations(baseProcedure);
const editorProcedure = withDestinations(baseEditorProcedure);

const DestinationId = z.object({ id: z.uuid({ error: 'not a destination id' }) });
const DestinationInputSchema = z.object({
  flowId: z.uuid({ error: 'not a Flow id' }).nullable(),
  name: z.string().trim().min(1, 'a name is required').max(100),
  url: z.url({ error: 'not a URL' }).max(2000),
  enabled: z.boolean().default(true),
});

/**
 * Where the workspace's submissions are delivered. The signing secret is in the answer of
 * `create` and `rotateSecret` only; nothing else ever shows it.
 */
export const destinationsRouter = router({
  list: procedure.query(({ ctx }) => ctx.destinations.list(ctx.workspaceId)),

  create: editorProcedure
    .input(DestinationInputSchema)
    .mutation(({ ctx, input }) => ctx.destinations.create(ctx.workspaceId, input)),

  update: editorProcedure
    .input(DestinationId.extend({ changes: DestinationInputSchema.partial() }))
    .mutation(({ ctx, input }) =>
      ctx.destinations.update(ctx.workspaceId, input.id, input.changes),
    ),

  rotateSecret: editorProcedure
    .input(DestinationId)
    .mutation(({ ctx, input }) => ctx.destinations.rotateSecret(ctx.workspaceId, input.id)),

  delete: editorProcedure.input(DestinationId).mutation(async ({ ctx, input }) => {
    await ctx.destinations.remove(ctx.workspaceId, input.id);

    return { id: input.id };
  }),

  test: editorProcedure
    .input(DestinationId)
    .mutation(({ ctx, input }) => ctx.destinations.test(ctx.workspaceId, input.id)),
});
