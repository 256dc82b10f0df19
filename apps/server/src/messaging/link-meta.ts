import {
  createConnectionRepository,
  createFlowRepository,
  createPublicationRepository,
  type FlowPublicationRecord,
  type PrismaClient,
} from '@sanjay-flow/db';
import { z } from 'zod';

import { AppError } from '../errors';
import { flowNotFound } from '../flows/save-flow';

export const LinkMetaInputSchema = z
  .object({
    flowId: z.uuid({ error: 'not a flow id' }),
    connectionId: z.uuid({ error: 'not a connection id' }),
    metaFlowId: z
      .string()
      .trim()
      .regex(/^\d{1,32}$/, { error: 'a Meta Flow id is a string of digits' })
      .optional(),
    metaFlowName: z.string().trim().min(1).max(200).optional(),
  })
  .refine((input) => (input.metaFlowId === undefined) !== (input.metaFlowName === undefined), {
    error: 'give exactly one of metaFlowId and metaFlowName',
    path: ['metaFlowId'],
  });
export type LinkMetaInput = z.input<typeof LinkMetaInputSchema>;

/**
 * Records which Meta Flow a Flow is on a connection, for a Flow published outside the product.
 * Sending needs it: a Flow message names Meta's Flow, not the product's.
 */
export async function linkMetaFlow(
  prisma: PrismaClient,
  workspaceId: string,
  rawInput: LinkMetaInput,
): Promise<FlowPublicationRecord> {
  const input = LinkMetaInputSchema.parse(rawInput);
  if ((await createFlowRepository(prisma).get(workspaceId, input.flowId)) === null) {
    throw flowNotFound();
  }
  if ((await createConnectionRepository(prisma).get(workspaceId, input.connectionId)) === null) {
    throw new AppError('CONNECTION_NOT_FOUND', 'No connection has this id in this workspace');
  }

  return createPublicationRepository(prisma).link({
    workspaceId,
    flowId: input.flowId,
    connectionId: input.connectionId,
    metaFlowId: input.metaFlowId ?? null,
    metaFlowName: input.metaFlowName ?? null,
  });
}
