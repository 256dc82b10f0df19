import { createSubmissionRepository, type JobRepository, type PrismaClient } from '@sanjay-flow/db';

import { AppError } from '../errors';
import { StringListSchema } from '../submissions/answers';
import { DELIVERY_QUEUE, deliveryJobKey, queueDeliveries } from './queue';

/**
 * "Retry now" for a dead submission: its dead delivery jobs go back in the queue with their
 * attempts reset, and jobs that never existed (a crash before queueing) are queued.
 */
export async function retryDelivery(
  dependencies: { prisma: PrismaClient; jobs: JobRepository },
  workspaceId: string,
  submissionId: string,
): Promise<{ requeued: number }> {
  const { prisma, jobs } = dependencies;
  const submissions = createSubmissionRepository(prisma);
  const submission = await submissions.get(workspaceId, submissionId);
  if (!submission) {
    throw new AppError('SUBMISSION_NOT_FOUND', 'No such submission');
  }
  if (submission.status === 'delivered' || submission.answersDeletedAt !== null) {
    return { requeued: 0 };
  }
  const destinationIds = StringListSchema.parse(submission.destinationIds);
  let requeued = 0;
  for (const destinationId of destinationIds) {
    const job = await prisma.job.findUnique({
      where: {
        queue_key: { queue: DELIVERY_QUEUE, key: deliveryJobKey(submissionId, destinationId) },
      },
      select: { id: true },
    });
    if (job && (await jobs.revive(job.id))) {
      requeued += 1;
    }
  }
  await queueDeliveries(jobs, { workspaceId, submissionId, destinationIds });
  if (destinationIds.length > 0) {
    await submissions.setStatus(submissionId, 'received');
  }

  return { requeued };
}
