import type { PrismaClient } from '@sanjay-flow/db';
import { compileGraph, upgradeGraphDocument } from '@sanjay-flow/graph';

/**
 * The Flow JSON of a Flow's current graph, for labelling answers when no version of the Flow
 * was ever sent (a session opened by hand, a Flow sent from Meta's own tools). `null` when the
 * Flow is gone or its graph does not compile.
 */
export async function currentFlowJson(prisma: PrismaClient, flowId: string): Promise<unknown> {
  const flow = await prisma.flow.findUnique({ where: { id: flowId }, select: { graph: true } });
  if (!flow) {
    return null;
  }
  try {
    return compileGraph(upgradeGraphDocument(flow.graph)).flowJson;
  } catch {
    return null;
  }
}
