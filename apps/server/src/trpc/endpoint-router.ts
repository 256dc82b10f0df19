import type { PrismaClient } from '@sanjay-flow/db';
import { z } from 'zod';

import { createEndpointAdmin } from '../endpoint/manage-endpoint';
import { editorProcedure, procedure, router } from './trpc';

const FlowId = z.object({ flowId: z.uuid({ error: 'not a flow id' }) });

/** Where a page of the call log ends: the last call shown, newest first. */
const CallCursorSchema = z.object({
  at: z.iso.datetime({ error: 'not an ISO date-time' }),
  id: z.uuid({ error: 'not a call id' }),
});
type CallCursor = z.infer<typeof CallCursorSchema>;

const CallPageInput = FlowId.extend({
  limit: z.number().int().min(1).max(100).default(25),
  cursor: CallCursorSchema.nullish(),
});

/**
 * One page of a Flow's call log, newest first, after `cursor` (keyset paging on the
 * `(flow_id, created_at)` index, so calls logged meanwhile neither shift nor repeat a page).
 * Times travel as ISO text: the API has no transformer for dates.
 */
async function callPage(
  prisma: PrismaClient,
  workspaceId: string,
  input: z.infer<typeof CallPageInput>,
) {
  await createEndpointAdmin(prisma).settings(workspaceId, input.flowId);
  const rows = await prisma.endpointCall.findMany({
    where: { workspaceId, flowId: input.flowId, ...olderThan(input.cursor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const calls = rows.slice(0, input.limit).map(({ createdAt, ...call }) => ({
    id: call.id,
    at: createdAt.toISOString(),
    action: call.action,
    screen: call.screen,
    httpStatus: call.httpStatus,
    latencyMs: call.latencyMs,
    errorCode: call.errorCode,
    errorMessage: call.errorMessage,
    debugPayload: call.debugPayload,
  }));
  const last = calls.at(-1);

  return {
    calls,
    nextCursor:
      rows.length > input.limit && last !== undefined ? { at: last.at, id: last.id } : null,
  };
}

function olderThan(cursor: CallCursor | null | undefined) {
  if (cursor === null || cursor === undefined) {
    return {};
  }
  const at = new Date(cursor.at);

  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }] };
}

/** The data endpoint of a Flow: its switches, its call log and the sessions a sender opens. */
export const endpointRouter = router({
  settings: router({
    get: procedure
      .input(FlowId)
      .query(({ ctx, input }) =>
        createEndpointAdmin(ctx.db.prisma).settings(ctx.workspaceId, input.flowId),
      ),

    update: editorProcedure
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

    page: procedure
      .input(CallPageInput)
      .query(({ ctx, input }) => callPage(ctx.db.prisma, ctx.workspaceId, input)),
  }),

  sessions: router({
    open: editorProcedure
      .input(FlowId.extend({ connectionId: z.uuid({ error: 'not a connection id' }) }))
      .mutation(({ ctx, input }) =>
        createEndpointAdmin(ctx.db.prisma).openSession(ctx.workspaceId, input),
      ),
  }),
});
