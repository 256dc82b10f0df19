import type { DbClient, PrismaClient } from '@sanjay-flow/db';
import { z } from 'zod';

import { type AuditActor, recordAudit } from './audit';

/**
 * How long a workspace keeps each class of data. The defaults are the privacy notice's
 * promises; the bounds keep a setting from breaking one (raw payloads never past a day) or the
 * product (webhook records are kept at least as long as Meta redelivers: 7 days).
 */
export const RetentionSettingsSchema = z.object({
  rawWebhookHours: z.number().int().min(1).max(24),
  deleteDeliveredSubmissions: z.boolean(),
  submissionDays: z.number().int().min(1).max(365),
  logDays: z.number().int().min(7).max(90),
  sessionDays: z.number().int().min(1).max(90),
  alertDays: z.number().int().min(7).max(365),
  auditDays: z.number().int().min(30).max(3650),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionChangesSchema = RetentionSettingsSchema.partial();
export type RetentionChanges = z.infer<typeof RetentionChangesSchema>;

export const DEFAULT_RETENTION: RetentionSettings = {
  rawWebhookHours: 24,
  deleteDeliveredSubmissions: true,
  submissionDays: 30,
  logDays: 14,
  sessionDays: 7,
  alertDays: 90,
  auditDays: 365,
};

type Db = DbClient | PrismaClient;

/** The workspace's settings; a workspace that never changed them has the defaults. */
export async function getRetention(db: Db, workspaceId: string): Promise<RetentionSettings> {
  const row = await db.retentionPolicy.findUnique({ where: { workspaceId } });

  return row ? RetentionSettingsSchema.parse(row) : { ...DEFAULT_RETENTION };
}

/** Changes some settings, recorded in the audit log with the values (durations, not data). */
export async function updateRetention(
  db: PrismaClient,
  workspaceId: string,
  changes: RetentionChanges,
  actor: AuditActor,
): Promise<RetentionSettings> {
  const valid = RetentionChangesSchema.parse(changes);

  return db.$transaction(async (tx) => {
    const settings = { ...(await getRetention(tx, workspaceId)), ...valid };
    await tx.retentionPolicy.upsert({
      where: { workspaceId },
      create: { workspaceId, ...settings },
      update: settings,
    });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'retention.update',
      details: Object.fromEntries(
        Object.entries(valid).map(([key, value]) => [key, Number(value)]),
      ),
    });

    return settings;
  });
}

/** One class of data and when it goes, for people to read. */
export interface RetentionRule {
  dataClass: string;
  holds: string;
  goes: string;
}

export function describeRetention(settings: RetentionSettings): RetentionRule[] {
  const days = (count: number) => (count === 1 ? '1 day' : `${count} days`);
  const submissions = settings.deleteDeliveredSubmissions
    ? `as soon as every destination has it (within a minute); without a destination, or undelivered, after ${days(settings.submissionDays)}`
    : `answers erased once delivered; the record after ${days(settings.submissionDays)}`;

  return [
    {
      dataClass: 'rawWebhooks',
      holds: 'webhook bodies as Meta sent them (messages, answers, phone numbers)',
      goes: `once processed; any left (malformed, failed) after ${settings.rawWebhookHours} h`,
    },
    {
      dataClass: 'submissions',
      holds: "customers' answers, phone number and user id",
      goes: submissions,
    },
    {
      dataClass: 'sessions',
      holds: 'Flow sessions: the answers given so far, the phone number',
      goes: `${days(settings.sessionDays)} after the session closed or expired`,
    },
    {
      dataClass: 'outboundMessages',
      holds: 'messages sent: recipient, status; the text until Meta accepts it',
      goes: `text once accepted (a failed message's after ${settings.rawWebhookHours} h); the record after ${days(settings.logDays)}`,
    },
    {
      dataClass: 'logs',
      holds:
        'endpoint call log, webhook event records, delivery attempts, finished background jobs',
      goes: `after ${days(settings.logDays)}; endpoint debug payloads after ${settings.rawWebhookHours} h`,
    },
    {
      dataClass: 'privacyRequests',
      holds: "customers' requests from the public page: phone number, hashed one-time code",
      goes: 'once confirmed; unconfirmed after 24 h',
    },
    {
      dataClass: 'alerts',
      holds: "Meta's alerts about Flows (no customer data)",
      goes: `after ${days(settings.alertDays)}`,
    },
    {
      dataClass: 'auditLog',
      holds: 'who changed settings or exported or erased data (no personal data)',
      goes: `after ${days(settings.auditDays)}`,
    },
  ];
}
