import type { PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUniqueViolation, isUuid } from './db-client';

/**
 * A connection as stored. `appSecret`, `accessToken` and `webhookVerifyToken` are the sealed
 * envelopes written by the caller; this repository never sees a secret in clear.
 */
export interface ConnectionRecord {
  id: string;
  workspaceId: string;
  name: string;
  wabaId: string;
  phoneNumberId: string;
  appId: string;
  appSecret: string;
  accessToken: string;
  webhookVerifyToken: string;
  graphApiUrl: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The caller picks the id: sealed secrets are bound to it before the row exists. */
export type NewConnection = Omit<ConnectionRecord, 'workspaceId' | 'createdAt' | 'updatedAt'>;

export type ConnectionChanges = Partial<Omit<NewConnection, 'id'>>;

export type ConnectionWriteResult =
  | { status: 'saved'; connection: ConnectionRecord }
  | { status: 'name_taken' }
  | { status: 'not_found' };

export interface ConnectionRepository {
  /** The workspace's connections by name. */
  list(workspaceId: string): Promise<ConnectionRecord[]>;
  /** A connection of another workspace is `null`, as is one that does not exist. */
  get(workspaceId: string, id: string): Promise<ConnectionRecord | null>;
  findByName(workspaceId: string, name: string): Promise<ConnectionRecord | null>;
  create(workspaceId: string, connection: NewConnection): Promise<ConnectionWriteResult>;
  update(
    workspaceId: string,
    id: string,
    changes: ConnectionChanges,
  ): Promise<ConnectionWriteResult>;
  remove(workspaceId: string, id: string): Promise<boolean>;
}

export function createConnectionRepository(prisma: DbClient | PrismaClient): ConnectionRepository {
  return {
    list: async (workspaceId) =>
      isUuid(workspaceId)
        ? prisma.connection.findMany({ where: { workspaceId }, orderBy: [{ name: 'asc' }] })
        : [],

    get: async (workspaceId, id) =>
      isUuid(workspaceId) && isUuid(id)
        ? prisma.connection.findFirst({ where: { id, workspaceId } })
        : null,

    findByName: async (workspaceId, name) =>
      isUuid(workspaceId) ? prisma.connection.findFirst({ where: { workspaceId, name } }) : null,

    create: async (workspaceId, connection) =>
      nameTakenOnConflict(async () => ({
        status: 'saved',
        connection: await prisma.connection.create({ data: { ...connection, workspaceId } }),
      })),

    update: async (workspaceId, id, changes) => {
      if (!isUuid(workspaceId) || !isUuid(id)) {
        return { status: 'not_found' };
      }

      return nameTakenOnConflict(async () => {
        const [updated] = await prisma.connection.updateManyAndReturn({
          where: { id, workspaceId },
          data: changes,
        });

        return updated ? { status: 'saved', connection: updated } : { status: 'not_found' };
      });
    },

    remove: async (workspaceId, id) => {
      if (!isUuid(workspaceId) || !isUuid(id)) {
        return false;
      }
      const { count } = await prisma.connection.deleteMany({ where: { id, workspaceId } });

      return count > 0;
    },
  };
}

/** The unique (workspace, name) constraint settles concurrent writers of one name. */
async function nameTakenOnConflict(
  write: () => Promise<ConnectionWriteResult>,
): Promise<ConnectionWriteResult> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { status: 'name_taken' };
    }
    throw error;
  }
}
