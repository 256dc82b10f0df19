import type { Prisma } from '../generated/prisma/client';
import { type DbClient, isForeignKeyViolation, isUniqueViolation, isUuid } from './db-client';

export interface FlowSummary {
  id: string;
  name: string;
  revision: number;
  updatedAt: Date;
  createdAt: Date;
}

export interface FlowRecord extends FlowSummary {
  graph: Prisma.JsonValue;
}

export interface FlowVersionRecord {
  id: string;
  flowId: string;
  number: number;
  label: string | null;
  graph: Prisma.JsonValue;
  flowJson: Prisma.JsonValue;
  contentHash: string;
  createdAt: Date;
}

export interface NewFlowVersion {
  label?: string | null;
  flowJson: Prisma.InputJsonValue;
  contentHash: string;
}

export interface NewFlow {
  name: string;
  graph: Prisma.InputJsonValue;
  /** When given, version 1 of the flow is recorded in the same transaction. */
  version?: NewFlowVersion;
}

export type SaveGraphResult =
  | { status: 'saved'; flow: FlowRecord }
  | { status: 'conflict'; current: FlowRecord }
  | { status: 'not_found' };

export interface FlowRepository {
  /** The workspace's flows, most recently updated first. */
  list(workspaceId: string): Promise<FlowSummary[]>;
  /** A flow of another workspace is `null`, as is one that does not exist. */
  get(workspaceId: string, id: string): Promise<FlowRecord | null>;
  create(workspaceId: string, flow: NewFlow): Promise<FlowRecord>;
  rename(workspaceId: string, id: string, name: string): Promise<FlowRecord | null>;
  remove(workspaceId: string, id: string): Promise<boolean>;
  /** Stores the graph if the flow is still at `expectedRevision`, and moves it to the next. */
  saveGraph(
    workspaceId: string,
    id: string,
    save: { expectedRevision: number; graph: Prisma.InputJsonValue },
  ): Promise<SaveGraphResult>;
  /** Records the next numbered version of a flow; `null` when the flow does not exist. */
  addVersion(
    workspaceId: string,
    flowId: string,
    version: NewFlowVersion & { graph: Prisma.InputJsonValue },
  ): Promise<FlowVersionRecord | null>;
}

const summarySelect = {
  id: true,
  name: true,
  revision: true,
  updatedAt: true,
  createdAt: true,
} as const;
const flowSelect = { ...summarySelect, graph: true } as const;
const versionSelect = {
  id: true,
  flowId: true,
  number: true,
  label: true,
  graph: true,
  flowJson: true,
  contentHash: true,
  createdAt: true,
} as const;

// Concurrent writers of one flow's versions each retry after losing the race for a number.
const VERSION_NUMBER_ATTEMPTS = 5;

export function createFlowRepository(prisma: DbClient): FlowRepository {
  const get = async (workspaceId: string, id: string): Promise<FlowRecord | null> => {
    if (!isUuid(workspaceId) || !isUuid(id)) {
      return null;
    }

    return prisma.flow.findFirst({ where: { id, workspaceId }, select: flowSelect });
  };

  return {
    list: async (workspaceId) => {
      if (!isUuid(workspaceId)) {
        return [];
      }

      return prisma.flow.findMany({
        where: { workspaceId },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        select: summarySelect,
      });
    },

    get,

    create: (workspaceId, { name, graph, version }) =>
      prisma.flow.create({
        data: {
          workspaceId,
          name,
          graph,
          versions: version && {
            create: {
              number: 1,
              label: version.label ?? null,
              graph,
              flowJson: version.flowJson,
              contentHash: version.contentHash,
            },
          },
        },
        select: flowSelect,
      }),

    rename: async (workspaceId, id, name) => {
      if (!isUuid(workspaceId) || !isUuid(id)) {
        return null;
      }
      const [renamed] = await prisma.flow.updateManyAndReturn({
        where: { id, workspaceId },
        data: { name },
        select: flowSelect,
      });

      return renamed ?? null;
    },

    remove: async (workspaceId, id) => {
      if (!isUuid(workspaceId) || !isUuid(id)) {
        return false;
      }
      const { count } = await prisma.flow.deleteMany({ where: { id, workspaceId } });

      return count > 0;
    },

    saveGraph: (workspaceId, id, save) => saveGraph(prisma, get, { workspaceId, id, ...save }),

    addVersion: async (workspaceId, flowId, version) => {
      if ((await get(workspaceId, flowId)) === null) {
        return null;
      }

      return insertNextVersion(prisma, flowId, version);
    },
  };
}

/**
 * Compare-and-set in one UPDATE: the row is written only if its revision is still the one
 * the writer read, so of two concurrent saves from the same revision exactly one wins (the
 * other waits for the row lock, then finds the revision moved on).
 */
async function saveGraph(
  prisma: DbClient,
  get: (workspaceId: string, id: string) => Promise<FlowRecord | null>,
  save: { workspaceId: string; id: string; expectedRevision: number; graph: Prisma.InputJsonValue },
): Promise<SaveGraphResult> {
  const { workspaceId, id, expectedRevision, graph } = save;
  if (!isUuid(workspaceId) || !isUuid(id)) {
    return { status: 'not_found' };
  }
  const [saved] = await prisma.flow.updateManyAndReturn({
    where: { id, workspaceId, revision: expectedRevision },
    data: { graph, revision: { increment: 1 } },
    select: flowSelect,
  });
  if (saved) {
    return { status: 'saved', flow: saved };
  }
  const current = await get(workspaceId, id);

  return current ? { status: 'conflict', current } : { status: 'not_found' };
}

/** The unique (flow, number) constraint decides races; the loser retries with the next number. */
async function insertNextVersion(
  prisma: DbClient,
  flowId: string,
  version: NewFlowVersion & { graph: Prisma.InputJsonValue },
): Promise<FlowVersionRecord | null> {
  for (let attempt = 1; ; attempt += 1) {
    const latest = await prisma.flowVersion.aggregate({
      where: { flowId },
      _max: { number: true },
    });
    try {
      return await prisma.flowVersion.create({
        data: {
          flowId,
          number: (latest._max.number ?? 0) + 1,
          label: version.label ?? null,
          graph: version.graph,
          flowJson: version.flowJson,
          contentHash: version.contentHash,
        },
        select: versionSelect,
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        return null;
      }
      if (!isUniqueViolation(error) || attempt >= VERSION_NUMBER_ATTEMPTS) {
        throw error;
      }
    }
  }
}
