import { createPublicationRepository, type Database } from '@sanjay-flow/db';
import { z } from 'zod';

import type { Connections } from '../connections/manage-connections';
import { flowNotFound } from './save-flow';

/** Meta's Flow ids are digit strings longer than a JS number holds exactly: never numbers. */
export const LinkMetaInputSchema = z
  .object({
    flowId: z.uuid({ error: 'not a Flow id' }),
    connectionId: z.uuid({ error: 'not a connection id' }),
    metaFlowId: z
      .string()
      .regex(/^\d{1,30}$/, 'a Meta Flow id is a string of digits')
      .optional(),
    metaFlowName: z.string().trim().min(1).max(200).optional(),
    /** The status Meta shows now; Flows webhooks keep it current afterwards. */
    status: z.enum(['DRAFT', 'PUBLISHED', 'DEPRECATED', 'BLOCKED', 'THROTTLED']).optional(),
  })
  .refine((input) => (input.metaFlowId === undefined) !== (input.metaFlowName === undefined), {
    message: 'give exactly one of metaFlowId and metaFlowName',
    path: ['metaFlowId'],
  });
export type LinkMetaInput = z.infer<typeof LinkMetaInputSchema>;

/**
 * Records which Meta Flow a product Flow is on a connection (one per pair, replaced on a new
 * link), for Flows created at Meta outside the product. Sending a Flow names this Meta Flow.
 */
export async function linkMetaFlow(
  dependencies: { db: Database; connections: Connections },
  workspaceId: string,
  input: LinkMetaInput,
) {
  const { db, connections } = dependencies;
  const flow = await db.prisma.flow.findFirst({
    where: { id: input.flowId, workspaceId },
    select: { id: true },
  });
  if (flow === null) {
    throw flowNotFound();
  }
  // CONNECTION_NOT_FOUND for an unknown connection or another workspace's.
  await connections.record(workspaceId, input.connectionId);
  const linked = await createPublicationRepository(db.prisma).link({
    workspaceId,
    flowId: input.flowId,
    connectionId: input.connectionId,
    metaFlowId: input.metaFlowId ?? null,
    metaFlowName: input.metaFlowName ?? null,
    ...(input.status === undefined ? {} : { status: input.status }),
  });

  return {
    flowId: linked.flowId,
    connectionId: linked.connectionId,
    metaFlowId: linked.metaFlowId,
    metaFlowName: linked.metaFlowName,
    status: linked.status,
  };
}
