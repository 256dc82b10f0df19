import {
  createDestinationRepository,
  type PrismaClient,
  type SubmissionRecord,
} from '@sanjay-flow/db';
import { compileProgram, upgradeGraphDocument } from '@sanjay-flow/graph';
import {
  type FlowCompletedEvent,
  type Program,
  runServerEvent,
  type RuntimePorts,
  type ServerEffect,
} from '@sanjay-flow/runtime';

import type { JobQueue } from '../delivery/queue';
import type { Logger } from '../logger';
import { StoredAnswersSchema, StringListSchema } from './answers';
import { queueDeliveriesWhenFilesSettled } from './submission-files';

export interface CompletedTriggerDependencies {
  prisma: PrismaClient;
  jobs: JobQueue;
  /** HTTP steps and waits of the walk, as at the data endpoint. */
  ports: RuntimePorts;
  /** Queues the walk's messages (the outbox); each keyed by the event and node, so never twice. */
  sendMessages(
    effects: Extract<ServerEffect, { kind: 'send_message' }>[],
    context: { workspaceId: string; connectionId: string; eventId: string; log: Logger },
  ): Promise<void>;
  now?: () => number;
}

/**
 * Runs the Flow-completed trigger of the submission's Flow, if its graph has one, and carries
 * out what the walk asks: messages go to the outbox, `forward_submission` queues a delivery.
 * Safe to run again for the same submission: every effect is keyed by submission and node.
 */
export async function runCompletedTrigger(
  dependencies: CompletedTriggerDependencies,
  submission: SubmissionRecord,
  context: { connectionId: string; log: Logger },
): Promise<void> {
  const event = eventOf(submission);
  const flow = submission.flowId
    ? await dependencies.prisma.flow.findUnique({ where: { id: submission.flowId } })
    : null;
  if (!flow || event === null || !JSON.stringify(flow.graph).includes('trigger.flow_completed')) {
    return;
  }
  const log = context.log.child({ flowId: flow.id, submissionId: submission.id });
  const program = programOf(flow.graph, log);
  if (program === null) {
    return;
  }
  const result = await runServerEvent({
    program,
    event,
    now: dependencies.now ?? Date.now,
    ports: { ...dependencies.ports, patterns: { test: () => false } },
  });
  if (!result.ok) {
    // The Flow's logic is at fault; running it again would fail the same way.
    log.error({ code: result.error.code, nodeId: result.error.nodeId }, result.error.message);

    return;
  }
  if (!result.matched) {
    return;
  }
  log.info(
    { triggerId: result.triggerId, effects: result.effects.length },
    'completion trigger ran',
  );
  const saves = result.effects.flatMap((effect) =>
    effect.kind === 'save_submission' ? [effect.nodeId] : [],
  );
  if (saves.length > 0) {
    log.warn(
      { nodeIds: saves, submissionId: submission.id },
      'save steps after the Flow completed store nothing: the completion is stored already',
    );
  }
  await forward(dependencies, submission, result.effects);
  await dependencies.sendMessages(
    result.effects.filter((effect) => effect.kind === 'send_message'),
    {
      workspaceId: submission.workspaceId,
      connectionId: context.connectionId,
      eventId: submission.messageId,
      log,
    },
  );
}

/**
 * The Flow's program, or null when its graph does not compile: the submission is stored
 * already, and retrying the webhook would fail the same way.
 */
function programOf(graph: unknown, log: Logger): Program | null {
  try {
    return compileProgram(upgradeGraphDocument(graph));
  } catch (error) {
    log.error({ err: error }, 'the Flow-completed trigger was not run: the logic does not compile');

    return null;
  }
}

/** The event a program sees: the answers as Meta sent them, by field. */
function eventOf(submission: SubmissionRecord): FlowCompletedEvent | null {
  const waId = submission.customerWaId ?? undefined;
  const userId = submission.customerUserId ?? undefined;
  if (waId === undefined && userId === undefined) {
    return null;
  }
  const answers = StoredAnswersSchema.nullable().catch(null).parse(submission.answers) ?? {};

  return {
    kind: 'flow_completed',
    customer: { ...(waId ? { waId } : {}), ...(userId ? { userId } : {}) },
    submission: {
      id: submission.id,
      answers: Object.fromEntries(
        Object.entries(answers).map(([key, answer]) => [key, answer.value]),
      ),
      missingRequired: StringListSchema.catch([]).parse(submission.missingRequired),
      receivedAt: submission.receivedAt.toISOString(),
    },
  };
}

/**
 * A step naming a destination adds it to the submission's destinations; a step without one
 * changes nothing, since every enabled destination of the Flow is queued when it arrives.
 */
async function forward(
  dependencies: CompletedTriggerDependencies,
  submission: SubmissionRecord,
  effects: ServerEffect[],
): Promise<void> {
  const named = effects.flatMap((effect) =>
    effect.kind === 'forward_submission' && effect.destinationId !== null
      ? [effect.destinationId]
      : [],
  );
  const destinations = createDestinationRepository(dependencies.prisma);
  const current = new Set(StringListSchema.catch([]).parse(submission.destinationIds));
  const added: string[] = [];
  for (const id of named) {
    const destination = await destinations.get(submission.workspaceId, id);
    if (destination?.enabled && !current.has(id)) {
      added.push(id);
    }
  }
  if (added.length === 0 || submission.answersDeletedAt !== null) {
    return;
  }
  await dependencies.prisma.submission.update({
    where: { id: submission.id },
    data: { destinationIds: [...current, ...added], status: 'received' },
  });
  await queueDeliveriesWhenFilesSettled(dependencies.prisma, dependencies.jobs, {
    workspaceId: submission.workspaceId,
    submissionId: submission.id,
    destinationIds: added,
  });
}
