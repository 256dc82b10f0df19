import { INBOX_QUEUE, type PrismaClient } from '@sanjay-flow/db';

import { DELIVERY_QUEUE } from '../delivery/queue';
import { OUTBOX_QUEUE } from '../messaging/queue-message';
import { FILE_QUEUE } from '../submissions/submission-files';

import { type AuditActor, recordAudit } from './audit';
import { normalisePhone } from './phone';
import { findSubjectRecords, type SubjectRecords } from './subject-records';
import { readSubjectExport, type SubjectExport } from './subject-export';

/** The audit log's action for an erasure. */
export const ERASE_ACTION = 'subject_data.erase';

export type { SubjectExport } from './subject-export';

/** Rows removed per table by an erasure. */
export interface ErasureCounts {
  flowSessions: number;
  endpointCalls: number;
  endpointReplays: number;
  submissions: number;
  submissionFiles: number;
  deliveryAttempts: number;
  outboundMessages: number;
  inboxEvents: number;
  inboxItems: number;
  jobs: number;
  privacyRequests: number;
}

export class InvalidPhoneError extends Error {
  override name = 'InvalidPhoneError';
}

const ERASURE_TIMEOUT_MS = 60_000;

/**
 * Everything the workspace holds about the customer with this phone number (or the BSUIDs
 * seen with it), as one JSON-ready document. Throws `InvalidPhoneError` for input that is not
 * a phone number.
 */
export async function exportSubjectData(
  db: PrismaClient,
  workspaceId: string,
  phone: string,
): Promise<SubjectExport> {
  const digits = digitsOf(phone);
  const records = await findSubjectRecords(db, workspaceId, digits);

  return readSubjectExport(db, workspaceId, records);
}

/** `exportSubjectData`, recorded in the audit log (who asked, and how many records went out). */
export async function exportSubjectDataAudited(
  db: PrismaClient,
  workspaceId: string,
  phone: string,
  actor: AuditActor,
): Promise<SubjectExport> {
  const copy = await exportSubjectData(db, workspaceId, phone);
  await recordAudit(db, {
    workspaceId,
    actor,
    action: 'subject_data.export',
    details: {
      flowSessions: copy.flowSessions.length,
      submissions: copy.submissions.length,
      submissionFiles: copy.submissionFiles.length,
      outboundMessages: copy.outboundMessages.length,
      webhookEvents: copy.webhookEvents.length,
      webhookEntries: copy.webhookEntries.length,
    },
  });

  return copy;
}

/**
 * Deletes every record of the workspace that holds the customer's number or user id, or
 * belongs to one that does, in one transaction, and records the erasure in the audit log with
 * the counts only. Running it again finds nothing and removes nothing.
 */
export async function eraseSubjectData(
  db: PrismaClient,
  workspaceId: string,
  phone: string,
  actor: AuditActor,
): Promise<ErasureCounts> {
  const digits = digitsOf(phone);

  return db.$transaction(
    async (tx) => {
      const records = await findSubjectRecords(tx, workspaceId, digits);
      const counts = await deleteRecords(tx, workspaceId, records);
      await recordAudit(tx, {
        workspaceId,
        actor,
        action: ERASE_ACTION,
        details: { ...counts },
      });

      return counts;
    },
    { timeout: ERASURE_TIMEOUT_MS, maxWait: ERASURE_TIMEOUT_MS },
  );
}

/** Carries a preview's counts out of the transaction it rolls back. */
class PreviewRollback extends Error {
  constructor(readonly counts: ErasureCounts) {
    super('erasure preview: rolled back');
  }
}

/**
 * What `eraseSubjectData` would delete, counted by running the same deletions in a transaction
 * that is then rolled back: the preview and the erasure cannot disagree. Nothing is audited.
 */
export async function previewErasure(
  db: PrismaClient,
  workspaceId: string,
  phone: string,
): Promise<ErasureCounts> {
  const digits = digitsOf(phone);
  try {
    await db.$transaction(
      async (tx) => {
        const records = await findSubjectRecords(tx, workspaceId, digits);
        throw new PreviewRollback(await deleteRecords(tx, workspaceId, records));
      },
      { timeout: ERASURE_TIMEOUT_MS, maxWait: ERASURE_TIMEOUT_MS },
    );
  } catch (error) {
    if (error instanceof PreviewRollback) {
      return error.counts;
    }
    throw error;
  }
  throw new Error('the erasure preview did not roll back');
}

function digitsOf(phone: string): string {
  const normalised = normalisePhone(phone);
  if (!normalised.ok) {
    throw new InvalidPhoneError(`phone: ${normalised.problem}`);
  }

  return normalised.digits;
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

// Children before parents where the foreign key would only set null: the rows must go, not
// lose their link.
async function deleteRecords(
  tx: Tx,
  workspaceId: string,
  records: SubjectRecords,
): Promise<ErasureCounts> {
  const { sessionIds, submissionIds, outboundIds, inboxEventIds, messageIds } = records;
  const jobs = await deleteJobs(tx, records);
  const deliveryAttempts = await tx.deliveryAttempt.deleteMany({
    where: { submissionId: { in: submissionIds } },
  });
  const submissionFiles = await tx.submissionFile.deleteMany({
    where: { workspaceId, submissionId: { in: submissionIds } },
  });
  const submissions = await tx.submission.deleteMany({
    where: { workspaceId, id: { in: submissionIds } },
  });
  const outboundMessages = await tx.outboundMessage.deleteMany({
    where: { workspaceId, id: { in: outboundIds } },
  });
  const endpointCalls = await tx.endpointCall.deleteMany({
    where: { workspaceId, sessionId: { in: sessionIds } },
  });
  const endpointReplays = await tx.endpointReplay.deleteMany({
    where: { sessionId: { in: sessionIds } },
  });
  const flowSessions = await tx.flowSession.deleteMany({
    where: { workspaceId, id: { in: sessionIds } },
  });
  // Besides the items of the erased events, this workspace's items naming one of the messages:
  // keys are `<workspace>/message:<phone>:<wamid>` and `<workspace>/status:<phone>:<wamid>:…`,
  // matched whole, so that no other workspace's item, and no other message, goes with them.
  const inboxItems = await tx.$executeRawUnsafe(
    `DELETE FROM inbox_item WHERE event_id = ANY($1::uuid[])
       OR (split_part(key, ':', 1) IN ($3 || '/message', $3 || '/status')
           AND split_part(key, ':', 3) = ANY($2::text[]))`,
    inboxEventIds,
    messageIds,
    workspaceId,
  );
  const inboxEvents = await tx.inboxEvent.deleteMany({
    where: { workspaceId, id: { in: inboxEventIds } },
  });
  const privacyRequests = await tx.privacyRequest.deleteMany({
    where: { workspaceId, phone: { in: records.waIds } },
  });

  return {
    flowSessions: flowSessions.count,
    endpointCalls: endpointCalls.count,
    endpointReplays: endpointReplays.count,
    submissions: submissions.count,
    submissionFiles: submissionFiles.count,
    deliveryAttempts: deliveryAttempts.count,
    outboundMessages: outboundMessages.count,
    inboxEvents: inboxEvents.count,
    inboxItems,
    jobs,
    privacyRequests: privacyRequests.count,
  };
}

/**
 * The queue's jobs for the customer's records: an unsent message is cancelled, a pending
 * delivery or file download dropped, a webhook event's job goes with the event.
 */
async function deleteJobs(tx: Tx, records: SubjectRecords): Promise<number> {
  const deliveryKeys = records.submissionIds.map((id) => `${id}:%`);

  return tx.$executeRawUnsafe(
    `DELETE FROM job
     WHERE (queue = $4 AND payload->>'messageId' = ANY($1::text[]))
        OR (queue IN ($5, $7) AND key LIKE ANY($2::text[]))
        OR (queue = $6 AND key = ANY($3::text[]))`,
    records.outboundIds,
    deliveryKeys,
    records.inboxEventIds,
    OUTBOX_QUEUE,
    DELIVERY_QUEUE,
    INBOX_QUEUE,
    FILE_QUEUE,
  );
}
