import type { Prisma } from '../generated/prisma/client';
import { type DbClient, isForeignKeyViolation, isUniqueViolation, isUuid } from './db-client';

export interface FlowRecord {
  id: string;
  name: string;
  revision: number;
  updatedAt: Date;
  createdAt: Date;
  graph: Prisma.JsonValue;
}

/** A line of the flow list: the flow without its graph, and how many screens the graph has. */
export interface FlowSummary extends Omit<FlowRecord, 'graph'> {
  screenCount: number;
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

const flowSelect = {
  id: true,
  name: true,
  revision: true,
  updatedAt: true,
  createdAt: true,
  graph: true,
} as const;
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
    list: async (workspaceId) => (isUuid(workspaceId) ? listFlows(prisma, workspaceId) : []),

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
 * Screens are counted in the database so that listing does not load every graph. The count
 * reads the graph document's `nodes[].kind` (graph document schema version 1): keep it in
 * step with `@sanjay-flow/graph`'s document.
 */
function listFlows(prisma: DbClient, workspaceId: string): Promise<FlowSummary[]> {
  return prisma.$queryRaw<FlowSummary[]>`
    SELECT id, name, revision, updated_at AS "updatedAt", created_at AS "createdAt",
           (SELECT count(*) FROM json_array_elements(graph -> 'nodes') AS node
             WHERE node ->> 'kind' = 'screen')::int AS "screenCount"
    FROM flow
    WHERE workspace_id = ${workspaceId}::uuid
    ORDER BY updated_at DESC, id ASC`;
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
