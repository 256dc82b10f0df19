import type { PrismaClient } from '@sanjay-flow/db';

import { AppError } from '../errors';
import { requireFlow } from './require-flow';

/** The Flow's publish runs, newest first, each with its steps (no Flow JSON: see `runOf`). */
export async function publishHistory(
  prisma: PrismaClient,
  workspaceId: string,
  flowId: string,
  limit = 50,
) {
  await requireFlow(prisma, workspaceId, flowId);
  const runs = await prisma.publishRun.findMany({
    where: { workspaceId, flowId },
    orderBy: { createdAt: 'desc' },
    take: limit,
    include: {
      steps: { orderBy: { position: 'asc' } },
      connection: { select: { name: true } },
    },
    omit: { flowJsonText: true },
  });

  return runs.map(({ connection, ...run }) => ({ ...run, connectionName: connection.name }));
}

/** One run with its steps and the exact Flow JSON text it sent. */
export async function runOf(prisma: PrismaClient, workspaceId: string, runId: string) {
  const run = await prisma.publishRun.findFirst({
    where: { id: runId, workspaceId },
    include: {
      steps: { orderBy: { position: 'asc' } },
      connection: { select: { name: true } },
    },
  });
  if (run === null) {
    throw new AppError('FLOW_NOT_FOUND', 'No publish run has this id in this workspace');
  }
  const { connection, ...rest } = run;

  return { ...rest, connectionName: connection.name };
}
