import { z } from 'zod';

import type { PublishingDependencies } from '../publishing/dependencies';
import { publishHistory, runOf } from '../publishing/history';
import {
  PublicationRefSchema,
  deleteDraft,
  deprecatePublication,
  previewLink,
  refreshStatus,
} from '../publishing/lifecycle';
import { ImportInputSchema, importMetaFlows, listMetaFlows } from '../publishing/pull';
import { PublishInputSchema } from '../publishing/publish-input';
import { startPublish } from '../publishing/start-publish';
import { publicationStatuses, workspaceBadges } from '../publishing/status';
import { toWire } from '../publishing/wire';
import type { Context } from './context';
import { editorProcedure, procedure, router } from './trpc';

function publishing(ctx: Context): PublishingDependencies {
  return { prisma: ctx.db.prisma, connections: ctx.connections, log: ctx.log };
}

const FlowRefSchema = z.object({ flowId: z.uuid({ error: 'not a flow id' }) });
const ConnectionRefSchema = z.object({ connectionId: z.uuid({ error: 'not a connection id' }) });

export const publishingRouter = router({
  /** Starts publishing to each connection; poll `run` for the steps. */
  publish: editorProcedure
    .input(PublishInputSchema)
    .mutation(({ ctx, input }) => startPublish(publishing(ctx), ctx.workspaceId, input)),

  run: procedure
    .input(z.object({ runId: z.uuid({ error: 'not a run id' }) }))
    .query(async ({ ctx, input }) =>
      toWire(await runOf(ctx.db.prisma, ctx.workspaceId, input.runId)),
    ),

  history: procedure
    .input(FlowRefSchema)
    .query(async ({ ctx, input }) =>
      toWire(await publishHistory(ctx.db.prisma, ctx.workspaceId, input.flowId)),
    ),

  status: procedure
    .input(FlowRefSchema)
    .query(async ({ ctx, input }) =>
      toWire(await publicationStatuses(ctx.db.prisma, ctx.workspaceId, input.flowId)),
    ),

  badges: procedure.query(({ ctx }) => workspaceBadges(ctx.db.prisma, ctx.workspaceId)),

  refreshStatus: editorProcedure
    .input(PublicationRefSchema)
    .mutation(({ ctx, input }) => refreshStatus(publishing(ctx), ctx.workspaceId, input)),

  deprecate: editorProcedure
    .input(PublicationRefSchema)
    .mutation(({ ctx, input }) => deprecatePublication(publishing(ctx), ctx.workspaceId, input)),

  deleteDraft: editorProcedure
    .input(PublicationRefSchema)
    .mutation(({ ctx, input }) => deleteDraft(publishing(ctx), ctx.workspaceId, input)),

  preview: editorProcedure
    .input(PublicationRefSchema.extend({ rotate: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) =>
      toWire(await previewLink(publishing(ctx), ctx.workspaceId, input)),
    ),

  pull: router({
    list: procedure
      .input(ConnectionRefSchema)
      .query(({ ctx, input }) =>
        listMetaFlows(publishing(ctx), ctx.workspaceId, input.connectionId),
      ),
    import: editorProcedure
      .input(ImportInputSchema)
      .mutation(({ ctx, input }) => importMetaFlows(publishing(ctx), ctx.workspaceId, input)),
  }),
});
