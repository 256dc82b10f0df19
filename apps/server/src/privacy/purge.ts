import { INBOX_QUEUE, type PrismaClient } from '@sanjay-flow/db';

import { DEFAULT_RETENTION, getRetention, type RetentionSettings } from './retention';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** What one purge did, per rule: rows deleted, or payloads cleared. */
export type PurgeCounts = Record<string, number>;

interface Rule {
  name: string;
  /** `$1` is the workspace, `$2` the cutoff. */
  sql: string;
  cutoff(settings: RetentionSettings, now: Date): Date;
}

/** An inbox event whose job is still to run: answered 200, so never lost to a purge. */
const EVENT_WAITING = `EXISTS (
  SELECT 1 FROM job
  WHERE job.queue = '${INBOX_QUEUE}' AND job.key = inbox_event.id::text
    AND job.status IN ('pending', 'running'))`;

const hoursAgo = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR_MS);
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * The retention rules, one statement each, scoped to one workspace. Each compares with a cutoff
 * computed from the caller's clock (never the database's `now()`), so tests can move time.
 * Every statement is idempotent: two processes purging at once delete each row once.
 */
const WORKSPACE_RULES: Rule[] = [
  {
    name: 'rawWebhookBodiesCleared',
    // Bodies kept for inspection (malformed, dead-lettered); one still to be processed is kept
    // until it is, however old.
    sql: `UPDATE inbox_event SET raw = NULL
          WHERE workspace_id = $1::uuid AND raw IS NOT NULL AND received_at < $2
            AND NOT ${EVENT_WAITING}`,
    cutoff: (s, now) => hoursAgo(now, s.rawWebhookHours),
  },
  {
    name: 'endpointDebugPayloadsCleared',
    sql: `UPDATE endpoint_call SET debug_payload = NULL
          WHERE workspace_id = $1::uuid AND debug_payload IS NOT NULL AND created_at < $2`,
    cutoff: (s, now) => hoursAgo(now, s.rawWebhookHours),
  },
  {
    name: 'outboundBodiesCleared',
    sql: `UPDATE outbound_message SET body = NULL
          WHERE workspace_id = $1::uuid AND body IS NOT NULL
            AND status NOT IN ('queued', 'sending') AND created_at < $2`,
    cutoff: (s, now) => hoursAgo(now, s.rawWebhookHours),
  },
  {
    name: 'privacyRequests',
    sql: `DELETE FROM privacy_request WHERE workspace_id = $1::uuid AND created_at < $2`,
    cutoff: (_s, now) => hoursAgo(now, 24),
  },
  {
    name: 'submissionsExpired',
    sql: `DELETE FROM submission WHERE workspace_id = $1::uuid AND received_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.submissionDays),
  },
  {
    name: 'sessionsFinished',
    sql: `DELETE FROM flow_session
          WHERE workspace_id = $1::uuid AND (status = 'closed' OR expires_at < $2)
            AND updated_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.sessionDays),
  },
  {
    name: 'endpointCalls',
    sql: `DELETE FROM endpoint_call WHERE workspace_id = $1::uuid AND created_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.logDays),
  },
  {
    name: 'deliveryAttempts',
    sql: `DELETE FROM delivery_attempt a USING submission s
          WHERE s.id = a.submission_id AND s.workspace_id = $1::uuid AND a.created_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.logDays),
  },
  {
    name: 'outboundMessages',
    sql: `DELETE FROM outbound_message
          WHERE workspace_id = $1::uuid AND status NOT IN ('queued', 'sending') AND created_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.logDays),
  },
  {
    name: 'inboxItems',
    sql: `DELETE FROM inbox_item i USING inbox_event e
          WHERE e.id = i.event_id AND e.workspace_id = $1::uuid AND i.created_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.logDays),
  },
  {
    name: 'inboxEvents',
    sql: `DELETE FROM inbox_event
          WHERE workspace_id = $1::uuid AND received_at < $2 AND NOT ${EVENT_WAITING}`,
    cutoff: (s, now) => daysAgo(now, s.logDays),
  },
  {
    name: 'finishedJobs',
    sql: `DELETE FROM job WHERE workspace_id = $1::uuid AND status IN ('done', 'dead')
            AND updated_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.logDays),
  },
  {
    name: 'alerts',
    sql: `DELETE FROM flow_alert WHERE workspace_id = $1::uuid AND created_at < $2`,
    cutoff: (s, now) => daysAgo(now, s.alertDays),
  },
  {
    name: 'auditEntries',
    sql: `DELETE FROM audit_entry WHERE workspace_id = $1::uuid AND at < $2`,
    cutoff: (s, now) => daysAgo(now, s.auditDays),
  },
];

/**
 * Delivered submissions go at once when the workspace says so: no cutoff. One still holding a
 * file the business has not fetched stays until it does, or until `submission_days`.
 */
const DELIVERED_SUBMISSIONS = `DELETE FROM submission s
  WHERE s.workspace_id = $1::uuid AND s.status = 'delivered' AND s.delivered_at <= $2
    AND NOT EXISTS (SELECT 1 FROM submission_file f
                    WHERE f.submission_id = s.id AND f.content IS NOT NULL)`;

/** Records that belong to no workspace, under the default periods. */
const SHARED_RULES: { name: string; sql: string; cutoff: (now: Date) => Date }[] = [
  {
    name: 'endpointReplays',
    sql: `DELETE FROM endpoint_replay WHERE expires_at < $1`,
    cutoff: (now) => now,
  },
  {
    name: 'orphanInboxItems',
    sql: `DELETE FROM inbox_item i WHERE i.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM inbox_event e WHERE e.id = i.event_id)`,
    cutoff: (now) => daysAgo(now, DEFAULT_RETENTION.logDays),
  },
  // Members' sign-in records: an expired session or link signs nobody in, and old attempts
  // (hashed e-mail and client addresses) count against nothing.
  {
    name: 'signInSessionsExpired',
    sql: `DELETE FROM sign_in_session WHERE expires_at < $1`,
    cutoff: (now) => now,
  },
  {
    name: 'signInLinksExpired',
    sql: `DELETE FROM sign_in_link WHERE expires_at < $1`,
    cutoff: (now) => now,
  },
  {
    name: 'signInAttempts',
    sql: `DELETE FROM sign_in_attempt WHERE at < $1`,
    cutoff: (now) => hoursAgo(now, 24),
  },
  {
    name: 'unscopedJobs',
    sql: `DELETE FROM job WHERE workspace_id IS NULL AND status IN ('done', 'dead')
            AND updated_at < $1`,
    cutoff: (now) => daysAgo(now, DEFAULT_RETENTION.logDays),
  },
];

/**
 * Applies one workspace's retention settings as of `now`.
 * TODO: each rule is one unbatched statement; a large backlog (a period just lowered) holds the
 * embedded database, which runs one statement at a time, until it is deleted.
 */
export async function purgeWorkspace(
  prisma: PrismaClient,
  workspaceId: string,
  now: Date,
): Promise<PurgeCounts> {
  const settings = await getRetention(prisma, workspaceId);
  const counts: PurgeCounts = {};
  if (settings.deleteDeliveredSubmissions) {
    counts.submissionsDelivered = await prisma.$executeRawUnsafe(
      DELIVERED_SUBMISSIONS,
      workspaceId,
      now,
    );
  }
  for (const rule of WORKSPACE_RULES) {
    counts[rule.name] = await prisma.$executeRawUnsafe(
      rule.sql,
      workspaceId,
      rule.cutoff(settings, now),
    );
  }

  return counts;
}

/** Applies every workspace's settings, then the shared rules; answers the totals. */
export async function purgeAll(prisma: PrismaClient, now: Date): Promise<PurgeCounts> {
  const totals: PurgeCounts = {};
  const add = (counts: PurgeCounts) => {
    for (const [name, count] of Object.entries(counts)) {
      totals[name] = (totals[name] ?? 0) + count;
    }
  };
  const workspaces = await prisma.workspace.findMany({ select: { id: true } });
  for (const { id } of workspaces) {
    add(await purgeWorkspace(prisma, id, now));
  }
  for (const rule of SHARED_RULES) {
    add({ [rule.name]: await prisma.$executeRawUnsafe(rule.sql, rule.cutoff(now)) });
  }

  return totals;
}
