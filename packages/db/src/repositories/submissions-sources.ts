import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { type DbClient, isUuid } from './db-client';

/** The session a Flow completion belongs to, as far as the completion needs it. */
export interface CompletedSession {
  id: string;
  flowId: string;
  flowVersionId: string | null;
  connectionId: string | null;
  status: 'open' | 'closed';
  recipientWaId: string | null;
  recipientUserId: string | null;
}

/** The Flow JSON the customer was sent: the session's version, else the Flow's newest one. */
export interface SentFlowJson {
  flowVersionId: string | null;
  flowJson: Prisma.JsonValue;
}

export interface SubmissionSourceRepository {
  /** A session of the workspace by its flow token, else by the wamid of the message that sent it. */
  findSession(
    workspaceId: string,
    keys: { flowToken: string | null; messageId: string | null },
  ): Promise<CompletedSession | null>;
  /** The version the session names, else the Flow's newest one (also without a session). */
  sentFlowJson(
    session: Pick<CompletedSession, 'flowId' | 'flowVersionId'>,
  ): Promise<SentFlowJson | null>;
  closeSession(id: string): Promise<void>;
}

const SESSION_COLUMNS = {
  id: true,
  flowId: true,
  flowVersionId: true,
  connectionId: true,
  status: true,
  recipientWaId: true,
  recipientUserId: true,
} as const;

export function createSubmissionSourceRepository(
  prisma: DbClient | PrismaClient,
): SubmissionSourceRepository {
  return {
    findSession: async (workspaceId, { flowToken, messageId }) => {
      if (!isUuid(workspaceId)) {
        return null;
      }
      const byToken = flowToken
        ? await prisma.flowSession.findFirst({
            where: { workspaceId, flowToken },
            select: SESSION_COLUMNS,
          })
        : null;
      if (byToken || !messageId) {
        return byToken;
      }

      return prisma.flowSession.findFirst({
        where: { workspaceId, messageId },
        select: SESSION_COLUMNS,
      });
    },

    sentFlowJson: async (session) => {
      const version = session.flowVersionId
        ? await prisma.flowVersion.findUnique({ where: { id: session.flowVersionId } })
        : await prisma.flowVersion.findFirst({
            where: { flowId: session.flowId },
            orderBy: { number: 'desc' },
          });

      return version ? { flowVersionId: version.id, flowJson: version.flowJson } : null;
    },

    closeSession: async (id) => {
      await prisma.flowSession.updateMany({
        where: { id, status: 'open' },
        data: { status: 'closed' },
      });
    },
  };
}
