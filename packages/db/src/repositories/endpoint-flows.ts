import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { isUuid } from './db-client';

/** What the data endpoint needs of a Flow: its graph and its endpoint switches. */
export interface EndpointFlowRecord {
  id: string;
  workspaceId: string;
  revision: number;
  graph: Prisma.JsonValue;
  endpointTestMode: boolean;
  endpointDebug: boolean;
}

export interface EndpointSettings {
  endpointTestMode: boolean;
  endpointDebug: boolean;
}

export interface EndpointFlowRepository {
  /** Any workspace's Flow by id: the endpoint learns the workspace from the Flow. */
  find(flowId: string): Promise<EndpointFlowRecord | null>;
  settings(workspaceId: string, flowId: string): Promise<EndpointSettings | null>;
  updateSettings(
    workspaceId: string,
    flowId: string,
    changes: Partial<EndpointSettings>,
  ): Promise<EndpointSettings | null>;
}

const SETTINGS = { endpointTestMode: true, endpointDebug: true } as const;

export function createEndpointFlowRepository(prisma: PrismaClient): EndpointFlowRepository {
  return {
    find: async (flowId) =>
      isUuid(flowId)
        ? prisma.flow.findUnique({
            where: { id: flowId },
            select: { id: true, workspaceId: true, revision: true, graph: true, ...SETTINGS },
          })
        : null,

    settings: async (workspaceId, flowId) =>
      isUuid(flowId)
        ? prisma.flow.findFirst({ where: { id: flowId, workspaceId }, select: SETTINGS })
        : null,

    updateSettings: async (workspaceId, flowId, changes) => {
      if (!isUuid(flowId)) {
        return null;
      }
      // Settings are not part of the graph: changing them leaves `revision` alone.
      const updated = await prisma.flow.updateMany({
        where: { id: flowId, workspaceId },
        data: changes,
      });

      return updated.count === 0
        ? null
        : prisma.flow.findFirst({ where: { id: flowId, workspaceId }, select: SETTINGS });
    },
  };
}
