import {
  createConnectionRepository,
  createEndpointFlowRepository,
  createFlowSessionRepository,
  type EndpointCallRecord,
  type EndpointSettings,
  type PrismaClient,
} from '@sanjay-flow/db';
import { createSession } from '@sanjay-flow/runtime';

import { AppError } from '../errors';
import { SESSION_TTL_MS } from './options';
import { newFlowToken } from './sessions';

export interface OpenedSession {
  flowToken: string;
  expiresAt: Date;
}

/** The editor's and the sender's side of the data endpoint: switches, call log, sessions. */
export function createEndpointAdmin(prisma: PrismaClient, now: () => Date = () => new Date()) {
  const flows = createEndpointFlowRepository(prisma);
  const sessions = createFlowSessionRepository(prisma);
  const connections = createConnectionRepository(prisma);
  const flowNotFound = (): never => {
    throw new AppError('FLOW_NOT_FOUND', 'No Flow has this id in this workspace');
  };
  const requireFlow = async (workspaceId: string, flowId: string) =>
    (await flows.settings(workspaceId, flowId)) ?? flowNotFound();

  return {
    settings: async (workspaceId: string, flowId: string): Promise<EndpointSettings> =>
      (await flows.settings(workspaceId, flowId)) ?? flowNotFound(),

    updateSettings: async (
      workspaceId: string,
      flowId: string,
      changes: Partial<EndpointSettings>,
    ): Promise<EndpointSettings> =>
      (await flows.updateSettings(workspaceId, flowId, changes)) ?? flowNotFound(),

    calls: async (
      workspaceId: string,
      flowId: string,
      limit: number,
    ): Promise<EndpointCallRecord[]> => {
      await requireFlow(workspaceId, flowId);

      return sessions.listCalls(workspaceId, flowId, limit);
    },

    /** A new session for a Flow about to be sent through a connection; its token goes with it. */
    openSession: async (
      workspaceId: string,
      input: { flowId: string; connectionId: string },
    ): Promise<OpenedSession> => {
      await requireFlow(workspaceId, input.flowId);
      if ((await connections.get(workspaceId, input.connectionId)) === null) {
        throw new AppError('CONNECTION_NOT_FOUND', 'No connection has this id in this workspace');
      }
      const flowToken = newFlowToken();
      const expiresAt = new Date(now().getTime() + SESSION_TTL_MS);
      const created = await sessions.create({
        flowToken,
        workspaceId,
        flowId: input.flowId,
        connectionId: input.connectionId,
        testMode: false,
        state: createSession(flowToken),
        expiresAt,
      });
      if (created === 'taken') {
        throw new Error('A fresh 256-bit flow token collided with a stored one');
      }

      return { flowToken, expiresAt };
    },
  };
}
