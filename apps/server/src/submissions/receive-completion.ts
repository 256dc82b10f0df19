import {
  createDestinationRepository,
  createSubmissionRepository,
  createSubmissionSourceRepository,
  type PrismaClient,
  type SubmissionRecord,
} from '@sanjay-flow/db';

import type { JobQueue } from '../delivery/queue';
import type { Logger } from '../logger';
import { type ShapedAnswers, shapeAnswers, StringListSchema } from './answers';
import { currentFlowJson } from './current-flow-json';
import { buildFieldCatalog } from './field-catalog';
import { readResponseJson } from './read-response';
import {
  type FileJobQueue,
  queueDeliveriesWhenFilesSettled,
  recordSubmissionFiles,
} from './submission-files';

/** A Flow completion as read from an `nfm_reply` message. */
export interface FlowCompletion {
  /** The wamid of the reply: one submission per message id and workspace. */
  messageId: string;
  /** The wamid of the Flow message the customer answered (`context.id`). */
  contextMessageId: string | null;
  customerWaId: string | null;
  customerUserId: string | null;
  /** The `response_json` text, exactly as received. */
  responseJson: string;
  receivedAt: Date;
}

export interface CompletionContext {
  workspaceId: string;
  connectionId: string | null;
  log: Logger;
}

export interface ReceiveCompletionDependencies {
  prisma: PrismaClient;
  jobs: JobQueue & FileJobQueue;
}

export interface ReceivedCompletion {
  submission: SubmissionRecord;
  /** False when the message had been stored already (a webhook delivered again). */
  created: boolean;
}

/**
 * Stores a Flow completion as a submission and queues its deliveries. Nothing is dropped: a
 * `response_json` that is not JSON is kept as text and flagged, and a completion whose session
 * cannot be found is kept with no Flow. Media answers are queued for download, and deliveries
 * wait for them. Running it again for the same message changes nothing but finishes what a
 * crash may have left (closing the session, queueing downloads and deliveries).
 */
export async function receiveCompletion(
  dependencies: ReceiveCompletionDependencies,
  completion: FlowCompletion,
  context: CompletionContext,
): Promise<ReceivedCompletion> {
  const { prisma, jobs } = dependencies;
  const { workspaceId } = context;
  const sources = createSubmissionSourceRepository(prisma);
  const response = readResponseJson(completion.responseJson);
  const flowToken = response.ok ? response.flowToken : null;
  const session = await sources.findSession(workspaceId, {
    flowToken,
    messageId: completion.contextMessageId,
  });
  const sent = session ? await sources.sentFlowJson(session) : null;
  const flowJson =
    sent?.flowJson ?? (session ? await currentFlowJson(prisma, session.flowId) : null);
  const shaped: ShapedAnswers | null = response.ok
    ? shapeAnswers(response.values, buildFieldCatalog(flowJson))
    : null;
  const flowId = session?.flowId ?? null;
  const destinations = await createDestinationRepository(prisma).forFlow(workspaceId, flowId);
  const stored = await createSubmissionRepository(prisma).store({
    workspaceId,
    flowId,
    flowVersionId: sent?.flowVersionId ?? null,
    sessionId: session?.id ?? null,
    connectionId: context.connectionId ?? session?.connectionId ?? null,
    messageId: completion.messageId,
    source: 'completion',
    flowToken,
    customerWaId: completion.customerWaId || session?.recipientWaId || null,
    customerUserId: completion.customerUserId || session?.recipientUserId || null,
    answers: shaped?.answers ?? null,
    rawResponse: response.ok ? null : completion.responseJson,
    responseError: response.ok ? null : response.error,
    fields: shaped?.fields ?? [],
    missingRequired: shaped?.missingRequired ?? [],
    destinationIds: destinations.map((destination) => destination.id),
    status: destinations.length > 0 ? 'received' : 'no_destination',
    receivedAt: completion.receivedAt,
  });
  const { submission } = stored;
  if (session) {
    await sources.closeSession(session.id);
  }
  // Files are downloaded by a job, never here: a webhook is answered without waiting for Meta.
  await recordSubmissionFiles(prisma, jobs, submission);
  if (submission.status === 'received') {
    await queueDeliveriesWhenFilesSettled(prisma, jobs, {
      workspaceId,
      submissionId: submission.id,
      destinationIds: StringListSchema.parse(submission.destinationIds),
    });
  }
  logReceived(context.log, stored, response.ok);

  return stored;
}

function logReceived(log: Logger, { submission, created }: ReceivedCompletion, readable: boolean) {
  // Ids and counts only: answers and phone numbers never reach the log.
  log.info(
    {
      submissionId: submission.id,
      flowId: submission.flowId,
      created,
      matched: submission.sessionId !== null,
      readable,
      missingRequired: StringListSchema.parse(submission.missingRequired).length,
    },
    created ? 'flow completion stored' : 'flow completion already stored',
  );
}
