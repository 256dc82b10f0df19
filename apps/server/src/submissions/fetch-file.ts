import { createHash } from 'node:crypto';

import type { PrismaClient } from '@sanjay-flow/db';

import type { SecretBox } from '../secrets/secret-box';
import { fileContentPurpose } from './submission-files';

export type FileFetch =
  | {
      kind: 'file';
      bytes: Buffer;
      fileName: string | null;
      mimeType: string | null;
      sha256: string;
    }
  | { kind: 'not_found' | 'pending' }
  | { kind: 'gone'; reason: string };

/**
 * A submission's file for the business, looked up within the caller's workspace (any other
 * workspace's is not found). The bytes are handed over once: `forgetFetchedFile` deletes them
 * when the answer has been sent.
 */
export async function readSubmissionFile(
  prisma: PrismaClient,
  secrets: SecretBox,
  ids: { workspaceId: string; submissionId: string; fileId: string },
): Promise<FileFetch> {
  const file = await prisma.submissionFile.findFirst({
    where: { id: ids.fileId, submissionId: ids.submissionId, workspaceId: ids.workspaceId },
    select: { id: true, status: true, content: true, fileName: true, mimeType: true, error: true },
  });
  if (file === null) {
    return { kind: 'not_found' };
  }
  if (file.status === 'pending') {
    return { kind: 'pending' };
  }
  if (file.content === null) {
    return {
      kind: 'gone',
      reason:
        file.status === 'failed'
          ? `The file could not be downloaded from Meta: ${file.error ?? 'no reason kept'}`
          : 'The file was fetched already, or its retention period ended: it has been deleted',
    };
  }
  const bytes = Buffer.from(secrets.open(file.content, fileContentPurpose(file.id)), 'base64');

  return {
    kind: 'file',
    bytes,
    fileName: file.fileName,
    mimeType: file.mimeType,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Deletes a file's bytes once the business has it; the row (no content) goes with its submission. */
export async function forgetFetchedFile(
  prisma: PrismaClient,
  fileId: string,
  at: Date,
): Promise<void> {
  await prisma.submissionFile.updateMany({
    where: { id: fileId, status: 'stored' },
    data: { status: 'fetched', content: null, fetchedAt: at },
  });
}
