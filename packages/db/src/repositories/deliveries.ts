import type { PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUuid } from './db-client';

/** `failed` is tried again later; `dead` was given up on until a person retries it. */
export type DeliveryAttemptStatus = 'delivered' | 'failed' | 'dead';

export interface NewDeliveryAttempt {
  submissionId: string;
  destinationId: string;
  status: DeliveryAttemptStatus;
  httpStatus: number | null;
  error: string | null;
  latencyMs: number;
}

export interface DeliveryAttemptRecord extends NewDeliveryAttempt {
  id: string;
  attempt: number;
  createdAt: Date;
}

export interface DeliveryRepository {
  /** Numbers the attempt after the previous ones for the same submission and destination. */
  record(attempt: NewDeliveryAttempt): Promise<DeliveryAttemptRecord>;
  /** A submission's attempts, oldest first. */
  list(submissionId: string): Promise<DeliveryAttemptRecord[]>;
  /** The attempts of many submissions at once, for a table of them. */
  listFor(submissionIds: readonly string[]): Promise<DeliveryAttemptRecord[]>;
  /** The destinations that accepted the submission. */
  deliveredTo(submissionId: string): Promise<string[]>;
}

export function createDeliveryRepository(prisma: DbClient | PrismaClient): DeliveryRepository {
  const readStatus = <T extends { status: string }>(row: T) => ({
    ...row,
    status: row.status as DeliveryAttemptStatus,
  });

  return {
    record: async (attempt) => {
      const previous = await prisma.deliveryAttempt.count({
        where: { submissionId: attempt.submissionId, destinationId: attempt.destinationId },
      });
      const row = await prisma.deliveryAttempt.create({
        data: { ...attempt, attempt: previous + 1 },
      });

      return readStatus(row);
    },

    list: async (submissionId) =>
      isUuid(submissionId)
        ? (
            await prisma.deliveryAttempt.findMany({
              where: { submissionId },
              orderBy: [{ createdAt: 'asc' }, { attempt: 'asc' }],
            })
          ).map(readStatus)
        : [],

    listFor: async (submissionIds) => {
      const ids = submissionIds.filter(isUuid);
      if (ids.length === 0) {
        return [];
      }
      const rows = await prisma.deliveryAttempt.findMany({
        where: { submissionId: { in: ids } },
        orderBy: [{ createdAt: 'asc' }, { attempt: 'asc' }],
      });

      return rows.map(readStatus);
    },

    deliveredTo: async (submissionId) => {
      const rows = await prisma.deliveryAttempt.findMany({
        where: { submissionId, status: 'delivered' },
        select: { destinationId: true },
        distinct: ['destinationId'],
      });

      return rows.map((row) => row.destinationId);
    },
  };
}
