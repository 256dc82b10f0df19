import { createOutboundMessageRepository, type OutboundMessageRecord } from '@sanjay-flow/db';
import { z } from 'zod';

import { AppError } from '../errors';
import { LinkMetaInputSchema, linkMetaFlow } from '../messaging/link-meta';
import { createOutbox } from '../messaging/queue-message';
import {
  SendFlowInputSchema,
  SendFlowTemplateInputSchema,
  sendFlow,
  sendFlowTemplate,
} from '../messaging/send-flow';
import { editorProcedure, procedure, router } from './trpc';
import type { Context } from './context';

const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;

// Without the app's worker at hand the message waits for the outbox's next poll (about 1 s).
function senders(ctx: Context) {
  const prisma = ctx.db.prisma;

  return { prisma, outbox: createOutbox(createOutboundMessageRepository(prisma)) };
}

/** What the API shows of a message: never its body (the text sent) once it is queued. */
function messageView(message: OutboundMessageRecord) {
  return {
    id: message.id,
    connectionId: message.connectionId,
    kind: message.kind,
    recipientWaId: message.recipientWaId,
    recipientUserId: message.recipientUserId,
    status: message.status,
    wamid: message.wamid,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
    errorDetails: message.errorDetails,
    attempts: message.attempts,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    readAt: message.readAt?.toISOString() ?? null,
    failedAt: message.failedAt?.toISOString() ?? null,
  };
}

export const messagingRouter = router({
  sendFlow: editorProcedure
    .input(SendFlowInputSchema)
    .mutation(({ ctx, input }) => sendFlow(senders(ctx), ctx.workspaceId, input)),

  sendFlowTemplate: editorProcedure
    .input(SendFlowTemplateInputSchema)
    .mutation(({ ctx, input }) => sendFlowTemplate(senders(ctx), ctx.workspaceId, input)),

  linkMeta: editorProcedure.input(LinkMetaInputSchema).mutation(async ({ ctx, input }) => {
    const dependencies = { prisma: ctx.db.prisma, connections: ctx.connections, log: ctx.log };
    const { publication: link, statusProblem } = await linkMetaFlow(
      dependencies,
      ctx.workspaceId,
      input,
    );

    return {
      flowId: link.flowId,
      connectionId: link.connectionId,
      metaFlowId: link.metaFlowId,
      metaFlowName: link.metaFlowName,
      status: link.status,
      statusProblem,
    };
  }),

  messages: procedure
    .input(
      z.object({
        status: z.enum(STATUSES).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const messages = await createOutboundMessageRepository(ctx.db.prisma).list(ctx.workspaceId, {
        limit: input.limit,
        ...(input.status === undefined ? {} : { status: input.status }),
      });

      return messages.map(messageView);
    }),

  message: procedure
    .input(z.object({ id: z.uuid({ error: 'not a message id' }) }))
    .query(async ({ ctx, input }) => {
      const message = await createOutboundMessageRepository(ctx.db.prisma).get(input.id);
      if (message === null || message.workspaceId !== ctx.workspaceId) {
        throw new AppError('MESSAGE_NOT_FOUND', 'No message has this id in this workspace');
      }

      return messageView(message);
    }),
});
