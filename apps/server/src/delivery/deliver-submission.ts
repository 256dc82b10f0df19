import {
  createDeliveryRepository,
  createDestinationRepository,
  createSubmissionRepository,
  type DeliveryAttemptStatus,
  type DestinationRecord,
  type PrismaClient,
  type SubmissionRecord,
} from '@sanjay-flow/db';
import type { HttpPort } from '@sanjay-flow/runtime';

import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import { StringListSchema } from '../submissions/answers';
import { type ClaimedJob, PermanentJobError } from '../workers/job-worker';
import { destinationSecretPurpose } from './destination-secret';
import {
  DELIVERY_HEADER,
  deliveryPayload,
  SIGNATURE_HEADER,
  signBody,
  TIMESTAMP_HEADER,
} from './payload';
import { DeliveryJobSchema } from './queue';

export interface DeliveryDependencies {
  prisma: PrismaClient;
  secrets: SecretBox;
  /** Refuses private and loopback addresses unless allowed (`createHttpPort`). */
  http: HttpPort;
  timeoutMs: number;
  /** The worker's attempts before it dead-letters a job: the last one is recorded as dead. */
  maxAttempts: number;
  log: Logger;
  now?: () => Date;
}

type Verdict =
  | { kind: 'delivered'; httpStatus: number }
  | { kind: 'retry' | 'refused'; httpStatus: number | null; error: string };

/**
 * Delivers one submission to one destination: a signed JSON POST. 2xx delivers; network
 * errors, timeouts, 5xx and 429 are retried by the job worker with back-off; any other answer
 * or a refused URL gives up at once. When every destination has the submission, its answers
 * are erased.
 */
export function createDeliveryHandler(dependencies: DeliveryDependencies) {
  const { prisma } = dependencies;
  const submissions = createSubmissionRepository(prisma);
  const deliveries = createDeliveryRepository(prisma);
  const destinations = createDestinationRepository(prisma);

  return async (job: ClaimedJob): Promise<void> => {
    const parsed = DeliveryJobSchema.safeParse(job.payload);
    if (!parsed.success) {
      throw new PermanentJobError('the delivery job payload is not a delivery');
    }
    const { workspaceId, submissionId, destinationId } = parsed.data;
    const submission = await submissions.get(workspaceId, submissionId);
    if (!submission || submission.answersDeletedAt !== null) {
      return; // Deleted, or delivered already: nothing is left to send.
    }
    if ((await deliveries.deliveredTo(submissionId)).includes(destinationId)) {
      await finishIfComplete(dependencies, submission);

      return;
    }
    const destination = await destinations.get(workspaceId, destinationId);
    if (!destination?.enabled) {
      await submissions.setStatus(submissionId, 'dead');
      throw new PermanentJobError('the destination was removed or disabled');
    }
    const startedAt = Date.now();
    const verdict = await post(dependencies, submission, destination);
    const last = verdict.kind === 'refused' || job.attempts >= dependencies.maxAttempts;
    const status: DeliveryAttemptStatus =
      verdict.kind === 'delivered' ? 'delivered' : last ? 'dead' : 'failed';
    await deliveries.record({
      submissionId,
      destinationId,
      status,
      httpStatus: verdict.httpStatus,
      error: verdict.kind === 'delivered' ? null : verdict.error,
      latencyMs: Date.now() - startedAt,
    });
    if (verdict.kind === 'delivered') {
      await finishIfComplete(dependencies, submission);

      return;
    }
    if (status === 'dead') {
      await submissions.setStatus(submissionId, 'dead');
    }
    throw verdict.kind === 'refused'
      ? new PermanentJobError(verdict.error)
      : new Error(verdict.error);
  };
}

async function post(
  dependencies: DeliveryDependencies,
  submission: SubmissionRecord,
  destination: DestinationRecord,
): Promise<Verdict> {
  const sentAt = dependencies.now?.() ?? new Date();
  const body = JSON.stringify(
    deliveryPayload(submission, {
      ...(await payloadContextOf(dependencies.prisma, submission)),
      sentAt,
    }),
  );
  let secret: string;
  try {
    secret = dependencies.secrets.open(
      destination.secret,
      destinationSecretPurpose(destination.id),
    );
  } catch (error) {
    // A secret sealed under another master key, or altered: retrying cannot cure it.
    const reason = error instanceof Error ? error.message : String(error);

    return {
      kind: 'refused',
      httpStatus: null,
      error: `the signing secret cannot be opened: ${reason}`,
    };
  }
  try {
    const response = await dependencies.http.request({
      method: 'POST',
      url: destination.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'SanjayFlow-Delivery/1',
        [SIGNATURE_HEADER]: signBody(secret, body),
        [TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
        [DELIVERY_HEADER]: submission.id,
      },
      body,
      timeoutMs: dependencies.timeoutMs,
      signal: AbortSignal.timeout(dependencies.timeoutMs),
    });

    return judge(response.status);
  } catch (error) {
    const refused = error instanceof Error && error.name === 'OutboundRefusedError';

    return {
      kind: refused ? 'refused' : 'retry',
      httpStatus: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

function judge(status: number): Verdict {
  if (status >= 200 && status < 300) {
    return { kind: 'delivered', httpStatus: status };
  }
  const retry = status >= 500 || status === 429 || status === 408;

  return { kind: retry ? 'retry' : 'refused', httpStatus: status, error: `HTTP ${status}` };
}

async function payloadContextOf(prisma: PrismaClient, submission: SubmissionRecord) {
  const flow = submission.flowId
    ? await prisma.flow.findUnique({
        where: { id: submission.flowId },
        select: { id: true, name: true },
      })
    : null;
  const version = submission.flowVersionId
    ? await prisma.flowVersion.findUnique({
        where: { id: submission.flowVersionId },
        select: { id: true, number: true },
      })
    : null;

  const files = await prisma.submissionFile.findMany({
    where: { submissionId: submission.id },
    select: {
      id: true,
      field: true,
      mediaId: true,
      fileName: true,
      mimeType: true,
      sha256: true,
      size: true,
      status: true,
      error: true,
    },
    orderBy: [{ field: 'asc' }, { createdAt: 'asc' }],
  });

  return { flow, version, files };
}

/** Once every destination has the submission, it is delivered and its answers are erased. */
async function finishIfComplete(
  dependencies: DeliveryDependencies,
  submission: SubmissionRecord,
): Promise<void> {
  const delivered = new Set(
    await createDeliveryRepository(dependencies.prisma).deliveredTo(submission.id),
  );
  const targets = StringListSchema.parse(submission.destinationIds);
  if (targets.every((id) => delivered.has(id))) {
    await createSubmissionRepository(dependencies.prisma).markDelivered(
      submission.id,
      dependencies.now?.() ?? new Date(),
    );
    dependencies.log.info({ submissionId: submission.id }, 'submission delivered; answers erased');
  }
}
