import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUniqueViolation, isUuid } from './db-client';
import { createJobRepository } from './jobs';
import type { NewFlowSession } from './flow-sessions';

export type OutboundMessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message to a customer. `body` (the Graph API request) is cleared once Meta accepted it. */
export interface OutboundMessageRecord {
  id: string;
  workspaceId: string;
  connectionId: string;
  sessionId: string | null;
  recipientWaId: string | null;
  recipientUserId: string | null;
  kind: string;
  body: Prisma.JsonValue;
  idempotencyKey: string;
  status: OutboundMessageStatus;
  wamid: string | null;
  errorCode: number | null;
  errorSubcode: number | null;
  errorMessage: string | null;
  errorDetails: string | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
}

export interface NewOutboundMessage {
  workspaceId: string;
  connectionId: string;
  recipientWaId: string | null;
  recipientUserId: string | null;
  kind: string;
  body: Prisma.InputJsonValue;
  /** The same key queued twice is one message. */
  idempotencyKey: string;
}

/** The Flow session a Flow message opens, written with the message. */
export type NewSentSession = NewFlowSession & {
  flowVersionId: string | null;
  recipientWaId: string | null;
  recipientUserId: string | null;
};

export interface QueueResult {
  message: OutboundMessageRecord;
  /** False when the idempotency key was queued before: nothing new was written. */
  created: boolean;
}

export interface MetaFailure {
  code: number | null;
  subcode: number | null;
  message: string;
  /** Meta's `error_data.details`, when it gives one. */
  details?: string | null;
}

/** A status Meta reported for a wamid (spec C4). */
export interface StatusReport {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  error?: MetaFailure;
}

export interface OutboundMessageRepository {
  /**
   * Writes the message (and the session it opens) and enqueues its send job under the
   * idempotency key, in one transaction: a message is never queued without its job, nor a job
   * left without its message.
   */
  queue(
    message: NewOutboundMessage,
    send: { queue: string; session?: NewSentSession },
  ): Promise<QueueResult>;
  get(id: string): Promise<OutboundMessageRecord | null>;
  findByWamid(wamid: string): Promise<OutboundMessageRecord | null>;
  /** Marks an attempt; false when the message is past sending (sent, delivered, read, failed). */
  startAttempt(id: string): Promise<boolean>;
  /** Records Meta's wamid, clears the body, and ties the message's session to it. */
  recordSent(message: { id: string; sessionId: string | null }, wamid: string): Promise<void>;
  recordAttemptError(id: string, failure: MetaFailure): Promise<void>;
  recordFailed(id: string, failure: MetaFailure): Promise<void>;
  /** Applies a status; answers false when the wamid is not one of ours. */
  applyStatus(report: StatusReport): Promise<boolean>;
  list(
    workspaceId: string,
    filter: { status?: OutboundMessageStatus; limit: number },
  ): Promise<OutboundMessageRecord[]>;
}

// A status only moves forward: `read` may come before `delivered` and is never undone by it; a
// `failed` after `sent` counts, but not after the phone reported delivery or reading.
const RANK: Record<OutboundMessageStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

const TIME_FIELD = {
  sent: 'sentAt',
  delivered: 'deliveredAt',
  read: 'readAt',
  failed: 'failedAt',
} as const;

export function createOutboundMessageRepository(prisma: PrismaClient): OutboundMessageRepository {
  return {
    queue: (message, send) => queueMessage(prisma, message, send),
    get: async (id) => (isUuid(id) ? prisma.outboundMessage.findUnique({ where: { id } }) : null),
    findByWamid: (wamid) => prisma.outboundMessage.findUnique({ where: { wamid } }),

    startAttempt: async (id) =>
      (
        await prisma.outboundMessage.updateMany({
          where: { id, status: { in: ['queued', 'sending'] } },
          data: { status: 'sending', attempts: { increment: 1 } },
        })
      ).count === 1,

    recordSent: (message, wamid) => recordSent(prisma, message, wamid),

    recordAttemptError: async (id, failure) => {
      await prisma.outboundMessage.updateMany({
        where: { id, status: { in: ['queued', 'sending'] } },
        data: { status: 'queued', ...failureColumns(failure) },
      });
    },

    recordFailed: async (id, failure) => {
      await prisma.outboundMessage.updateMany({
        where: { id, status: { in: ['queued', 'sending'] } },
        data: {
          status: 'failed',
          failedAt: new Date(),
          body: Prisma.DbNull,
          ...failureColumns(failure),
        },
      });
    },

    applyStatus: (report) => applyStatus(prisma, report),

    list: async (workspaceId, filter) =>
      isUuid(workspaceId)
        ? prisma.outboundMessage.findMany({
            where: {
              workspaceId,
              ...(filter.status === undefined ? {} : { status: filter.status }),
            },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: filter.limit,
          })
        : [],
  };
}

async function queueMessage(
  prisma: PrismaClient,
  message: NewOutboundMessage,
  send: { queue: string; session?: NewSentSession },
): Promise<QueueResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.outboundMessage.findUnique({
        where: { idempotencyKey: message.idempotencyKey },
      });
      if (existing !== null) {
        return { message: existing, created: false };
      }
      const session = send.session ? await tx.flowSession.create({ data: send.session }) : null;
      const created = await tx.outboundMessage.create({
        data: { ...message, sessionId: session?.id ?? null },
      });
      await enqueueIn(tx, {
        queue: send.queue,
        key: message.idempotencyKey,
        payload: { messageId: created.id },
        workspaceId: message.workspaceId,
      });

      return { message: created, created: true };
    });
  } catch (error) {
    // Two writers of one key at once: the loser's transaction rolled back; the winner's stands.
    const winner = isUniqueViolation(error)
      ? await prisma.outboundMessage.findUnique({
          where: { idempotencyKey: message.idempotencyKey },
        })
      : null;
    if (winner === null) {
      throw error;
    }

    return { message: winner, created: false };
  }
}

// The job repository issues raw statements only, which a transaction's client runs too.
function enqueueIn(
  tx: DbClient,
  job: { queue: string; key: string; payload: Prisma.InputJsonValue; workspaceId: string },
) {
  return createJobRepository(tx as unknown as PrismaClient).enqueue(job);
}

// One statement for a plain message, a batch of two for one that opened a session: the send
// path is the outbox's hot path, and each round trip counts on the embedded database.
async function recordSent(
  prisma: PrismaClient,
  message: { id: string; sessionId: string | null },
  wamid: string,
): Promise<void> {
  const sent = prisma.outboundMessage.update({
    where: { id: message.id },
    data: {
      status: 'sent',
      wamid,
      sentAt: new Date(),
      body: Prisma.DbNull,
      errorCode: null,
      errorSubcode: null,
      errorMessage: null,
      errorDetails: null,
    },
  });
  if (message.sessionId === null) {
    await sent;

    return;
  }
  await prisma.$transaction([
    sent,
    prisma.flowSession.update({ where: { id: message.sessionId }, data: { messageId: wamid } }),
  ]);
}

async function applyStatus(prisma: PrismaClient, report: StatusReport): Promise<boolean> {
  const earlier = (Object.keys(RANK) as OutboundMessageStatus[]).filter(
    (status) => RANK[status] < RANK[report.status],
  );
  const field = TIME_FIELD[report.status];
  const [moved, stamped] = await prisma.$transaction([
    prisma.outboundMessage.updateMany({
      where: { wamid: report.wamid, status: { in: earlier } },
      data: {
        status: report.status,
        ...(report.error === undefined ? {} : failureColumns(report.error)),
      },
    }),
    // Each time is kept as reported even when its status arrives after a later one.
    prisma.outboundMessage.updateMany({
      where: { wamid: report.wamid, [field]: null },
      data: { [field]: report.at },
    }),
  ]);
  if (moved.count + stamped.count > 0) {
    return true;
  }

  return (await prisma.outboundMessage.count({ where: { wamid: report.wamid } })) > 0;
}

function failureColumns(failure: MetaFailure) {
  return {
    errorCode: failure.code,
    errorSubcode: failure.subcode,
    errorMessage: failure.message.slice(0, 1000),
    errorDetails: failure.details?.slice(0, 1000) ?? null,
  };
}
