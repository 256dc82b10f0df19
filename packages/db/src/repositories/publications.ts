import type { PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUuid } from './db-client';
import type { FlowVersionRecord } from './flows';

/** Where a Flow lives at Meta for one connection; ids from Meta are strings. */
export interface FlowPublicationRecord {
  id: string;
  workspaceId: string;
  flowId: string;
  connectionId: string;
  metaFlowId: string | null;
  metaFlowName: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PublicationLink {
  workspaceId: string;
  flowId: string;
  connectionId: string;
  metaFlowId: string | null;
  metaFlowName: string | null;
  status?: string;
}

export interface PublicationRepository {
  /** Creates or replaces the link of a Flow and a connection to a Meta Flow. */
  link(link: PublicationLink): Promise<FlowPublicationRecord>;
  find(
    workspaceId: string,
    flowId: string,
    connectionId: string,
  ): Promise<FlowPublicationRecord | null>;
  listForFlow(workspaceId: string, flowId: string): Promise<FlowPublicationRecord[]>;
  /** Every publication of a Meta Flow id (one per connection that links it). */
  findByMetaFlowId(metaFlowId: string): Promise<FlowPublicationRecord[]>;
  /** Records the status Meta reported; answers how many publications changed. */
  updateStatus(metaFlowId: string, status: string): Promise<number>;
  /** The Flow's version whose compiled JSON has this content hash, the newest if several. */
  findVersionByHash(flowId: string, contentHash: string): Promise<FlowVersionRecord | null>;
}

export function createPublicationRepository(
  prisma: DbClient | PrismaClient,
): PublicationRepository {
  return {
    link: ({ workspaceId, flowId, connectionId, metaFlowId, metaFlowName, status }) =>
      prisma.flowPublication.upsert({
        where: { flowId_connectionId: { flowId, connectionId } },
        create: { workspaceId, flowId, connectionId, metaFlowId, metaFlowName, status },
        update: { metaFlowId, metaFlowName, ...(status === undefined ? {} : { status }) },
      }),

    find: async (workspaceId, flowId, connectionId) =>
      isUuid(flowId) && isUuid(connectionId)
        ? prisma.flowPublication.findFirst({ where: { workspaceId, flowId, connectionId } })
        : null,

    listForFlow: async (workspaceId, flowId) =>
      isUuid(flowId)
        ? prisma.flowPublication.findMany({
            where: { workspaceId, flowId },
            orderBy: { createdAt: 'asc' },
          })
        : [],

    findByMetaFlowId: (metaFlowId) => prisma.flowPublication.findMany({ where: { metaFlowId } }),

    updateStatus: async (metaFlowId, status) =>
      (await prisma.flowPublication.updateMany({ where: { metaFlowId }, data: { status } })).count,

    findVersionByHash: async (flowId, contentHash) =>
      isUuid(flowId)
        ? prisma.flowVersion.findFirst({
            where: { flowId, contentHash },
            orderBy: { number: 'desc' },
          })
        : null,
  };
}
