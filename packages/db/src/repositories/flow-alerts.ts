import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUuid } from './db-client';

export interface NewFlowAlert {
  flowId: string | null;
  metaFlowId: string | null;
  kind: string;
  alertState: string | null;
  message: string;
  details: Prisma.InputJsonValue | null;
}

export interface FlowAlertRecord extends Omit<NewFlowAlert, 'details'> {
  id: string;
  workspaceId: string;
  details: Prisma.JsonValue;
  read: boolean;
  createdAt: Date;
}

export interface FlowAlertRepository {
  create(workspaceId: string, alert: NewFlowAlert): Promise<FlowAlertRecord>;
  /** Newest first. */
  list(
    workspaceId: string,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<FlowAlertRecord[]>;
  /** Marks the given alerts read, or every alert of the workspace without ids. */
  markRead(workspaceId: string, ids?: readonly string[]): Promise<number>;
}

export function createFlowAlertRepository(prisma: DbClient | PrismaClient): FlowAlertRepository {
  return {
    create: (workspaceId, alert) =>
      prisma.flowAlert.create({
        data: { ...alert, workspaceId, details: alert.details ?? undefined },
      }),

    list: async (workspaceId, { unreadOnly, limit }) =>
      isUuid(workspaceId)
        ? prisma.flowAlert.findMany({
            where: { workspaceId, ...(unreadOnly ? { read: false } : {}) },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: limit,
          })
        : [],

    markRead: async (workspaceId, ids) => {
      if (!isUuid(workspaceId)) {
        return 0;
      }
      const where =
        ids === undefined ? { workspaceId } : { workspaceId, id: { in: ids.filter(isUuid) } };
      const { count } = await prisma.flowAlert.updateMany({ where, data: { read: true } });

      return count;
    },
  };
}
