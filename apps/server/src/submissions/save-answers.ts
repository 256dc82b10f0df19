import { randomUUID } from 'node:crypto';

import {
  createDestinationRepository,
  createSubmissionRepository,
  createSubmissionSourceRepository,
  type NewSubmission,
  type PrismaClient,
  type SavedSubmission,
  type SubmissionSource,
} from '@sanjay-flow/db';
import type { JsonObject } from '@sanjay-flow/runtime';

import { DELIVERY_QUEUE, deliveryJobKey, type JobQueue, queueDeliveries } from '../delivery/queue';
import type { SecretBox } from '../secrets/secret-box';
import { shapeAnswers, StringListSchema } from './answers';
import { currentFlowJson } from './current-flow-json';
import { type EndpointMedia, sealedFilesOf, takeEndpointMedia } from './endpoint-media';
import { buildFieldCatalog } from './field-catalog';
import { FILE_QUEUE } from './submission-files';

/** What one save step of a walk handed over. */
export interface SaveStep {
  nodeId: string;
  answers: JsonObject;
}

/** A submission of a save step, with the files its answers name (data endpoint pickers). */
export interface SubmissionToSave {
  submission: NewSubmission;
  media: EndpointMedia[];
}

/** Where the save steps ran. */
export interface SaveOrigin {
  workspaceId: string;
  flowId: string;
  source: Exclude<SubmissionSource, 'completion'>;
  /**
   * The request's fingerprint at the data endpoint, the inbound wamid in a message walk: with
   * the node id it keys each submission, so running the same call or event again stores none.
   */
  eventKey: string;
  connectionId: string | null;
  /** The data-endpoint session the answers belong to; `null` in a message walk. */
  flowToken: string | null;
  /** The customer who wrote, in a message walk; a session names its own. */
  customer: { waId: string | null; userId: string | null } | null;
  receivedAt: Date;
}

/**
 * The submissions of a walk's save steps, shaped as a completion's: each answer keyed by its
 * name with the label and option titles of the Flow version the session sent (else the Flow's
 * newest version, else its current graph). Required fields are not checked again: a save step
 * chooses its own answers, at any screen. Files picked on an endpoint screen are taken out of
 * the answers, to be downloaded (`takeEndpointMedia`).
 */
export async function savedSubmissionsOf(
  prisma: PrismaClient,
  steps: readonly SaveStep[],
  origin: SaveOrigin,
): Promise<SubmissionToSave[]> {
  const { workspaceId, flowId } = origin;
  const sources = createSubmissionSourceRepository(prisma);
  const session =
    origin.flowToken === null
      ? null
      : await sources.findSession(workspaceId, { flowToken: origin.flowToken, messageId: null });
  const sent = await sources.sentFlowJson({
    flowId,
    flowVersionId: session?.flowVersionId ?? null,
  });
  const catalog = buildFieldCatalog(sent?.flowJson ?? (await currentFlowJson(prisma, flowId)));
  const destinations = await createDestinationRepository(prisma).forFlow(workspaceId, flowId);
  const customer = origin.customer ?? {
    waId: session?.recipientWaId ?? null,
    userId: session?.recipientUserId ?? null,
  };

  return keyed(steps, origin.eventKey).map(({ step, messageId }) => {
    const taken = takeEndpointMedia(step.answers);
    const { answers, fields } = shapeAnswers(taken.answers, catalog);
    const submission: NewSubmission = {
      workspaceId,
      flowId,
      flowVersionId: sent?.flowVersionId ?? null,
      sessionId: session?.id ?? null,
      connectionId: origin.connectionId ?? session?.connectionId ?? null,
      messageId,
      source: origin.source,
      flowToken: origin.flowToken,
      customerWaId: customer.waId,
      customerUserId: customer.userId,
      answers,
      rawResponse: null,
      responseError: null,
      fields,
      missingRequired: [],
      destinationIds: destinations.map((destination) => destination.id),
      status: destinations.length > 0 ? 'received' : 'no_destination',
      receivedAt: origin.receivedAt,
    };

    return { submission, media: taken.media };
  });
}

/**
 * A submission with its files and the jobs that come next, for a write that stores them all at
 * once: the deliveries, or, when the answers name files, their downloads (the last download to
 * settle queues the deliveries, as for a completion's files).
 */
export function withDeliveries(toSave: SubmissionToSave, secrets: SecretBox): SavedSubmission {
  const id = randomUUID();
  const { submission } = toSave;
  const { workspaceId } = submission;
  const files = sealedFilesOf(toSave.media, secrets);
  if (files.length > 0) {
    return {
      id,
      submission,
      files,
      jobs: files.map((file) => ({
        queue: FILE_QUEUE,
        key: `${id}:${file.id}`,
        payload: { workspaceId, submissionId: id, fileId: file.id },
        workspaceId,
      })),
    };
  }

  return {
    id,
    submission,
    jobs: submission.destinationIds.map((destinationId) => ({
      queue: DELIVERY_QUEUE,
      key: deliveryJobKey(id, destinationId),
      payload: { workspaceId, submissionId: id, destinationId },
      workspaceId,
    })),
  };
}

/**
 * Stores the submissions of a message walk and queues their deliveries. Running it again for
 * the same event stores nothing more and finishes what a crash may have left (queueing
 * deliveries). A message walk has no endpoint screen, so its answers name no CDN file to
 * download (their keys were taken out all the same).
 */
export async function storeSavedSubmissions(
  dependencies: { prisma: PrismaClient; jobs: JobQueue },
  toSave: readonly SubmissionToSave[],
): Promise<string[]> {
  const repository = createSubmissionRepository(dependencies.prisma);
  const ids: string[] = [];
  for (const { submission } of toSave) {
    const stored = await repository.store(submission);
    if (stored.submission.status === 'received') {
      await queueDeliveries(dependencies.jobs, {
        workspaceId: submission.workspaceId,
        submissionId: stored.submission.id,
        destinationIds: StringListSchema.parse(stored.submission.destinationIds),
      });
    }
    ids.push(stored.submission.id);
  }

  return ids;
}

// A step that runs twice in one walk (a loop) saves twice: the second keeps its own key.
function keyed(steps: readonly SaveStep[], eventKey: string) {
  const seen = new Map<string, number>();

  return steps.map((step) => {
    const count = (seen.get(step.nodeId) ?? 0) + 1;
    seen.set(step.nodeId, count);
    const suffix = count === 1 ? '' : `:${count}`;

    return { step, messageId: `${eventKey}:${step.nodeId}${suffix}` };
  });
}
