import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';
import type { Customer, OutgoingMessage, ServerEffect } from '@sanjay-flow/runtime';
import { buildTextMessage } from '@sanjay-flow/whatsapp';

import type { Logger } from '../logger';
import {
  type SaveStep,
  savedSubmissionsOf,
  storeSavedSubmissions,
} from '../submissions/save-answers';
import { type Outbox, recipientOf } from './queue-message';
import { invalidMessage, sendFlow, sendFlowTemplate } from './send-flow';

export interface EffectsContext {
  workspaceId: string;
  connectionId: string;
  /** The event's own id (the inbound wamid): with the node id it keys each message sent. */
  eventId: string;
  log: Logger;
}

/** A message-received walk: the Flow whose trigger ran and the customer who wrote. */
export interface MessageWalkContext extends EffectsContext {
  flowId: string;
  customer: Customer;
}

type SendMessageEffect = Extract<ServerEffect, { kind: 'send_message' }>;

/**
 * Carries out a message-received walk: its messages are queued and its save steps stored as
 * submissions of the Flow, each keyed by the event and the node, so running the handler again
 * after a crash queues and stores nothing twice.
 */
export async function carryOutEffects(
  dependencies: { prisma: PrismaClient; outbox: Outbox; onSubmissionsStored?: () => void },
  effects: readonly ServerEffect[],
  context: MessageWalkContext,
): Promise<void> {
  const sends: SendMessageEffect[] = [];
  const saves: SaveStep[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'send_message':
        sends.push(effect);
        break;
      case 'save_submission':
        saves.push({ nodeId: effect.nodeId, answers: effect.answers });
        break;
      case 'forward_submission':
        // Only a Flow completion has a submission to forward; its handler carries this out.
        context.log.warn({ nodeId: effect.nodeId }, 'nothing to forward on a message event');
        break;
    }
  }
  if (await saveSubmissions(dependencies.prisma, saves, context)) {
    dependencies.onSubmissionsStored?.();
  }
  await queueMessages(dependencies, sends, context);
}

/**
 * Queues the messages of a server event's walk (message-received or Flow-completed). Each is
 * keyed by the event and the node that sent it, so running the handler again queues none twice.
 */
export async function queueMessages(
  dependencies: { prisma: PrismaClient; outbox: Outbox },
  effects: readonly SendMessageEffect[],
  context: EffectsContext,
): Promise<void> {
  for (const effect of effects) {
    await sendMessage(dependencies, effect.to, effect.message, {
      ...context,
      idempotencyKey: `${context.eventId}:${effect.nodeId}`,
    });
  }
}

/** Stores the walk's save steps; answers whether there were any. */
async function saveSubmissions(
  prisma: PrismaClient,
  saves: readonly SaveStep[],
  context: MessageWalkContext,
): Promise<boolean> {
  if (saves.length === 0) {
    return false;
  }
  const submissions = await savedSubmissionsOf(prisma, saves, {
    workspaceId: context.workspaceId,
    flowId: context.flowId,
    source: 'message',
    eventKey: context.eventId,
    connectionId: context.connectionId,
    flowToken: null,
    customer: { waId: context.customer.waId ?? null, userId: context.customer.userId ?? null },
    receivedAt: new Date(),
  });
  const ids = await storeSavedSubmissions(
    { prisma, jobs: createJobRepository(prisma) },
    submissions,
  );
  context.log.info({ submissionIds: ids }, 'save steps stored as submissions');

  return true;
}

async function sendMessage(
  dependencies: { prisma: PrismaClient; outbox: Outbox },
  to: Customer,
  message: OutgoingMessage,
  at: EffectsContext & { idempotencyKey: string },
): Promise<void> {
  const { workspaceId, connectionId, idempotencyKey } = at;
  const recipient = recipientOf(to);
  switch (message.kind) {
    case 'text':
      await dependencies.outbox.queueMessage({
        workspaceId,
        connectionId,
        to,
        body: textBody(recipient, message.body, message.previewUrl),
        idempotencyKey,
      });
      break;
    case 'flow':
      await sendFlow(dependencies, workspaceId, {
        flowId: message.flowId,
        connectionId,
        to: recipient,
        cta: message.cta,
        body: message.body,
        ...optional({ header: message.header, footer: message.footer }),
        ...optional({ screen: message.entryScreen, data: message.data }),
        mode: message.mode,
        idempotencyKey,
      });
      break;
    case 'template':
      await sendFlowTemplate(dependencies, workspaceId, {
        flowId: message.flowId,
        connectionId,
        to: recipient,
        name: message.name,
        language: message.language,
        buttonIndex: message.buttonIndex,
        bodyParameters: message.bodyParameters,
        ...optional({ flowActionData: message.flowActionData }),
        idempotencyKey,
      });
      break;
  }
}

function textBody(to: string, body: string, previewUrl: boolean) {
  try {
    return buildTextMessage({ to, body, previewUrl });
  } catch (error) {
    throw invalidMessage(error);
  }
}

/** Drops the keys whose value is undefined, for exact optional properties. */
function optional<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
