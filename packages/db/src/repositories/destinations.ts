import type { PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUuid } from './db-client';

/**
 * Where submissions are delivered. `secret` is the sealed envelope written by the caller; this
 * repository never sees the signing key in clear. No `flowId`: every Flow of the workspace.
 */
export interface DestinationRecord {
  id: string;
  workspaceId: string;
  flowId: string | null;
  name: string;
  url: string;
  secret: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The caller picks the id: the sealed secret is bound to it before the row exists. */
export type NewDestination = Pick<
  DestinationRecord,
  'id' | 'flowId' | 'name' | 'url' | 'secret' | 'enabled'
>;

export type DestinationChanges = Partial<Omit<NewDestination, 'id'>>;

export interface DestinationRepository {
  list(workspaceId: string): Promise<DestinationRecord[]>;
  get(workspaceId: string, id: string): Promise<DestinationRecord | null>;
  /** The enabled destinations a submission of `flowId` goes to (`null`: a Flow not known). */
  forFlow(workspaceId: string, flowId: string | null): Promise<DestinationRecord[]>;
  create(workspaceId: string, destination: NewDestination): Promise<DestinationRecord>;
  update(
    workspaceId: string,
    id: string,
    changes: DestinationChanges,
  ): Promise<DestinationRecord | null>;
  remove(workspaceId: string, id: string): Promise<boolean>;
}

export function createDestinationRepository(
  prisma: DbClient | PrismaClient,
): DestinationRepository {
  return {
    list: async (workspaceId) =>
      isUuid(workspaceId)
        ? prisma.destination.findMany({
            where: { workspaceId },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          })
        : [],

    get: async (workspaceId, id) =>
      isUuid(workspaceId) && isUuid(id)
        ? prisma.destination.findFirst({ where: { id, workspaceId } })
        : null,

    forFlow: async (workspaceId, flowId) =>
      isUuid(workspaceId)
        ? prisma.destination.findMany({
            where: {
              workspaceId,
              enabled: true,
              OR: flowId === null ? [{ flowId: null }] : [{ flowId: null }, { flowId }],
            },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          })
        : [],

    create: (workspaceId, destination) =>
      prisma.destination.create({ data: { ...destination, workspaceId } }),

    update: async (workspaceId, id, changes) => {
      if (!isUuid(workspaceId) || !isUuid(id)) {
        return null;
      }
      const [updated] = await prisma.destination.updateManyAndReturn({
        where: { id, workspaceId },
        data: changes,
      });

      return updated ?? null;
    },

    remove: async (workspaceId, id) => {
      if (!isUuid(workspaceId) || !isUuid(id)) {
        return false;
      }
      const { count } = await prisma.destination.deleteMany({ where: { id, workspaceId } });

      return count > 0;
    },
  };
}
