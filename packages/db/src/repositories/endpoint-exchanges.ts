import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { FlowSessionRecord, NewEndpointCall, SessionChange } from './flow-sessions';

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

/**
 * The data endpoint's hot path in as few round trips as PostgreSQL allows: each method is one
 * SQL statement, and one statement is atomic without a transaction around it.
 */
export interface EndpointExchangeRepository {
  /**
   * Reads the session of a flow token and, when it is an open session of the Flow, claims the
   * request's fingerprint: of several calls with one fingerprint, on any process, one claims.
   */
  open(input: OpenExchangeInput): Promise<OpenedExchange>;
  /** Claims a fingerprint for a session found otherwise (a test session made on the spot). */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /** What is remembered for a fingerprint, or `null` when nothing is. */
  remembered(fingerprint: string): Promise<RememberedAnswer | null>;
  /**
   * Stores the session's new state, the call's log row and the answer for replays, together:
   * the session write is durable when this resolves.
   */
  saveExchange(
    change: SessionChange,
    call: NewEndpointCall,
    answer: AnswerToRemember,
  ): Promise<void>;
  /** Logs a call that changed no session, with the answer for replays when it claimed one. */
  recordCall(call: NewEndpointCall, answer?: AnswerToRemember): Promise<void>;
  /** Forgets replay records that expired; returns how many. */
  deleteExpiredReplays(now: Date): Promise<number>;
}

interface SessionRow {
  id: string;
  flowToken: string;
  workspaceId: string;
  flowId: string;
  connectionId: string | null;
  status: 'open' | 'closed';
  testMode: boolean;
  state: Prisma.JsonValue;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

interface OpenRow extends Partial<SessionRow> {
  found: boolean;
  claimed: boolean;
  earlierStatus: number | null;
  earlierAnswer: string | null;
  earlierFound: boolean;
}

export function createEndpointExchangeRepository(prisma: PrismaClient): EndpointExchangeRepository {
  return {
    open: async (input) => {
      const [row] = await prisma.$queryRaw<OpenRow[]>(openSql(input));

      return row === undefined ? { session: null, claimed: false, earlier: null } : openedOf(row);
    },

    claim: async (input) => {
      const rows = await prisma.$queryRaw<{ fingerprint: string }[]>(claimSql(input));

      return rows.length > 0
        ? { claimed: true, earlier: null }
        : { claimed: false, earlier: await rememberedOf(prisma, input.fingerprint) };
    },

    remembered: (fingerprint) => rememberedOf(prisma, fingerprint),

    saveExchange: async (change, call, answer) => {
      await prisma.$executeRaw`
        WITH saved AS (
          UPDATE flow_session
          SET state = ${JSON.stringify(change.state)}::jsonb,
              status = ${change.status}::flow_session_status,
              updated_at = CURRENT_TIMESTAMP
          WHERE id = ${change.id}::uuid
          RETURNING id
        ), logged AS (${insertCallSql(call)}), remembered AS (${rememberSql(answer)})
        SELECT 1 FROM saved`;
    },

    recordCall: async (call, answer) => {
      await (answer === undefined
        ? prisma.$executeRaw`${insertCallSql(call)}`
        : prisma.$executeRaw`
            WITH logged AS (${insertCallSql(call)}), remembered AS (${rememberSql(answer)})
            SELECT 1`);
    },

    deleteExpiredReplays: (now) =>
      prisma.$executeRaw`DELETE FROM endpoint_replay WHERE expires_at <= ${now}`,
  };
}

// The session columns, the claim and any earlier record of the fingerprint in one statement.
// The claim succeeds for a new fingerprint, or takes over a stale unanswered claim; the outer
// SELECT sees the table as it was before the statement, so `earlier` is another call's record.
function openSql(input: OpenExchangeInput): Prisma.Sql {
  return Prisma.sql`
    WITH found AS (
      SELECT * FROM flow_session WHERE flow_token = ${input.flowToken}
    ), claim AS (
      INSERT INTO endpoint_replay (fingerprint, session_id, expires_at)
      SELECT ${input.fingerprint}, id, ${input.replayExpiresAt} FROM found
      WHERE flow_id = ${input.flowId}::uuid AND status = 'open' AND expires_at > ${input.now}
      ${onConflictTakeOverSql(input.staleBefore)}
      RETURNING fingerprint
    ), earlier AS (
      SELECT http_status, answer FROM endpoint_replay WHERE fingerprint = ${input.fingerprint}
    )
    SELECT
      found.id IS NOT NULL AS "found", found.id, found.flow_token AS "flowToken",
      found.workspace_id AS "workspaceId", found.flow_id AS "flowId",
      found.connection_id AS "connectionId", found.status::text AS "status",
      found.test_mode AS "testMode", found.state, found.expires_at AS "expiresAt",
      found.created_at AS "createdAt", found.updated_at AS "updatedAt",
      EXISTS (SELECT 1 FROM claim) AS "claimed",
      EXISTS (SELECT 1 FROM earlier) AS "earlierFound",
      (SELECT http_status FROM earlier) AS "earlierStatus",
      (SELECT answer FROM earlier) AS "earlierAnswer"
    FROM (SELECT 1) AS one LEFT JOIN found ON true`;
}

function claimSql(input: ClaimInput): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO endpoint_replay (fingerprint, session_id, expires_at)
    VALUES (${input.fingerprint}, ${input.sessionId}::uuid, ${input.replayExpiresAt})
    ${onConflictTakeOverSql(input.staleBefore)}
    RETURNING fingerprint`;
}

// A claim still unanswered long after the endpoint's budget ran out belongs to a process that
// stopped mid-request: its session write never happened (it goes with the answer), so running
// the request again applies it once.
function onConflictTakeOverSql(staleBefore: Date): Prisma.Sql {
  return Prisma.sql`
    ON CONFLICT (fingerprint) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE endpoint_replay.answer IS NULL AND endpoint_replay.expires_at < ${staleBefore}`;
}

function insertCallSql(call: NewEndpointCall): Prisma.Sql {
  const debugPayload = call.debugPayload === null ? null : JSON.stringify(call.debugPayload);

  return Prisma.sql`
    INSERT INTO endpoint_call (id, workspace_id, flow_id, session_id, connection_id, action,
      screen, http_status, latency_ms, error_code, error_message, debug_payload)
    VALUES (gen_random_uuid(), ${call.workspaceId}::uuid, ${call.flowId}::uuid,
      ${call.sessionId}::uuid, ${call.connectionId}::uuid, ${call.action}, ${call.screen},
      ${call.httpStatus}, ${call.latencyMs}, ${call.errorCode}, ${call.errorMessage},
      ${debugPayload}::jsonb)`;
}

function rememberSql(answer: AnswerToRemember): Prisma.Sql {
  return Prisma.sql`
    UPDATE endpoint_replay SET http_status = ${answer.httpStatus}, answer = ${answer.answer}
    WHERE fingerprint = ${answer.fingerprint}`;
}

async function rememberedOf(
  prisma: PrismaClient,
  fingerprint: string,
): Promise<RememberedAnswer | null> {
  const [row] = await prisma.$queryRaw<RememberedAnswer[]>`
    SELECT http_status AS "httpStatus", answer FROM endpoint_replay
    WHERE fingerprint = ${fingerprint}`;

  return row ?? null;
}

function openedOf(row: OpenRow): OpenedExchange {
  const session = row.found ? sessionOf(row as SessionRow) : null;
  const earlier =
    row.earlierFound && !row.claimed
      ? { httpStatus: row.earlierStatus, answer: row.earlierAnswer }
      : null;

  return { session, claimed: row.claimed, earlier };
}

function sessionOf(row: SessionRow): FlowSessionRecord {
  return {
    id: row.id,
    flowToken: row.flowToken,
    workspaceId: row.workspaceId,
    flowId: row.flowId,
    connectionId: row.connectionId,
    status: row.status,
    testMode: row.testMode,
    state: row.state,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
