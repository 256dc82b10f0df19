import { z } from 'zod';

import {
  DRAFT,
  diffVersions,
  listVersions,
  restoreVersion,
  saveVersion,
  type VersionDeps,
} from '../flows/versions/manage-versions';
import { editorProcedure, procedure, router } from './trpc';
import type { Context } from './context';

const FlowId = z.uuid({ error: 'not a Flow id' });
const VersionId = z.uuid({ error: 'not a version id' });
/** A version, or the draft the editor holds. */
const VersionRef = z.union([z.literal(DRAFT), VersionId]);
const Label = z
  .string()
  .trim()
  .min(1, 'A version needs a name')
  .max(100, 'A version name has at most 100 characters');

function deps(ctx: Context): VersionDeps {
  return { flows: ctx.flows, prisma: ctx.db.prisma, workspaceId: ctx.workspaceId };
}

/** Named versions of a Flow: the history list, saving one, restoring one, comparing two. */
export const versionsRouter = router({
  list: procedure
    .input(z.object({ flowId: FlowId }))
    .query(({ ctx, input }) => listVersions(deps(ctx), input.flowId)),

  save: editorProcedure
    .input(z.object({ flowId: FlowId, label: Label }))
    .mutation(({ ctx, input }) => saveVersion(deps(ctx), input.flowId, input.label)),

  restore: editorProcedure
    .input(
      z.object({
        flowId: FlowId,
        versionId: VersionId,
        expectedRevision: z.number().int().min(1),
      }),
    )
    .mutation(({ ctx, input }) => restoreVersion(deps(ctx), input)),

  diff: procedure
    .input(z.object({ flowId: FlowId, from: VersionRef, to: VersionRef }))
    .query(({ ctx, input }) => diffVersions(deps(ctx), input.flowId, input.from, input.to)),
});
