import { createJobRepository } from '@sanjay-flow/db';
import { z } from 'zod';

import { retryDelivery } from '../delivery/retry-delivery';
import { exportSubmissionsCsv } from '../submissions/export-csv';
import { deleteSubmissions, listSubmissions } from '../submissions/view-submissions';
import { editorProcedure, procedure, router } from './trpc';

const SubmissionFilterSchema = z.object({
  flowId: z.uuid({ error: 'not a Flow id' }).optional(),
  status: z.enum(['received', 'delivered', 'dead', 'no_destination']).optional(),
  receivedFrom: z.coerce.date().optional(),
  receivedTo: z.coerce.date().optional(),
  text: z.string().max(200).optional(),
});
const SubmissionId = z.object({ id: z.uuid({ error: 'not a submission id' }) });

/** Flow responses of the caller's workspace: the table, CSV export, deletion, retry. */
export const submissionsRouter = router({
  list: procedure
    .input(SubmissionFilterSchema.extend({ limit: z.int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => listSubmissions(ctx.db.prisma, ctx.workspaceId, input)),

  exportCsv: procedure
    .input(SubmissionFilterSchema)
    .query(({ ctx, input }) => exportSubmissionsCsv(ctx.db.prisma, ctx.workspaceId, input)),

  delete: editorProcedure
    .input(
      z.object({
        ids: z
          .array(z.uuid({ error: 'not a submission id' }))
          .min(1)
          .max(500),
      }),
    )
    .mutation(({ ctx, input }) => deleteSubmissions(ctx.db.prisma, ctx.workspaceId, input.ids)),

  retryDelivery: editorProcedure
    .input(SubmissionId)
    .mutation(({ ctx, input }) =>
      retryDelivery(
        { prisma: ctx.db.prisma, jobs: createJobRepository(ctx.db.prisma) },
        ctx.workspaceId,
        input.id,
      ),
    ),
});
