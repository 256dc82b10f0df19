import { Prisma } from '../generated/prisma/client';
import type { SqlRunner } from '../sql-runner';
import type { FlowSessionRecord, NewEndpointCall, SessionChange } from './flow-sessions';
import type { NewJob } from './jobs';
import type { NewSubmission } from './submissions';

/** A request the data endpoint answered earlier, as remembered for every process. */
export interface RememberedAnswer {
  /** `null` while the request that claimed the fingerprint is still running. */
  httpStatus: number | null;
  answer: string | null;
}

export interface OpenExchangeInput {
  flowToken: string;
  flowId: string;
  fingerprint: string;
  now: Date;
  /** When the replay record made now expires. */
  replayExpiresAt: Date;
  /**
   * An unanswered claim of the same fingerprint that expires before this moment is stale (its
   * process stopped mid-request) and is taken over.
   */
  staleBefore: Date;
}

export interface ClaimResult {
  /** This call claimed the fingerprint: it is the first to run the request. */
  claimed: boolean;
  /** What an earlier call with the same fingerprint left, when this one did not claim it. */
  earlier: RememberedAnswer | null;
}

export interface OpenedExchange extends ClaimResult {
  /** The session of the token, whatever its Flow or status; `null` when the token is unknown. */
  session: FlowSessionRecord | null;
}

export interface ClaimInput {
  fingerprint: string;
  sessionId: string;
  replayExpiresAt: Date;
  staleBefore: Date;
}

export interface AnswerToRemember {
  fingerprint: string;
  httpStatus: number;
  answer: string;
}

/** A file a save step's answers name (a picker's upload at the data endpoint), to download. */
export interface SavedSubmissionFile {
  /** Chosen by the caller, so that a job can name it and its sealed source is bound to it. */
  id: string;
  field: string;
  mediaId: string;
  fileName: string | null;
  sha256: string | null;
  /** Sealed where to download the file and how to decrypt it. */
  cdnSource: string;
}

/**
 * A submission a save step made during a call, with the jobs that deliver it (or that download
 * its files first, after which the deliveries are queued).
 */
export interface SavedSubmission {
  /** Chosen by the caller, so that the jobs can name it. */
  id: string;
  submission: NewSubmission;
  files?: SavedSubmissionFile[];
  /** Queued only when the submission is stored now, not when its key was stored before. */
  jobs: (NewJob & { key: string })[];
}

/** One answered call to store: the session change of a successful run, its log row, its answer. */
export interface ExchangeWrite {
  change?: SessionChange;
  call: NewEndpointCall;
  /** Present when the call claimed its fingerprint. */
  answer?: AnswerToRemember;
  /** Present when the run saved answers; stored once per (workspace, message id). */
  submissions?: SavedSubmission[];
}

/**
 * The data endpoint's hot path in as few statements as PostgreSQL allows. Each method is one
 * SQL statement, atomic without a transaction around it, and takes many calls at once: the
 * cost of a statement (a round trip, a commit) is shared by every call in it.
 */
export interface EndpointExchangeRepository {
  /**
   * Reads the session of each flow token and, when it is an open session of the Flow, claims
   * the request's fingerprint: of several calls with one fingerprint, on any process, one
   * claims. Fingerprints must differ within one call of this method. Answers in input order.
   */
  open(inputs: readonly OpenExchangeInput[]): Promise<OpenedExchange[]>;
  /** Claims a fingerprint for a session found otherwise (a test session made on the spot). */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /** What is remembered for a fingerprint, or `null` when nothing is. */
  remembered(fingerprint: string): Promise<RememberedAnswer | null>;
  /**
   * Stores each session change, log row, answer for replays and saved submission with its
   * delivery jobs, all in one statement: every write is durable when this resolves. Sessions
   * must differ within one call.
   */
  write(writes: readonly ExchangeWrite[]): Promise<void>;
  /** Forgets replay records that expired; returns how many. */
  deleteExpiredReplays(now: Date): Promise<number>;
}

interface OpenRow {
  n: number;
  session: SessionRow | null;
  claimed: boolean;
  earlierFound: boolean;
  earlierStatus: number | null;
  earlierAnswer: string | null;
}

interface SessionRow extends Omit<FlowSessionRecord, 'expiresAt' | 'createdAt' | 'updatedAt'> {
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface EndpointExchangeOptions {
  /**
   * Commit the claims without waiting for the disk (see `openSql`). It pays on the embedded
   * database, whose commits are dear and whose one connection carries both statements; on a
   * PostgreSQL server the quicker claims only split the calls into more, smaller statements.
   */
  claimsWithoutWaiting?: boolean;
}

// Statements whose text is the same for any number of calls are prepared once per connection:
// the database plans them once instead of on every call.
export function createEndpointExchangeRepository(
  sql: SqlRunner,
  options: EndpointExchangeOptions = {},
): EndpointExchangeRepository {
  const claimsWithoutWaiting = options.claimsWithoutWaiting ?? false;

  return {
    open: async (inputs) => {
      if (inputs.length === 0) {
        return [];
      }
      const rows = await sql.query<OpenRow>(openSql(inputs, claimsWithoutWaiting), 'endpoint-open');
      const byIndex = new Map(rows.map((row) => [Number(row.n), row]));

      return inputs.map((_, index) => openedOf(byIndex.get(index + 1)));
    },

    claim: async (input) => {
      const rows = await sql.query<{ fingerprint: string }>(claimSql(input));

      return rows.length > 0
        ? { claimed: true, earlier: null }
        : { claimed: false, earlier: await rememberedOf(sql, input.fingerprint) };
    },

    remembered: (fingerprint) => rememberedOf(sql, fingerprint),

    write: async (writes) => {
      if (writes.length > 0) {
        const saving = writes.some((write) => (write.submissions ?? []).length > 0);
        await sql.query(writeSql(writes), saving ? 'endpoint-write-saved' : 'endpoint-write');
      }
    },

    deleteExpiredReplays: async (now) => {
      const [row] = await sql.query<{ count: number }>(Prisma.sql`
        WITH expired AS (DELETE FROM endpoint_replay WHERE expires_at <= ${now} RETURNING 1)
        SELECT count(*)::int AS count FROM expired`);

      return row?.count ?? 0;
    },
  };
}

// The sessions, the claims and any earlier record of each fingerprint in one statement. A
// claim succeeds for a new fingerprint, or takes over a stale unanswered claim; the outer
// SELECT sees the tables as they were before the statement, so `earlier` is another call's
// (a stale claim is taken over as `claimSql` explains).
// `withoutWaiting` commits the claims without waiting for the disk (`synchronous_commit` off
// for this statement's transaction only). Other processes see them at once, which is all a
// claim is for; and the call's write, which commits durably, flushes the log up to it and
// everything before, claims included. A claim lost in a database crash belongs to a call whose
// write never committed: a retry runs it, as it would after the claim went stale.
// The session travels as one JSON object so that its columns keep their types.
function openSql(inputs: readonly OpenExchangeInput[], withoutWaiting: boolean): Prisma.Sql {
  const column = <T>(pick: (input: OpenExchangeInput) => T) => inputs.map(pick);

  return Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((input) => input.flowToken)}::text[],
        ${column((input) => input.flowId)}::uuid[],
        ${column((input) => input.fingerprint)}::text[],
        ${column((input) => input.now)}::timestamptz[],
        ${column((input) => input.replayExpiresAt)}::timestamptz[],
        ${column((input) => input.staleBefore)}::timestamptz[]
      ) WITH ORDINALITY AS t(flow_token, flow_id, fingerprint, now, replay_expires_at, stale_before, n)
      ${withoutWaiting ? Prisma.sql`WHERE set_config('synchronous_commit', 'off', true) = 'off'` : Prisma.empty}
    ), found AS (
      SELECT input.n, session.* FROM input JOIN flow_session AS session USING (flow_token)
    ), claim AS (
      INSERT INTO endpoint_replay (fingerprint, session_id, expires_at)
      SELECT input.fingerprint, found.id, input.replay_expires_at
      FROM input JOIN found USING (n)
      WHERE found.flow_id = input.flow_id AND found.status = 'open' AND found.expires_at > input.now
      ON CONFLICT (fingerprint) DO UPDATE SET expires_at = EXCLUDED.expires_at
      WHERE endpoint_replay.answer IS NULL
        AND endpoint_replay.expires_at < (
          SELECT stale_before FROM input WHERE input.fingerprint = EXCLUDED.fingerprint
        )
      RETURNING fingerprint
    )
    SELECT input.n,
      CASE WHEN found.id IS NULL THEN NULL ELSE json_build_object(
        'id', found.id, 'flowToken', found.flow_token, 'workspaceId', found.workspace_id,
        'flowId', found.flow_id, 'connectionId', found.connection_id, 'status', found.status,
        'testMode', found.test_mode, 'state', found.state, 'expiresAt', found.expires_at,
        'createdAt', found.created_at, 'updatedAt', found.updated_at
      ) END AS "session",
      claim.fingerprint IS NOT NULL AS "claimed",
      earlier.fingerprint IS NOT NULL AS "earlierFound",
      earlier.http_status AS "earlierStatus", earlier.answer AS "earlierAnswer"
    FROM input
    LEFT JOIN found USING (n)
    LEFT JOIN claim ON claim.fingerprint = input.fingerprint
    LEFT JOIN endpoint_replay AS earlier ON earlier.fingerprint = input.fingerprint`;
}

// A claim still unanswered long after the endpoint's budget ran out belongs to a process that
// stopped mid-request: its session write never happened (it goes with the answer), so running
// the request again applies it once.
function claimSql(input: ClaimInput): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO endpoint_replay (fingerprint, session_id, expires_at)
    VALUES (${input.fingerprint}, ${input.sessionId}::uuid, ${input.replayExpiresAt})
    ON CONFLICT (fingerprint) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE endpoint_replay.answer IS NULL AND endpoint_replay.expires_at < ${input.staleBefore}
    RETURNING fingerprint`;
}

function writeSql(writes: readonly ExchangeWrite[]): Prisma.Sql {
  const changes = writes.flatMap((write) => (write.change === undefined ? [] : [write.change]));
  const answers = writes.flatMap((write) => (write.answer === undefined ? [] : [write.answer]));
  const calls = writes.map((write) => write.call);
  const callColumn = <T>(pick: (call: NewEndpointCall) => T) => calls.map(pick);

  return Prisma.sql`
    WITH saved AS (
      UPDATE flow_session AS session
      SET state = change.state::jsonb, status = change.status::flow_session_status,
          updated_at = CURRENT_TIMESTAMP
      FROM unnest(
        ${changes.map((change) => change.id)}::uuid[],
        ${changes.map((change) => JSON.stringify(change.state))}::text[],
        ${changes.map((change) => change.status)}::text[]
      ) AS change(id, state, status)
      WHERE session.id = change.id
      RETURNING session.id
    ), logged AS (
      INSERT INTO endpoint_call (id, workspace_id, flow_id, session_id, connection_id, action,
        screen, http_status, latency_ms, error_code, error_message, debug_payload)
      SELECT gen_random_uuid(), call.workspace_id, call.flow_id, call.session_id,
        call.connection_id, call.action, call.screen, call.http_status, call.latency_ms,
        call.error_code, call.error_message, call.debug_payload::jsonb
      FROM unnest(
        ${callColumn((call) => call.workspaceId)}::uuid[],
        ${callColumn((call) => call.flowId)}::uuid[],
        ${callColumn((call) => call.sessionId)}::uuid[],
        ${callColumn((call) => call.connectionId)}::uuid[],
        ${callColumn((call) => call.action)}::text[],
        ${callColumn((call) => call.screen)}::text[],
        ${callColumn((call) => call.httpStatus)}::int[],
        ${callColumn((call) => call.latencyMs)}::int[],
        ${callColumn((call) => call.errorCode)}::text[],
        ${callColumn((call) => call.errorMessage)}::text[],
        ${callColumn((call) => (call.debugPayload === null ? null : JSON.stringify(call.debugPayload)))}::text[]
      ) AS call(workspace_id, flow_id, session_id, connection_id, action, screen, http_status,
        latency_ms, error_code, error_message, debug_payload)
    ), remembered AS (
      UPDATE endpoint_replay AS replay SET http_status = answer.http_status, answer = answer.body
      FROM unnest(
        ${answers.map((answer) => answer.fingerprint)}::text[],
        ${answers.map((answer) => answer.httpStatus)}::int[],
        ${answers.map((answer) => answer.answer)}::text[]
      ) AS answer(fingerprint, http_status, body)
      WHERE replay.fingerprint = answer.fingerprint
    )${submissionsSql(writes.flatMap((write) => write.submissions ?? []))}
    SELECT count(*) FROM saved`;
}

// Only statements that carry a submission grow by these inserts. A key stored already (a
// claim taken over from a process that stopped after its write) stores nothing, records no
// file and queues nothing more.
function submissionsSql(saved: readonly SavedSubmission[]): Prisma.Sql {
  if (saved.length === 0) {
    return Prisma.empty;
  }
  const column = <T>(pick: (submission: NewSubmission) => T) =>
    saved.map((entry) => pick(entry.submission));
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const jobs = saved.flatMap((entry) =>
    entry.jobs.map((job) => ({ ...job, submissionId: entry.id })),
  );
  const files = saved.flatMap((entry) =>
    (entry.files ?? []).map((file) => ({
      ...file,
      submissionId: entry.id,
      workspaceId: entry.submission.workspaceId,
    })),
  );

  return Prisma.sql`, submitted AS (
      INSERT INTO submission (id, workspace_id, flow_id, flow_version_id, session_id,
        connection_id, message_id, source, flow_token, customer_wa_id, customer_user_id, answers,
        raw_response, response_error, fields, missing_required, destination_ids, status,
        received_at)
      SELECT entry.id, entry.workspace_id, entry.flow_id, entry.flow_version_id, entry.session_id,
        entry.connection_id, entry.message_id, entry.source::submission_source, entry.flow_token,
        entry.customer_wa_id, entry.customer_user_id, entry.answers::json, entry.raw_response,
        entry.response_error, entry.fields::json, entry.missing_required::json,
        entry.destination_ids::json, entry.status::submission_status, entry.received_at
      FROM unnest(
        ${saved.map((entry) => entry.id)}::uuid[],
        ${column((submission) => submission.workspaceId)}::uuid[],
        ${column((submission) => submission.flowId)}::uuid[],
        ${column((submission) => submission.flowVersionId)}::uuid[],
        ${column((submission) => submission.sessionId)}::uuid[],
        ${column((submission) => submission.connectionId)}::uuid[],
        ${column((submission) => submission.messageId)}::text[],
        ${column((submission) => submission.source)}::text[],
        ${column((submission) => submission.flowToken)}::text[],
        ${column((submission) => submission.customerWaId)}::text[],
        ${column((submission) => submission.customerUserId)}::text[],
        ${column((submission) => json(submission.answers))}::text[],
        ${column((submission) => submission.rawResponse)}::text[],
        ${column((submission) => submission.responseError)}::text[],
        ${column((submission) => JSON.stringify(submission.fields))}::text[],
        ${column((submission) => JSON.stringify(submission.missingRequired))}::text[],
        ${column((submission) => JSON.stringify(submission.destinationIds))}::text[],
        ${column((submission) => submission.status)}::text[],
        ${column((submission) => submission.receivedAt)}::timestamptz[]
      ) AS entry(id, workspace_id, flow_id, flow_version_id, session_id, connection_id,
        message_id, source, flow_token, customer_wa_id, customer_user_id, answers, raw_response,
        response_error, fields, missing_required, destination_ids, status, received_at)
      ON CONFLICT (workspace_id, message_id) DO NOTHING
      RETURNING id
    ), filed AS (
      INSERT INTO submission_file (id, workspace_id, submission_id, field, media_id, file_name,
        sha256, cdn_source)
      SELECT file.id, file.workspace_id, file.submission_id, file.field, file.media_id,
        file.file_name, file.sha256, file.cdn_source
      FROM unnest(
        ${files.map((file) => file.id)}::uuid[],
        ${files.map((file) => file.workspaceId)}::uuid[],
        ${files.map((file) => file.submissionId)}::uuid[],
        ${files.map((file) => file.field)}::text[],
        ${files.map((file) => file.mediaId)}::text[],
        ${files.map((file) => file.fileName)}::text[],
        ${files.map((file) => file.sha256)}::text[],
        ${files.map((file) => file.cdnSource)}::text[]
      ) AS file(id, workspace_id, submission_id, field, media_id, file_name, sha256, cdn_source)
      JOIN submitted ON submitted.id = file.submission_id
      ON CONFLICT (submission_id, field, media_id) DO NOTHING
    ), queued AS (
      INSERT INTO job (id, queue, key, workspace_id, payload, run_at)
      SELECT gen_random_uuid(), job.queue, job.key, job.workspace_id, job.payload::jsonb,
        COALESCE(job.run_at, now())
      FROM unnest(
        ${jobs.map((job) => job.submissionId)}::uuid[],
        ${jobs.map((job) => job.queue)}::text[],
        ${jobs.map((job) => job.key)}::text[],
        ${jobs.map((job) => job.workspaceId ?? null)}::uuid[],
        ${jobs.map((job) => JSON.stringify(job.payload))}::text[],
        ${jobs.map((job) => job.runAt ?? null)}::timestamptz[]
      ) AS job(submission_id, queue, key, workspace_id, payload, run_at)
      JOIN submitted ON submitted.id = job.submission_id
      ON CONFLICT (queue, key) DO NOTHING
    )`;
}

async function rememberedOf(sql: SqlRunner, fingerprint: string): Promise<RememberedAnswer | null> {
  const [row] = await sql.query<RememberedAnswer>(Prisma.sql`
    SELECT http_status AS "httpStatus", answer FROM endpoint_replay
    WHERE fingerprint = ${fingerprint}`);

  return row ?? null;
}

function openedOf(row: OpenRow | undefined): OpenedExchange {
  if (row === undefined) {
    throw new Error('The database answered fewer rows than calls');
  }
  const earlier =
    row.earlierFound && !row.claimed
      ? { httpStatus: row.earlierStatus, answer: row.earlierAnswer }
      : null;

  return {
    session: row.session === null ? null : sessionOf(row.session),
    claimed: row.claimed,
    earlier,
  };
}

// JSON carries timestamps as text; the session's record has dates.
function sessionOf(row: SessionRow): FlowSessionRecord {
  return {
    ...row,
    expiresAt: new Date(row.expiresAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}
