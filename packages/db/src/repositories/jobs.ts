import type { Prisma, PrismaClient } from '../generated/prisma/client';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

/**
 * A job as stored. `payload` is null once the job is done: payloads are held only until their
 * work is delivered.
 */
export interface JobRecord {
  id: string;
  queue: string;
  key: string | null;
  workspaceId: string | null;
  payload: Prisma.JsonValue;
  status: JobStatus;
  /** Claims so far, the current one included. */
  attempts: number;
  runAt: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A job as listed for a user interface: everything but the payload. */
export type JobSummary = Omit<JobRecord, 'payload'>;

export interface NewJob {
  queue: string;
  /** Unique per queue: enqueueing a key that exists already changes nothing. */
  key?: string;
  payload: Prisma.InputJsonValue;
  /** Not before this time; now when absent. */
  runAt?: Date;
  workspaceId?: string;
}

export interface ClaimOptions {
  /** Names the claiming worker: only it may complete, retry or dead-letter what it claimed. */
  workerId: string;
  limit: number;
  /** How long the claim holds; after that another worker may claim the job again. */
  leaseMs: number;
}

export interface JobListFilter {
  queue?: string;
  status?: JobStatus;
  workspaceId?: string;
  limit: number;
}

export interface JobRepository {
  enqueue(job: NewJob): Promise<{ id: string; created: boolean }>;
  /**
   * Claims up to `limit` due jobs of the queue: pending ones whose `runAt` has come, and running
   * ones whose lease has expired (their worker died or stalled). Claiming counts an attempt.
   */
  claim(queue: string, options: ClaimOptions): Promise<JobRecord[]>;
  /** The four below answer false when the worker no longer holds the job's claim. */
  complete(id: string, workerId: string): Promise<boolean>;
  retry(id: string, workerId: string, next: { runAt: Date; error: string }): Promise<boolean>;
  deadLetter(id: string, workerId: string, failure: { error: string }): Promise<boolean>;
  extendLease(id: string, workerId: string, leaseMs: number): Promise<boolean>;
  /** Puts a dead job back in its queue with its attempts reset; false when it is not dead. */
  revive(id: string): Promise<boolean>;
  get(id: string): Promise<JobRecord | null>;
  /** Newest first, without payloads. */
  list(filter: JobListFilter): Promise<JobSummary[]>;
  countByStatus(queue: string): Promise<Record<JobStatus, number>>;
}

/** The columns of a `JobRecord`, read from the table (or alias) `from`. */
function recordColumns(from: string): string {
  return `${from}.id::text AS "id", ${from}.queue, ${from}.key,
    ${from}.workspace_id::text AS "workspaceId", ${from}.payload, ${from}.status::text AS "status",
    ${from}.attempts, ${from}.run_at AS "runAt", ${from}.locked_by AS "lockedBy",
    ${from}.locked_until AS "lockedUntil", ${from}.last_error AS "lastError",
    ${from}.created_at AS "createdAt", ${from}.updated_at AS "updatedAt",
    ${from}.finished_at AS "finishedAt"`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest error text kept on a job: enough for a message, never a whole payload. */
export const MAX_JOB_ERROR_LENGTH = 2000;

export function createJobRepository(prisma: PrismaClient): JobRepository {
  const changed = async (statement: string, ...values: unknown[]): Promise<boolean> =>
    (await prisma.$executeRawUnsafe(statement, ...values)) === 1;

  return {
    enqueue: (job) => enqueue(prisma, job),
    claim: (queue, options) => claim(prisma, queue, options),

    complete: (id, workerId) =>
      changed(
        `UPDATE job SET status = 'done', payload = NULL, locked_by = NULL, locked_until = NULL,
           last_error = NULL, finished_at = now(), updated_at = now()
         WHERE id = $1::uuid AND status = 'running' AND locked_by = $2`,
        id,
        workerId,
      ),

    retry: (id, workerId, next) =>
      changed(
        `UPDATE job SET status = 'pending', run_at = $3, last_error = $4, locked_by = NULL,
           locked_until = NULL, updated_at = now()
         WHERE id = $1::uuid AND status = 'running' AND locked_by = $2`,
        id,
        workerId,
        next.runAt,
        clip(next.error),
      ),

    deadLetter: (id, workerId, failure) =>
      changed(
        `UPDATE job SET status = 'dead', last_error = $3, locked_by = NULL, locked_until = NULL,
           finished_at = now(), updated_at = now()
         WHERE id = $1::uuid AND status = 'running' AND locked_by = $2`,
        id,
        workerId,
        clip(failure.error),
      ),

    extendLease: (id, workerId, leaseMs) =>
      changed(
        `UPDATE job SET locked_until = now() + $3 * interval '1 millisecond', updated_at = now()
         WHERE id = $1::uuid AND status = 'running' AND locked_by = $2`,
        id,
        workerId,
        leaseMs,
      ),

    revive: async (id) =>
      UUID.test(id) &&
      changed(
        `UPDATE job SET status = 'pending', attempts = 0, run_at = now(), finished_at = NULL,
           updated_at = now()
         WHERE id = $1::uuid AND status = 'dead'`,
        id,
      ),

    get: async (id) => {
      if (!UUID.test(id)) {
        return null;
      }
      const rows = await prisma.$queryRawUnsafe<JobRecord[]>(
        `SELECT ${recordColumns('job')} FROM job WHERE id = $1::uuid`,
        id,
      );

      return rows[0] ?? null;
    },

    list: (filter) => list(prisma, filter),
    countByStatus: (queue) => countByStatus(prisma, queue),
  };
}

async function enqueue(
  prisma: PrismaClient,
  job: NewJob,
): Promise<{ id: string; created: boolean }> {
  // Inserting and, on a duplicate key, reading the existing row is one statement: a concurrent
  // enqueue of the same key cannot slip between the two.
  const rows = await prisma.$queryRawUnsafe<{ id: string; created: boolean }[]>(
    `WITH inserted AS (
       INSERT INTO job (id, queue, key, workspace_id, payload, run_at)
       VALUES (gen_random_uuid(), $1, $2, $3::uuid, $4::jsonb, COALESCE($5, now()))
       ON CONFLICT (queue, key) DO NOTHING
       RETURNING id
     )
     SELECT id::text AS "id", true AS "created" FROM inserted
     UNION ALL
     SELECT id::text, false FROM job WHERE queue = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`,
    job.queue,
    job.key ?? null,
    job.workspaceId ?? null,
    JSON.stringify(job.payload),
    job.runAt ?? null,
  );
  const row = rows[0];
  if (!row) {
    // The conflicting row was inserted by a transaction not yet visible to this statement.
    return enqueue(prisma, job);
  }

  return row;
}

function claim(prisma: PrismaClient, queue: string, options: ClaimOptions): Promise<JobRecord[]> {
  // SKIP LOCKED: concurrent claimers each lock different rows, so no job is handed to two
  // workers, and no claimer waits for another. Times come from the database's clock, the one
  // clock every server process shares. Pending and expired jobs are found by two index scans,
  // each stopping at the limit: one scan with `OR` would read and sort the whole backlog on
  // every claim, a cost that grew with the queue's length. Jobs due at the same moment (stored by
  // one statement) come in no particular order.
  return prisma.$queryRawUnsafe<JobRecord[]>(
    `WITH pending AS (
       SELECT id, run_at FROM job
       WHERE queue = $1 AND status = 'pending' AND run_at <= now()
       ORDER BY run_at
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     ), expired AS (
       SELECT id, run_at FROM job
       WHERE queue = $1 AND status = 'running' AND locked_until <= now()
       ORDER BY run_at
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     ), due AS (
       SELECT id FROM (SELECT * FROM pending UNION ALL SELECT * FROM expired) AS candidates
       ORDER BY run_at
       LIMIT $3
     )
     UPDATE job SET status = 'running', locked_by = $2,
       locked_until = now() + $4 * interval '1 millisecond', attempts = job.attempts + 1,
       updated_at = now()
     FROM due
     WHERE job.id = due.id
     RETURNING ${recordColumns('job')}`,
    queue,
    options.workerId,
    options.limit,
    options.leaseMs,
  );
}

async function list(prisma: PrismaClient, filter: JobListFilter): Promise<JobSummary[]> {
  if (filter.workspaceId !== undefined && !UUID.test(filter.workspaceId)) {
    return [];
  }
  const rows = await prisma.$queryRawUnsafe<JobRecord[]>(
    `SELECT ${recordColumns('job')} FROM job
     WHERE ($1::text IS NULL OR queue = $1)
       AND ($2::text IS NULL OR status::text = $2)
       AND ($3::uuid IS NULL OR workspace_id = $3::uuid)
     ORDER BY created_at DESC, id DESC
     LIMIT $4`,
    filter.queue ?? null,
    filter.status ?? null,
    filter.workspaceId ?? null,
    filter.limit,
  );

  return rows.map(({ payload: _payload, ...summary }) => summary);
}

async function countByStatus(
  prisma: PrismaClient,
  queue: string,
): Promise<Record<JobStatus, number>> {
  const rows = await prisma.$queryRawUnsafe<{ status: JobStatus; count: number }[]>(
    `SELECT status::text AS "status", count(*)::int AS "count" FROM job WHERE queue = $1
     GROUP BY status`,
    queue,
  );
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) {
    counts[row.status] = row.count;
  }

  return counts;
}

function clip(error: string): string {
  return error.length > MAX_JOB_ERROR_LENGTH ? `${error.slice(0, MAX_JOB_ERROR_LENGTH)}…` : error;
}
