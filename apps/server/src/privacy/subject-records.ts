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
  const named = await db.flowSession.findMany({
    where: { workspaceId, OR: byCustomer('recipientWaId', 'recipientUserId') },
    select: { id: true, messageId: true },
  });
  const namedIds = named.map((session) => session.id);
  const submissions = await db.submission.findMany({
    where: {
      workspaceId,
      OR: [...byCustomer('customerWaId', 'customerUserId'), { sessionId: { in: namedIds } }],
    },
    select: { id: true, messageId: true, sessionId: true },
  });
  const outbound = await db.outboundMessage.findMany({
    where: {
      workspaceId,
      OR: [...byCustomer('recipientWaId', 'recipientUserId'), { sessionId: { in: namedIds } }],
    },
    select: { id: true, wamid: true, sessionId: true },
  });
  const sessions = [
    ...named,
    ...(await sessionsLinkedTo(db, workspaceId, [...submissions, ...outbound], namedIds)),
  ];
  const messageIds = [
    ...sessions.map((session) => session.messageId),
    ...submissions.map((submission) => submission.messageId),
    ...outbound.map((message) => message.wamid),
  ].filter((id): id is string => id !== null && id !== '');

  return {
    waIds,
    userIds,
    sessionIds: sessions.map((session) => session.id),
    submissionIds: submissions.map((submission) => submission.id),
    outboundIds: outbound.map((message) => message.id),
    messageIds: [...new Set(messageIds)],
    inboxEventIds: await webhookEventsOf(db, workspaceId, [...waIds, ...userIds], messageIds),
  };
}

/**
 * Sessions that do not name the customer but carried their answers: a session opened without
 * a recipient (a test send, Meta's preview) that their completion or a message points to.
 */
async function sessionsLinkedTo(
  db: Db,
  workspaceId: string,
  records: { sessionId: string | null }[],
  known: string[],
): Promise<{ id: string; messageId: string | null }[]> {
  const ids = [...new Set(records.map((record) => record.sessionId))].filter(
    (id): id is string => id !== null && !known.includes(id),
  );

  return ids.length === 0
    ? []
    : db.flowSession.findMany({
        where: { workspaceId, id: { in: ids } },
        select: { id: true, messageId: true },
      });
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
  // A summary names a message inside an item key, `…:<wamid>"` or `…:<wamid>:<status>"`.
  const keyEnds = messageIds.flatMap((id) => {
    const inner = jsonString(id).slice(1, -1);

    return [`%:${inner}"%`, `%:${inner}:%`];
  });
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text FROM inbox_event
     WHERE workspace_id = $1::uuid
       AND (raw LIKE ANY($2::text[]) OR summary::text LIKE ANY($3::text[]))`,
    workspaceId,
    quoted,
    keyEnds,
  );

  return rows.map((row) => row.id);
}

/** How a value appears inside a JSON body, with LIKE's wildcards escaped. */
function jsonString(value: string): string {
  return JSON.stringify(value).replace(/[\\%_]/g, (char) => `\\${char}`);
}
