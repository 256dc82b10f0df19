import type { PrismaClient } from '@sanjay-flow/db';
import { compileProgram, upgradeGraphDocument } from '@sanjay-flow/graph';
import {
  findServerTrigger,
  type MessageReceivedEvent,
  type PatternPort,
  type Program,
  runServerEvent,
  type RuntimePorts,
} from '@sanjay-flow/runtime';
import type { WebhookContact, WebhookMessage } from '@sanjay-flow/whatsapp';

import type { InboxContext } from '../webhooks/handlers';
import { carryOutEffects } from './carry-out-effects';
import { messageEventOf } from './message-event';
import type { Outbox } from './queue-message';

export interface InboundDependencies {
  prisma: PrismaClient;
  outbox: Outbox;
  patterns: PatternPort;
  /** HTTP steps and waits for the walk, as at the data endpoint. */
  ports: RuntimePorts;
  now?: () => number;
  /** Told once a walk's save steps are stored, so that their delivery starts at once. */
  onSubmissionsStored?: () => void;
}

interface Candidate {
  flowId: string;
  program: Program;
}

/**
 * `InboxHandlers.message` for every message that is not a Flow completion: finds the Flow whose
 * message-received trigger matches best (a keyword before a pattern before any message; the
 * oldest Flow among equals), runs its walk and queues the messages it sends.
 */
export function createInboundMessageHandler(dependencies: InboundDependencies) {
  return async (
    message: WebhookMessage,
    contact: WebhookContact | undefined,
    context: InboxContext,
  ): Promise<void> => {
    if (message.type === 'interactive' && message.interactive.type === 'nfm_reply') {
      return;
    }
    const event = messageEventOf(message, contact);
    if (event === null) {
      context.log.warn({ messageId: message.id }, 'inbound message names no customer');

      return;
    }
    const chosen = chooseFlow(await candidates(dependencies.prisma, context), event, dependencies);
    if (chosen === null) {
      context.log.debug({ messageId: message.id }, 'no Flow is triggered by this message');

      return;
    }
    await runFlow(dependencies, chosen, event, context);
  };
}

async function runFlow(
  dependencies: InboundDependencies,
  chosen: Candidate,
  event: MessageReceivedEvent,
  context: InboxContext,
): Promise<void> {
  const log = context.log.child({ flowId: chosen.flowId, messageId: event.message.id });
  const result = await runServerEvent({
    program: chosen.program,
    event,
    now: dependencies.now ?? Date.now,
    ports: { ...dependencies.ports, patterns: dependencies.patterns },
  });
  if (!result.ok) {
    // The Flow's logic is at fault; retrying the same message would fail the same way.
    log.error({ code: result.error.code, nodeId: result.error.nodeId }, result.error.message);

    return;
  }
  if (!result.matched) {
    return;
  }
  log.info({ triggerId: result.triggerId, effects: result.effects.length }, 'message trigger ran');
  await carryOutEffects(dependencies, result.effects, {
    workspaceId: context.workspaceId,
    connectionId: context.connectionId,
    eventId: event.message.id,
    flowId: chosen.flowId,
    customer: event.customer,
    log,
  });
}

function chooseFlow(
  flows: readonly Candidate[],
  event: MessageReceivedEvent,
  dependencies: InboundDependencies,
): Candidate | null {
  let best: { candidate: Candidate; specificity: number } | null = null;
  for (const candidate of flows) {
    const match = findServerTrigger(candidate.program, event, dependencies.patterns);
    if (match !== null && (best === null || match.specificity > best.specificity)) {
      best = { candidate, specificity: match.specificity };
    }
  }

  return best?.candidate ?? null;
}

/**
 * The workspace's Flows whose graph holds a message-received trigger, oldest first. The text
 * search only narrows the rows read; each graph is then compiled and checked for real.
 * TODO: cache compiled programs per Flow revision; a busy number compiles every candidate
 * Flow for each message today.
 */
async function candidates(prisma: PrismaClient, context: InboxContext): Promise<Candidate[]> {
  const rows = await prisma.$queryRaw<{ id: string; graph: unknown }[]>`
    SELECT id::text AS id, graph FROM flow
    WHERE workspace_id = ${context.workspaceId}::uuid
      AND graph::text LIKE '%trigger.message_received%'
    ORDER BY created_at ASC, id ASC`;

  return rows.flatMap((row) => {
    try {
      return [{ flowId: row.id, program: compileProgram(upgradeGraphDocument(row.graph)) }];
    } catch (error) {
      context.log.warn(
        { flowId: row.id, err: error },
        'a Flow with a message trigger does not compile',
      );

      return [];
    }
  });
}
