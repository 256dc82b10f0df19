import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { isUniqueViolation, isUuid } from './db-client';

export type FlowSessionStatus = 'open' | 'closed';

/** One run of a Flow on one phone; `state` is the runtime's session, validated by the caller. */
export interface FlowSessionRecord {
  id: string;
  flowToken: string;
  workspaceId: string;
  flowId: string;
  connectionId: string | null;
  status: FlowSessionStatus;
  testMode: boolean;
  state: Prisma.JsonValue;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewFlowSession {
  flowToken: string;
  workspaceId: string;
  flowId: string;
  connectionId: string | null;
  testMode: boolean;
  state: Prisma.InputJsonValue;
  expiresAt: Date;
}

/** A data-endpoint call as logged; `debugPayload` only while the Flow's debug switch is on. */
export interface NewEndpointCall {
  workspaceId: string;
  flowId: string;
  sessionId: string | null;
  connectionId: string | null;
  action: string | null;
  screen: string | null;
  httpStatus: number;
  latencyMs: number;
  errorCode: string | null;
  errorMessage: string | null;
  debugPayload: Prisma.InputJsonValue | null;
}

export interface EndpointCallRecord extends Omit<NewEndpointCall, 'debugPayload'> {
  id: string;
  debugPayload: Prisma.JsonValue;
  createdAt: Date;
}

/**
 * What a successful call changes in a session, written together with the call's log row
 * (`endpoint-exchanges.ts`).
 */
export interface SessionChange {
  id: string;
  state: Prisma.InputJsonValue;
  status: FlowSessionStatus;
}

export interface FlowSessionRepository {
  /** A token already in use answers `'taken'`. */
  create(session: NewFlowSession): Promise<FlowSessionRecord | 'taken'>;
  findByToken(flowToken: string): Promise<FlowSessionRecord | null>;
  /** The Flow's calls, newest first. */
  listCalls(workspaceId: string, flowId: string, limit: number): Promise<EndpointCallRecord[]>;
}

export function createFlowSessionRepository(prisma: PrismaClient): FlowSessionRepository {
  return {
    create: async (session) => {
      try {
        return await prisma.flowSession.create({ data: session });
      } catch (error) {
        if (isUniqueViolation(error)) {
          return 'taken';
        }
        throw error;
      }
    },

    findByToken: (flowToken) => prisma.flowSession.findUnique({ where: { flowToken } }),

    listCalls: async (workspaceId, flowId, limit) =>
      isUuid(flowId)
        ? prisma.endpointCall.findMany({
            where: { workspaceId, flowId },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: limit,
          })
        : [],
  };
}
