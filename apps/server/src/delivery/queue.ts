import { z } from 'zod';

/** The job queue's name for submission deliveries. */
export const DELIVERY_QUEUE = 'submission-delivery';

export const DeliveryJobSchema = z.object({
  workspaceId: z.uuid(),
  submissionId: z.uuid(),
  destinationId: z.uuid(),
});
export type DeliveryJob = z.infer<typeof DeliveryJobSchema>;

/** The part of the job queue that delivery needs (`createJobRepository` in packages/db). */
export interface JobQueue {
  enqueue(job: {
    queue: string;
    key?: string;
    payload: DeliveryJob;
    runAt?: Date;
    workspaceId?: string;
  }): Promise<{ id: string; created: boolean }>;
}

/**
 * One job per submission and destination: the key makes a second enqueue (a webhook delivered
 * twice, a handler run again after a crash) a no-op.
 */
export function deliveryJobKey(submissionId: string, destinationId: string): string {
  return `${submissionId}:${destinationId}`;
}

export async function queueDeliveries(
  queue: JobQueue,
  job: { workspaceId: string; submissionId: string; destinationIds: readonly string[] },
): Promise<void> {
  for (const destinationId of job.destinationIds) {
    await queue.enqueue({
      queue: DELIVERY_QUEUE,
      key: deliveryJobKey(job.submissionId, destinationId),
      payload: { workspaceId: job.workspaceId, submissionId: job.submissionId, destinationId },
      workspaceId: job.workspaceId,
    });
  }
}
