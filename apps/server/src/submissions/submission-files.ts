import type { PrismaClient } from '@sanjay-flow/db';
import { z } from 'zod';

import { type JobQueue, queueDeliveries } from '../delivery/queue';
import { StoredAnswersSchema, StringListSchema } from './answers';

/** The job queue's name for downloading the files of completions. */
export const FILE_QUEUE = 'submission-file';

export const FileJobSchema = z.object({
  workspaceId: z.uuid(),
  submissionId: z.uuid(),
  fileId: z.uuid(),
});
export type FileJob = z.infer<typeof FileJobSchema>;

/** The part of the job queue that file downloads need (`createJobRepository` in packages/db). */
export interface FileJobQueue {
  enqueue(job: {
    queue: string;
    key?: string;
    payload: FileJob;
    workspaceId?: string;
  }): Promise<{ id: string; created: boolean }>;
}

/** A picked file as the completion message names it (spec C3): `{id, file_name, mime_type, sha256}`. */
const CompletionMediaSchema = z.looseObject({
  id: z.string().min(1),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
});

export interface MediaAnswer {
  field: string;
  mediaId: string;
  fileName: string | null;
  mimeType: string | null;
  sha256: string | null;
}

/**
 * The media items among a submission's answers: a PhotoPicker's or DocumentPicker's value is a
 * list of objects with Meta's media id and a hash or type. Option ids are strings, so no other
 * component's value has this shape.
 */
export function mediaAnswersOf(answers: unknown): MediaAnswer[] {
  const stored = StoredAnswersSchema.nullable().catch(null).parse(answers) ?? {};

  return Object.entries(stored).flatMap(([field, answer]) => {
    const items = z.array(CompletionMediaSchema).safeParse(answer.value);
    if (!items.success || !items.data.every((item) => item.sha256 ?? item.mime_type)) {
      return [];
    }

    return items.data.map((item) => ({
      field,
      mediaId: item.id,
      fileName: item.file_name ?? null,
      mimeType: item.mime_type ?? null,
      sha256: item.sha256 ?? null,
    }));
  });
}

/**
 * Records one file per media answer and queues its download; answers the number of files still
 * to download. Running it again (a webhook delivered twice, a crash) adds and queues nothing new.
 */
export async function recordSubmissionFiles(
  prisma: PrismaClient,
  jobs: FileJobQueue,
  submission: { id: string; workspaceId: string; answers: unknown },
): Promise<number> {
  const media = mediaAnswersOf(submission.answers);
  if (media.length === 0) {
    return 0;
  }
  await prisma.submissionFile.createMany({
    data: media.map((item) => ({
      ...item,
      workspaceId: submission.workspaceId,
      submissionId: submission.id,
    })),
    skipDuplicates: true,
  });
  const pending = await prisma.submissionFile.findMany({
    where: { submissionId: submission.id, status: 'pending' },
    select: { id: true },
  });
  for (const file of pending) {
    await jobs.enqueue({
      queue: FILE_QUEUE,
      key: `${submission.id}:${file.id}`,
      payload: {
        workspaceId: submission.workspaceId,
        submissionId: submission.id,
        fileId: file.id,
      },
      workspaceId: submission.workspaceId,
    });
  }

  return pending.length;
}

export async function filesPending(prisma: PrismaClient, submissionId: string): Promise<boolean> {
  const pending = await prisma.submissionFile.count({
    where: { submissionId, status: 'pending' },
  });

  return pending > 0;
}

/**
 * Deliveries wait for the submission's files, so that the payload names each one as ready or
 * failed. Whoever settles the last file, or adds a destination after that, queues them: a
 * caller first writes its own change, then reads the other's, so one of the two always sees
 * both (and the delivery's job key makes a second enqueue a no-op).
 */
export async function queueDeliveriesWhenFilesSettled(
  prisma: PrismaClient,
  jobs: JobQueue,
  job: { workspaceId: string; submissionId: string; destinationIds?: readonly string[] },
): Promise<void> {
  if (await filesPending(prisma, job.submissionId)) {
    return;
  }
  const submission = await prisma.submission.findFirst({
    where: { id: job.submissionId, workspaceId: job.workspaceId, status: 'received' },
    select: { destinationIds: true },
  });
  if (submission === null) {
    return;
  }
  await queueDeliveries(jobs, {
    workspaceId: job.workspaceId,
    submissionId: job.submissionId,
    destinationIds: job.destinationIds ?? StringListSchema.parse(submission.destinationIds),
  });
}

/** The purpose a file's sealed bytes are bound to: a sealed file copied to another row no longer opens. */
export function fileContentPurpose(fileId: string): string {
  return `submission_file/${fileId}/content`;
}
