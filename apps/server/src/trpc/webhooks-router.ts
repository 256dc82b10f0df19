import { createInboxRepository, type InboxEventView } from '@sanjay-flow/db';
import { z } from 'zod';

import { editorProcedure, procedure, router } from './trpc';

/** What the editor shows of an event: a state word instead of the job's internals. */
type EventState = 'queued' | 'retrying' | 'processed' | 'malformed' | 'dead';

function stateOf(event: InboxEventView): EventState {
  if (event.status !== 'received') {
    return event.status;
  }
  if (event.jobStatus === 'dead') {
    return 'dead';
  }

  return event.attempts > 0 && event.lastError !== null ? 'retrying' : 'queued';
}

function view(event: InboxEventView) {
  return {
    id: event.id,
    state: stateOf(event),
    connectionId: event.connectionId,
    receivedAt: event.receivedAt.toISOString(),
    processedAt: event.processedAt?.toISOString() ?? null,
    attempts: event.attempts,
    lastError: event.lastError,
    problem: event.problem,
    summary: event.summary,
    ...(event.raw === undefined ? {} : { raw: event.raw }),
  };
}

/** The webhook inbox of the workspace, newest first, and a retry for dead-lettered events. */
export const webhooksRouter = router({
  events: router({
    list: procedure
      .input(
        z.object({
          limit: z.number().int().min(1).max(500).default(50),
          /** Adds the stored bodies (held only until processed): for debugging. */
          debug: z.boolean().default(false),
        }),
      )
      .query(async ({ ctx, input }) => {
        const events = await createInboxRepository(ctx.db.prisma, ctx.db.sql).list({
          workspaceId: ctx.workspaceId,
          limit: input.limit,
          withRaw: input.debug,
        });

        return events.map(view);
      }),

    retry: editorProcedure
      .input(z.object({ eventId: z.uuid({ error: 'not an event id' }) }))
      .mutation(async ({ ctx, input }) => ({
        queued: await createInboxRepository(ctx.db.prisma, ctx.db.sql).retryDead(
          ctx.workspaceId,
          input.eventId,
        ),
      })),
  }),
});
