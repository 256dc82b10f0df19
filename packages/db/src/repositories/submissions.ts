import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUniqueViolation, isUuid } from './db-client';

export type SubmissionStatus = 'received' | 'delivered' | 'dead' | 'no_destination';

/**
 * A Flow completion (`nfm_reply`), a save step run by the data endpoint, or a save step run by
 * a message-received walk.
 */
export type SubmissionSource = 'completion' | 'endpoint' | 'message';

/** Where a submission came from and what arrived: stored as given and read back unchanged. */
interface SubmissionOrigin {
  workspaceId: string;
  flowId: string | null;
  flowVersionId: string | null;
  sessionId: string | null;
  connectionId: string | null;
  /** Stores it once: the completion's wamid, or the save step's call or event and node. */
  messageId: string;
  source: SubmissionSource;
  flowToken: string | null;
  customerWaId: string | null;
  customerUserId: string | null;
  rawResponse: string | null;
  responseError: string | null;
  status: SubmissionStatus;
  receivedAt: Date;
}

/**
 * A customer's answers to a Flow. `answers` and `rawResponse` are `null` once erased
 * (`answersDeletedAt` says when); `fields`, `missingRequired` and `destinationIds` are JSON
 * arrays of strings, validated by the caller.
 */
export interface SubmissionRecord extends SubmissionOrigin {
  id: string;
  answers: Prisma.JsonValue;
  fields: Prisma.JsonValue;
  missingRequired: Prisma.JsonValue;
  destinationIds: Prisma.JsonValue;
  deliveredAt: Date | null;
  answersDeletedAt: Date | null;
  createdAt: Date;
}

export interface NewSubmission extends SubmissionOrigin {
  answers: Prisma.InputJsonValue | null;
  fields: string[];
  missingRequired: string[];
  destinationIds: string[];
}

export interface SubmissionFilter {
  flowId?: string | undefined;
  status?: SubmissionStatus | undefined;
  receivedFrom?: Date | undefined;
  receivedTo?: Date | undefined;
  /** Newest first; at most this many. */
  limit: number;
  /** Rows received strictly before this one (keyset pagination). */
  before?: { receivedAt: Date; id: string } | undefined;
}

export interface SubmissionRepository {
  /**
   * Stores a submission once per (workspace, message id): a second delivery of the same
   * message returns the stored row with `created: false`.
   */
  store(submission: NewSubmission): Promise<{ submission: SubmissionRecord; created: boolean }>;
  get(workspaceId: string, id: string): Promise<SubmissionRecord | null>;
  list(workspaceId: string, filter: SubmissionFilter): Promise<SubmissionRecord[]>;
  setStatus(id: string, status: SubmissionStatus): Promise<void>;
  /** Marks the submission delivered and erases its answers in the same write. */
  markDelivered(id: string, at: Date): Promise<void>;
  remove(workspaceId: string, ids: readonly string[]): Promise<number>;
}

export function createSubmissionRepository(prisma: DbClient | PrismaClient): SubmissionRepository {
  const findByMessage = (workspaceId: string, messageId: string) =>
    prisma.submission.findUnique({ where: { workspaceId_messageId: { workspaceId, messageId } } });

  return {
    store: async (submission) => {
      const existing = await findByMessage(submission.workspaceId, submission.messageId);
      if (existing) {
        return { submission: existing, created: false };
      }
      try {
        const created = await prisma.submission.create({
          data: { ...submission, answers: submission.answers ?? undefined },
        });

        return { submission: created, created: true };
      } catch (error) {
        // A concurrent delivery of the same message won the unique (workspace, message) race.
        const winner = isUniqueViolation(error)
          ? await findByMessage(submission.workspaceId, submission.messageId)
          : null;
        if (winner) {
          return { submission: winner, created: false };
        }
        throw error;
      }
    },

    get: async (workspaceId, id) =>
      isUuid(workspaceId) && isUuid(id)
        ? prisma.submission.findFirst({ where: { id, workspaceId } })
        : null,

    list: async (workspaceId, filter) => {
      if (!isUuid(workspaceId) || (filter.flowId !== undefined && !isUuid(filter.flowId))) {
        return [];
      }

      return prisma.submission.findMany({
        where: { workspaceId, ...listConditions(filter) },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: filter.limit,
      });
    },

    setStatus: async (id, status) => {
      await prisma.submission.update({ where: { id }, data: { status } });
    },

    markDelivered: async (id, at) => {
      await prisma.submission.update({
        where: { id },
        data: {
          status: 'delivered',
          deliveredAt: at,
          answers: Prisma.DbNull,
          rawResponse: null,
          answersDeletedAt: at,
        },
      });
    },

    remove: async (workspaceId, ids) => {
      const valid = ids.filter(isUuid);
      if (!isUuid(workspaceId) || valid.length === 0) {
        return 0;
      }
      const { count } = await prisma.submission.deleteMany({
        where: { workspaceId, id: { in: valid } },
      });

      return count;
    },
  };
}

function listConditions(filter: SubmissionFilter): Prisma.SubmissionWhereInput {
  const receivedAt: Prisma.DateTimeFilter = {};
  if (filter.receivedFrom) {
    receivedAt.gte = filter.receivedFrom;
  }
  if (filter.receivedTo) {
    receivedAt.lte = filter.receivedTo;
  }
  const before = filter.before;

  return {
    ...(filter.flowId === undefined ? {} : { flowId: filter.flowId }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(Object.keys(receivedAt).length === 0 ? {} : { receivedAt }),
    ...(before === undefined
      ? {}
      : {
          OR: [
            { receivedAt: { lt: before.receivedAt } },
            { receivedAt: before.receivedAt, id: { lt: before.id } },
          ],
        }),
  };
}
