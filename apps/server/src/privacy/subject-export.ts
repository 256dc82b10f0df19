import type { DbClient, PrismaClient } from '@sanjay-flow/db';

import type { SubjectRecords } from './subject-records';

/** A customer's copy of their data, as `sflow data export` writes it. */
export interface SubjectExport {
  format: 'sanjay-flow.subject-export.v1';
  workspaceId: string;
  phone: string;
  userIds: string[];
  flowSessions: unknown[];
  endpointCalls: unknown[];
  submissions: unknown[];
  /**
   * The files the customer picked in the Flows they completed: name, type, size, hash and
   * whether the product still holds the bytes (until the business fetches them).
   */
  submissionFiles: unknown[];
  deliveryAttempts: unknown[];
  outboundMessages: unknown[];
  /**
   * Every webhook event held about the customer, with the items it carried, also once its
   * body has been deleted after processing (`bodyKept: false`).
   */
  webhookEvents: unknown[];
  /** Of each webhook body still kept that names the customer, only the entries about them. */
  webhookEntries: unknown[];
}

type Db = DbClient | PrismaClient;

/** Reads the records found for a customer; nothing found is an export with empty lists. */
export async function readSubjectExport(
  db: Db,
  workspaceId: string,
  records: SubjectRecords,
): Promise<SubjectExport> {
  const identifiers = new Set([...records.waIds, ...records.userIds]);

  return {
    format: 'sanjay-flow.subject-export.v1',
    workspaceId,
    phone: records.waIds[0] ?? '',
    userIds: records.userIds,
    flowSessions: await db.flowSession.findMany({
      where: { workspaceId, id: { in: records.sessionIds } },
      select: {
        id: true,
        flowId: true,
        status: true,
        state: true,
        recipientWaId: true,
        recipientUserId: true,
        createdAt: true,
        updatedAt: true,
        expiresAt: true,
      },
      orderBy: { createdAt: 'asc' },
    }),
    endpointCalls: await db.endpointCall.findMany({
      where: { workspaceId, sessionId: { in: records.sessionIds } },
      omit: { workspaceId: true },
      orderBy: { createdAt: 'asc' },
    }),
    submissions: await db.submission.findMany({
      where: { workspaceId, id: { in: records.submissionIds } },
      omit: { workspaceId: true, destinationIds: true },
      orderBy: { receivedAt: 'asc' },
    }),
    submissionFiles: (
      await db.submissionFile.findMany({
        where: { workspaceId, submissionId: { in: records.submissionIds } },
        // The sealed CDN keys of a file still downloading are the product's, not the customer's.
        omit: { workspaceId: true, cdnSource: true },
        orderBy: { createdAt: 'asc' },
      })
    ).map(({ content, ...file }) => ({ ...file, held: content !== null })),
    deliveryAttempts: await db.deliveryAttempt.findMany({
      where: { submissionId: { in: records.submissionIds } },
      select: { submissionId: true, attempt: true, status: true, createdAt: true },
      orderBy: { createdAt: 'asc' },
    }),
    outboundMessages: await db.outboundMessage.findMany({
      where: { workspaceId, id: { in: records.outboundIds } },
      omit: { workspaceId: true, connectionId: true, idempotencyKey: true },
      orderBy: { createdAt: 'asc' },
    }),
    webhookEvents: await webhookEvents(db, workspaceId, records.inboxEventIds),
    webhookEntries: await webhookEntries(db, workspaceId, records.inboxEventIds, identifiers),
  };
}

async function webhookEvents(db: Db, workspaceId: string, eventIds: string[]): Promise<unknown[]> {
  const events = await db.inboxEvent.findMany({
    where: { workspaceId, id: { in: eventIds } },
    select: { id: true, status: true, receivedAt: true, processedAt: true, raw: true },
    orderBy: { receivedAt: 'asc' },
  });
  const items = await db.inboxItem.findMany({
    where: { eventId: { in: events.map((event) => event.id) } },
    select: { eventId: true, key: true, kind: true, handledAt: true },
    orderBy: { createdAt: 'asc' },
  });

  return events.map(({ raw, ...event }) => ({
    ...event,
    bodyKept: raw !== null,
    items: items
      .filter((item) => item.eventId === event.id)
      .map(({ eventId: _eventId, ...item }) => item),
  }));
}

/**
 * One webhook body can carry several customers' messages: only the message, status and
 * contact objects that name this customer are exported.
 */
async function webhookEntries(
  db: Db,
  workspaceId: string,
  eventIds: string[],
  identifiers: Set<string>,
): Promise<unknown[]> {
  const events = await db.inboxEvent.findMany({
    where: { workspaceId, id: { in: eventIds }, raw: { not: null } },
    select: { id: true, receivedAt: true, raw: true },
    orderBy: { receivedAt: 'asc' },
  });

  return events.flatMap((event) =>
    objectsNaming(parseOrNull(event.raw), identifiers).map((entry) => ({
      receivedAt: event.receivedAt,
      entry,
    })),
  );
}

/** The outermost objects that hold one of the identifiers as a direct string value. */
function objectsNaming(value: unknown, identifiers: Set<string>): unknown[] {
  if (Array.isArray(value)) {
    return value.flatMap((element) => objectsNaming(element, identifiers));
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const children = Object.values(value);
  if (children.some((child) => typeof child === 'string' && identifiers.has(child))) {
    return [value];
  }

  return children.flatMap((child) => objectsNaming(child, identifiers));
}

function parseOrNull(raw: string | null): unknown {
  try {
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}
