import type { PrismaClient } from '@sanjay-flow/db';

import { AppError } from '../errors';

/** Another workspace's Flow is not found, the same as a Flow that does not exist. */
export async function requireFlow(
  prisma: PrismaClient,
  workspaceId: string,
  flowId: string,
): Promise<void> {
  if ((await prisma.flow.count({ where: { id: flowId, workspaceId } })) === 0) {
    throw new AppError('FLOW_NOT_FOUND', 'No Flow has this id in this workspace');
  }
}
