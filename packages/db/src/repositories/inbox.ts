import { randomUUID } from 'node:crypto';

import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { SqlRunner } from '../sql-runner';

/** The job queue that processes inbox events; a job's key is its event's id. */
export const INBOX_QUEUE = 'inbox';

/** A connection as the webhook route needs it; the secrets are sealed envelopes. */
export interface WebhookConnection {
  id: string;
  workspaceId: string;
  wabaId: string;
  phoneNumberId: string;
  appId: string;
  appSecret: string;
  webhookVerifyToken: string;
}

export interface ReceivedWebhook {
  workspaceId: string;
  connectionId: string;
  appId: string;
  raw: string;
  /** Set for a body that is signed but not a webhook: it is kept for inspection, not queued. */
  malformed?: { problem: string };
}

export type InboxEventStatus = 'received' | 'processed' | 'malformed';

export interface InboxEventRecord {
  id: string;
  workspaceId: string;
  connectionId: string | null;
  appId: string;
  raw: string | null;
  status: InboxEventStatus;
  summary: Prisma.JsonValue;
  problem: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

/** An event as listed for the editor, with the state of its job. */
export interface InboxEventView extends Omit<InboxEventRecord, 'raw'> {
  /** `raw` only when asked for (debugging); null once processed. */
  raw?: string | null;
  jobStatus: string | null;
  attempts: number;
  lastError: string | null;
}

/** `claimed`: run the handler; `done`: handled before; `busy`: another event holds the item. */
export type ItemClaim = 'claimed' | 'done' | 'busy';

export interface InboxRepository {
  /** Connections whose WABA id or phone number id is among those given. */
  findConnections(route: {
    wabaIds: string[];
    phoneNumberIds: string[];
  }): Promise<WebhookConnection[]>;
  allConnections(): Promise<WebhookConnection[]>;
  /**
   * Stores the event and, unless it is malformed, its job, in one statement: an event is never
   * stored without the job that processes it. Answers the event's id.
   */
  receive(webhook: ReceivedWebhook): Promise<string>;
  /** The same for several webhooks in one statement; answers their ids in order. */
  receiveMany(webhooks: ReceivedWebhook[]): Promise<string[]>;
  get(id: string): Promise<InboxEventRecord | null>;
  /**
   * Claims the items of an event by key, in one statement; keys must be distinct. `claimed`: run
   * the handler; `done`: handled before; `busy`: another event holds the item.
   */
  claimItems(
    eventId: string,
    items: { key: string; kind: string }[],
    leaseMs: number,
  ): Promise<Map<string, ItemClaim>>;
  /** Marks the items handled, the event processed and, when `workerId` holds it, its job done. */
  finishEvent(finish: {
    eventId: string;
    handledKeys: string[];
    summary: Prisma.InputJsonValue;
    workerId: string;
  }): Promise<void>;
  finishItems(eventId: string, keys: string[]): Promise<void>;
  /** Gives an item up after its handler failed, so that a later delivery may take it. */
  releaseItem(key: string, eventId: string): Promise<void>;
  markMalformed(id: string, problem: string): Promise<void>;
  list(filter: { workspaceId: string; limit: number; withRaw: boolean }): Promise<InboxEventView[]>;
  /**
   * Queues a dead-lettered event of the workspace again; false when there is none such, or its
   * body is no longer held (the retention purge cleared it).
   */
  retryDead(workspaceId: string, eventId: string): Promise<boolean>;
  /**
   * Deletes processed events and handled items received before `before`. Items must outlive
   * Meta's redelivery window, or a late duplicate would be handled again.
   */
  prune(before: Date): Promise<{ events: number; items: number }>;
}

const CONNECTION_COLUMNS = `id::text AS "id", workspace_id::text AS "workspaceId", waba_id AS "wabaId",
  phone_number_id AS "phoneNumberId", app_id AS "appId", app_secret AS "appSecret",
  webhook_verify_token AS "webhookVerifyToken"`;

const EVENT_COLUMNS = `e.id::text AS "id", e.workspace_id::text AS "workspaceId",
  e.connection_id::text AS "connectionId", e.app_id AS "appId", e.status::text AS "status",
  e.summary, e.problem, e.received_at AS "receivedAt", e.processed_at AS "processedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `sql` runs the statements every webhook costs (storing it; reading, claiming and finishing
 * it in the worker), prepared once per connection; the rest go through Prisma.
 */
export function createInboxRepository(prisma: PrismaClient, sql: SqlRunner): InboxRepository {
  return {
    findConnections: ({ wabaIds, phoneNumberIds }) =>
      prisma.$queryRawUnsafe<WebhookConnection[]>(
        `SELECT ${CONNECTION_COLUMNS} FROM connection
         WHERE waba_id = ANY($1::text[]) OR phone_number_id = ANY($2::text[])
         ORDER BY created_at, id`,
        wabaIds,
        phoneNumberIds,
      ),

    allConnections: () =>
      prisma.$queryRawUnsafe<WebhookConnection[]>(
        `SELECT ${CONNECTION_COLUMNS} FROM connection ORDER BY created_at, id`,
      ),

    receive: async (webhook) => {
      const [id] = await receiveMany(sql, [webhook]);

      return id as string;
    },
    receiveMany: (webhooks) => receiveMany(sql, webhooks),

    get: async (id) => {
      if (!UUID.test(id)) {
        return null;
      }
      const rows = await sql.query<InboxEventRecord>(
        Prisma.sql`SELECT ${Prisma.raw(EVENT_COLUMNS)}, e.raw FROM inbox_event e
          WHERE e.id = ${id}::uuid`,
        'inbox-get',
      );

      return rows[0] ?? null;
    },

    claimItems: (eventId, items, leaseMs) => claimItems(sql, eventId, items, leaseMs),
    finishEvent: (finish) => finishEvent(sql, finish),

    finishItems: async (eventId, keys) => {
      await prisma.$executeRawUnsafe(
        `UPDATE inbox_item SET handled_at = now(), lease_until = NULL
         WHERE event_id = $1::uuid AND key = ANY($2::text[])`,
        eventId,
        keys,
      );
    },

    releaseItem: async (key, eventId) => {
      await prisma.$executeRawUnsafe(
        `UPDATE inbox_item SET lease_until = NULL
         WHERE key = $1 AND event_id = $2::uuid AND handled_at IS NULL`,
        key,
        eventId,
      );
    },

    markMalformed: async (id, problem) => {
      await prisma.$executeRawUnsafe(
        `UPDATE inbox_event SET status = 'malformed', problem = $2, processed_at = now()
         WHERE id = $1::uuid`,
        id,
        problem,
      );
    },

    list: (filter) => list(prisma, filter),

    retryDead: async (workspaceId, eventId) =>
      UUID.test(workspaceId) &&
      UUID.test(eventId) &&
      (await prisma.$executeRawUnsafe(
        `UPDATE job SET status = 'pending', attempts = 0, run_at = now(), finished_at = NULL,
           updated_at = now()
         WHERE queue = $1 AND key = $2 AND status = 'dead' AND workspace_id = $3::uuid
           AND EXISTS (SELECT 1 FROM inbox_event WHERE id = $2::uuid AND raw IS NOT NULL)`,
        INBOX_QUEUE,
        eventId,
        workspaceId,
      )) === 1,

    prune: (before) => prune(prisma, before),
  };
}

async function receiveMany(sql: SqlRunner, webhooks: ReceivedWebhook[]): Promise<string[]> {
  if (webhooks.length === 0) {
    return [];
  }
  const ids = webhooks.map(() => randomUUID());
  const column = <T>(pick: (webhook: ReceivedWebhook) => T) => webhooks.map(pick);
  // Data-modifying CTEs all run, referenced or not, and the statement is atomic: no event is
  // stored without its job. The job's key names the event; it needs no payload.
  await sql.query(
    Prisma.sql`WITH event AS (
       INSERT INTO inbox_event (id, workspace_id, connection_id, app_id, raw, status, problem)
       SELECT * FROM unnest(${ids}::uuid[], ${column((webhook) => webhook.workspaceId)}::uuid[],
         ${column((webhook) => webhook.connectionId)}::uuid[],
         ${column((webhook) => webhook.appId)}::text[], ${column((webhook) => webhook.raw)}::text[],
         ${column((webhook) => (webhook.malformed ? 'malformed' : 'received'))}::inbox_event_status[],
         ${column((webhook) => webhook.malformed?.problem ?? null)}::text[])
       RETURNING id, workspace_id, status
     )
     INSERT INTO job (id, queue, key, workspace_id)
     SELECT gen_random_uuid(), ${INBOX_QUEUE}, event.id::text, event.workspace_id
     FROM event WHERE event.status = 'received'`,
    'inbox-receive',
  );

  return ids;
}

async function claimItems(
  sql: SqlRunner,
  eventId: string,
  items: { key: string; kind: string }[],
  leaseMs: number,
): Promise<Map<string, ItemClaim>> {
  if (items.length === 0) {
    return new Map();
  }
  // Of concurrent claims of one key, PostgreSQL lets exactly one insert or update the row; the
  // event that claimed the item before (its own retry) may always take it back. The final
  // SELECT sees the table as it was before this statement: an item handled earlier shows as
  // done, one claimed by a concurrent delivery as busy.
  const rows = await sql.query<{ key: string; claim: ItemClaim }>(
    Prisma.sql`WITH input AS (
       SELECT * FROM unnest(${items.map((item) => item.key)}::text[],
         ${items.map((item) => item.kind)}::text[]) AS t(key, kind)
     ), claimed AS (
       INSERT INTO inbox_item (key, kind, event_id, lease_until)
       SELECT key, kind, ${eventId}::uuid, now() + ${leaseMs} * interval '1 millisecond'
       FROM input
       ON CONFLICT (key) DO UPDATE
         SET event_id = EXCLUDED.event_id, lease_until = EXCLUDED.lease_until
         WHERE inbox_item.handled_at IS NULL
           AND (inbox_item.event_id = EXCLUDED.event_id OR inbox_item.lease_until IS NULL
                OR inbox_item.lease_until <= now())
       RETURNING key
     )
     SELECT input.key,
       CASE WHEN claimed.key IS NOT NULL THEN 'claimed'
            WHEN existing.handled_at IS NOT NULL THEN 'done'
            ELSE 'busy' END AS "claim"
     FROM input
     LEFT JOIN claimed ON claimed.key = input.key
     LEFT JOIN inbox_item existing ON existing.key = input.key`,
    'inbox-claim-items',
  );

  return new Map(rows.map((row) => [row.key, row.claim]));
}

async function finishEvent(
  sql: SqlRunner,
  finish: {
    eventId: string;
    handledKeys: string[];
    summary: Prisma.InputJsonValue;
    workerId: string;
  },
): Promise<void> {
  // One statement, so that an event is never processed with its items still open, and one
  // commit instead of three on the hot path.
  await sql.query(
    Prisma.sql`WITH items AS (
       UPDATE inbox_item SET handled_at = now(), lease_until = NULL
       WHERE event_id = ${finish.eventId}::uuid AND key = ANY(${finish.handledKeys}::text[])
     ), job_done AS (
       UPDATE job SET status = 'done', payload = NULL, locked_by = NULL, locked_until = NULL,
         last_error = NULL, finished_at = now(), updated_at = now()
       WHERE queue = ${INBOX_QUEUE} AND key = ${finish.eventId} AND status = 'running'
         AND locked_by = ${finish.workerId}
     )
     UPDATE inbox_event SET status = 'processed', raw = NULL,
       summary = ${JSON.stringify(finish.summary)}::jsonb, problem = NULL, processed_at = now()
     WHERE id = ${finish.eventId}::uuid`,
    'inbox-finish-event',
  );
}

async function list(
  prisma: PrismaClient,
  filter: { workspaceId: string; limit: number; withRaw: boolean },
): Promise<InboxEventView[]> {
  if (!UUID.test(filter.workspaceId)) {
    return [];
  }

  return prisma.$queryRawUnsafe<InboxEventView[]>(
    `SELECT ${EVENT_COLUMNS}, ${filter.withRaw ? 'e.raw,' : ''}
       j.status::text AS "jobStatus", COALESCE(j.attempts, 0) AS "attempts",
       j.last_error AS "lastError"
     FROM inbox_event e
     LEFT JOIN job j ON j.queue = $3 AND j.key = e.id::text
     WHERE e.workspace_id = $1::uuid
     ORDER BY e.received_at DESC, e.id DESC
     LIMIT $2`,
    filter.workspaceId,
    filter.limit,
    INBOX_QUEUE,
  );
}

// Processed records only. Malformed and dead-lettered events keep their raw bodies for
// inspection until the server's retention purge clears them (24 h by default) and deletes the
// records with the workspace's log period.
async function prune(
  prisma: PrismaClient,
  before: Date,
): Promise<{ events: number; items: number }> {
  const events = await prisma.$executeRawUnsafe(
    `DELETE FROM inbox_event WHERE status = 'processed' AND received_at < $1`,
    before,
  );
  const items = await prisma.$executeRawUnsafe(
    `DELETE FROM inbox_item WHERE handled_at IS NOT NULL AND created_at < $1`,
    before,
  );
  await prisma.$executeRawUnsafe(
    `DELETE FROM job WHERE queue = $1 AND status = 'done' AND finished_at < $2`,
    INBOX_QUEUE,
    before,
  );

  return { events, items };
}
