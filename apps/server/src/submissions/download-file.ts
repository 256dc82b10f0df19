import { createHash } from 'node:crypto';

import { createConnectionRepository, type JobRepository, type PrismaClient } from '@sanjay-flow/db';

import { connectionSecretPurpose } from '../connections/connection-input';
import type { ResolvedAddress } from '../endpoint/http-port';
import type { Logger } from '../logger';
import { type SecretBox, SecretError } from '../secrets/secret-box';
import {
  type ClaimedJob,
  DEFAULT_JOB_WORKER,
  type JobWorkerOptions,
  PermanentJobError,
} from '../workers/job-worker';
import { downloadCdnMedia } from './cdn-media';
import { cdnSourcePurpose, readCdnSource } from './endpoint-media';
import { downloadMetaMedia, MediaDownloadError } from './meta-media';
import {
  FILE_QUEUE,
  fileContentPurpose,
  FileJobSchema,
  queueDeliveriesWhenFilesSettled,
} from './submission-files';

export interface FileDownloadDependencies {
  prisma: PrismaClient;
  jobs: JobRepository;
  secrets: SecretBox;
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts a media URL may name. */
  allowedHosts: readonly string[];
  /** A connection's Graph API URL may lead to loopback (the local Meta stand-in); yes in tests. */
  allowGraphApiLoopback?: boolean;
  log: Logger;
  /** The worker's attempts before it dead-letters a job: the last failure is recorded. */
  maxAttempts: number;
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  now?: () => Date;
}

type StoredFile = NonNullable<Awaited<ReturnType<typeof pendingFile>>>;

/**
 * Downloads one picked file from Meta (a completion's with the Cloud API, a data endpoint's
 * from the CDN, decrypted), checks it against the hash the answer gave, and keeps it sealed
 * until the business fetches it. Failures are retried with the worker's back-off; after the
 * last try the file is `failed` with the reason, the job is dead-lettered, and the
 * submission's deliveries go out naming the file as failed.
 */
export function createFileDownloadHandler(dependencies: FileDownloadDependencies) {
  const { prisma, log } = dependencies;

  return async (job: ClaimedJob): Promise<void> => {
    const parsed = FileJobSchema.safeParse(job.payload);
    if (!parsed.success) {
      throw new PermanentJobError('the file job payload is not a file download');
    }
    const file = await pendingFile(prisma, parsed.data);
    if (file === null) {
      return; // Stored, failed or erased already.
    }
    try {
      await download(dependencies, file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A token that no longer opens (another master key) is not cured by waiting either.
      const permanent =
        (error instanceof MediaDownloadError && !error.transient) || error instanceof SecretError;
      if (!permanent && job.attempts < dependencies.maxAttempts) {
        log.warn({ fileId: file.id, attempts: job.attempts, reason }, 'file download failed');
        throw error;
      }
      await prisma.submissionFile.updateMany({
        where: { id: file.id, status: 'pending' },
        data: { status: 'failed', error: reason, cdnSource: null },
      });
      await settle(dependencies, file);
      throw new PermanentJobError(`the file could not be downloaded: ${reason}`);
    }
    await settle(dependencies, file);
  };
}

function pendingFile(prisma: PrismaClient, job: { workspaceId: string; fileId: string }) {
  return prisma.submissionFile.findFirst({
    where: { id: job.fileId, workspaceId: job.workspaceId, status: 'pending' },
    include: { submission: { select: { connectionId: true } } },
  });
}

async function download(dependencies: FileDownloadDependencies, file: StoredFile): Promise<void> {
  const bytes =
    file.cdnSource === null
      ? await fromCloudApi(dependencies, file)
      : await fromCdn(dependencies, file.id, file.cdnSource);
  // The files are customers' photos and documents: they are sealed like the connection's
  // secrets, so a database copy or backup does not hand them out, and under a purpose naming
  // the row, so sealed bytes moved to another submission do not open. A data endpoint file's
  // CDN URL and keys have served their purpose and go.
  await dependencies.prisma.submissionFile.updateMany({
    where: { id: file.id, status: 'pending' },
    data: {
      status: 'stored',
      size: bytes.length,
      content: dependencies.secrets.seal(bytes.toString('base64'), fileContentPurpose(file.id)),
      cdnSource: null,
      storedAt: dependencies.now?.() ?? new Date(),
    },
  });
  dependencies.log.info({ fileId: file.id, bytes: bytes.length }, 'file downloaded');
}

async function fromCdn(
  dependencies: FileDownloadDependencies,
  fileId: string,
  sealed: string,
): Promise<Buffer> {
  const source = readCdnSource(dependencies.secrets.open(sealed, cdnSourcePurpose(fileId)));
  if (source === null) {
    throw new MediaDownloadError('the file names no CDN URL and keys to download it', false);
  }

  // The plaintext hash was checked in the decryption: `sha256` is the same one, in hex.
  return downloadCdnMedia(source, {
    allowedHosts: dependencies.allowedHosts,
    ...(dependencies.resolve === undefined ? {} : { resolve: dependencies.resolve }),
  });
}

async function fromCloudApi(
  dependencies: FileDownloadDependencies,
  file: StoredFile,
): Promise<Buffer> {
  const { prisma, secrets } = dependencies;
  const connection =
    file.submission.connectionId === null
      ? null
      : await createConnectionRepository(prisma).get(
          file.workspaceId,
          file.submission.connectionId,
        );
  if (connection === null) {
    throw new MediaDownloadError('the answers came through no connection the product has', false);
  }
  const media = await downloadMetaMedia(file.mediaId, {
    graphApiUrl: connection.graphApiUrl,
    accessToken: secrets.open(
      connection.accessToken,
      connectionSecretPurpose(connection.id, 'accessToken'),
    ),
    allowedHosts: dependencies.allowedHosts,
    ...(dependencies.allowGraphApiLoopback === undefined
      ? {}
      : { allowLoopback: dependencies.allowGraphApiLoopback }),
    ...(dependencies.resolve === undefined ? {} : { resolve: dependencies.resolve }),
  });
  const expected = file.sha256 ?? media.sha256;
  if (expected !== undefined && !sameHash(media.bytes, expected)) {
    // A transfer cut short or altered on the way: another download may come right.
    throw new MediaDownloadError('the file does not match the SHA-256 of the answer', true);
  }

  return media.bytes;
}

/**
 * Meta's examples give a media hash as hex in one place and base64 in another: either
 * spelling of the file's digest is accepted.
 */
export function sameHash(bytes: Buffer, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const given = expected.trim();

  return given.toLowerCase() === digest.toString('hex') || given === digest.toString('base64');
}

async function settle(dependencies: FileDownloadDependencies, file: StoredFile): Promise<void> {
  await queueDeliveriesWhenFilesSettled(dependencies.prisma, dependencies.jobs, {
    workspaceId: file.workspaceId,
    submissionId: file.submissionId,
  });
}

/** A download may take two minutes; the claim outlives it so a slow file is not fetched twice. */
const FILE_LEASE_MS = 5 * 60_000;

export interface FileWorkerOptions extends Omit<FileDownloadDependencies, 'maxAttempts'> {
  maxAttempts?: number;
  pollMs?: number;
  backoff?: (attempts: number) => number;
}

/** The job worker settings of file downloads, for the server's worker registry. */
export function fileWorkerOptions(options: FileWorkerOptions): JobWorkerOptions {
  const maxAttempts = options.maxAttempts ?? DEFAULT_JOB_WORKER.maxAttempts;
  const log = options.log.child({ component: 'files' });

  return {
    jobs: options.jobs,
    queue: FILE_QUEUE,
    log,
    maxAttempts,
    concurrency: 2,
    leaseMs: FILE_LEASE_MS,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    handle: createFileDownloadHandler({ ...options, maxAttempts, log }),
  };
}
