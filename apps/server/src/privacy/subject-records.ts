import type { DbClient, PrismaClient } from '@sanjay-flow/db';

import { storedForms } from './phone';

/**
 * Where one customer's data lives in one workspace: the ids of every record that holds their
 * phone number or business-scoped user id (BSUID), or belongs to such a record.
 */
export interface SubjectRecords {
  /** The stored spellings of the number. */
  waIds: string[];
  /** BSUIDs seen together with the number, or given. */
  userIds: string[];
  sessionIds: string[];
  submissionIds: string[];
  outboundIds: string[];
  /** Meta's message ids (wamids) of the customer's messages: keys of webhook items. */
  messageIds: string[];
  inboxEventIds: string[];
}

type Db = DbClient | PrismaClient;

export async function findSubjectRecords(
  db: Db,
  workspaceId: string,
  digits: string,
): Promise<SubjectRecords> {
  const waIds = storedForms(digits);
  const userIds = await linkedUserIds(db, workspaceId, waIds);
  const byCustomer = (waField: string, userField: string) => [
    { [waField]: { in: waIds } },
    ...(userIds.length > 0 ? [{ [userField]: { in: userIds } }] : []),
  ];
  const sessions = await db.flowSession.findMany({
    where: { workspaceId, OR: byCustomer('recipientWaId', 'recipientUserId') },
    select: { id: true, messageId: true },
  });
  const sessionIds = sessions.map((session) => session.id);
  const submissions = await db.submission.findMany({
    where: {
      workspaceId,
      OR: [...byCustomer('customerWaId', 'customerUserId'), { sessionId: { in: sessionIds } }],
    },
    select: { id: true, messageId: true },
  });
  const outbound = await db.outboundMessage.findMany({
    where: {
      workspaceId,
      OR: [...byCustomer('recipientWaId', 'recipientUserId'), { sessionId: { in: sessionIds } }],
    },
    select: { id: true, wamid: true },
  });
  const messageIds = [
    ...sessions.map((session) => session.messageId),
    ...submissions.map((submission) => submission.messageId),
    ...outbound.map((message) => message.wamid),
  ].filter((id): id is string => id !== null && id !== '');
  const inboxEventIds = await webhookEventsOf(db, workspaceId, [...waIds, ...userIds], messageIds);

  return {
    waIds,
    userIds,
    sessionIds,
    submissionIds: submissions.map((submission) => submission.id),
    outboundIds: outbound.map((message) => message.id),
    messageIds: [...new Set(messageIds)],
    inboxEventIds,
  };
}

/** The BSUIDs recorded next to the number on any of the customer's records. */
async function linkedUserIds(db: Db, workspaceId: string, waIds: string[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT customer_user_id AS id FROM submission
       WHERE workspace_id = $1::uuid AND customer_wa_id = ANY($2::text[])
     UNION SELECT recipient_user_id FROM flow_session
       WHERE workspace_id = $1::uuid AND recipient_wa_id = ANY($2::text[])
     UNION SELECT recipient_user_id FROM outbound_message
       WHERE workspace_id = $1::uuid AND recipient_wa_id = ANY($2::text[])`,
    workspaceId,
    waIds,
  );

  return rows.map((row) => row.id).filter((id) => id !== null && id !== '');
}

/**
 * Webhook events whose raw body names the customer (as a JSON string value: `"from"`,
 * `"wa_id"`, `"recipient_id"`, `"user_id"`…), or whose processed summary lists one of their
 * messages.
 */
async function webhookEventsOf(
  db: Db,
  workspaceId: string,
  identifiers: string[],
  messageIds: string[],
): Promise<string[]> {
  const quoted = identifiers.map((id) => `%${jsonString(id)}%`);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text FROM inbox_event
     WHERE workspace_id = $1::uuid
       AND (raw LIKE ANY($2::text[])
            OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS m(id)
                       WHERE strpos(summary::text, m.id) > 0))`,
    workspaceId,
    quoted,
    messageIds,
  );

  return rows.map((row) => row.id);
}

/** How a value appears inside a JSON body, with LIKE's wildcards escaped. */
function jsonString(value: string): string {
  return JSON.stringify(value).replace(/[\\%_]/g, (char) => `\\${char}`);
}
