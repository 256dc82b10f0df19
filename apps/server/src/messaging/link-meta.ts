import {
  createConnectionRepository,
  createFlowRepository,
  createPublicationRepository,
  type ConnectionRecord,
  type FlowPublicationRecord,
  type PrismaClient,
} from '@sanjay-flow/db';
import {
  createGraphApiClient,
  type GraphApiClient,
  type GraphApiClientOptions,
} from '@sanjay-flow/whatsapp';
import { z } from 'zod';

import { META_ID_PATTERN } from '../connections/connection-input';
import type { Connections } from '../connections/manage-connections';
import { AppError } from '../errors';
import { flowNotFound } from '../flows/save-flow';
import type { Logger } from '../logger';

export const LinkMetaInputSchema = z
  .object({
    flowId: z.uuid({ error: 'not a flow id' }),
    connectionId: z.uuid({ error: 'not a connection id' }),
    metaFlowId: z
      .string()
      .trim()
      .regex(META_ID_PATTERN, { error: 'a Meta Flow id is a string of digits' })
      .optional(),
    metaFlowName: z.string().trim().min(1).max(200).optional(),
  })
  .refine((input) => (input.metaFlowId === undefined) !== (input.metaFlowName === undefined), {
    error: 'give exactly one of metaFlowId and metaFlowName',
    path: ['metaFlowId'],
  });
export type LinkMetaInput = z.input<typeof LinkMetaInputSchema>;

/** The status stored when Meta's could not be read; Meta's next status webhook replaces it. */
export const UNKNOWN_FLOW_STATUS = 'UNKNOWN';

export interface LinkMetaDependencies {
  prisma: PrismaClient;
  connections: Connections;
  graphApi?: (options: GraphApiClientOptions) => GraphApiClient;
  /** The CLI has none: it prints the problem instead. */
  log?: Logger;
}

export interface LinkedMetaFlow {
  publication: FlowPublicationRecord;
  /** Why Meta's status could not be read (the status is then `UNKNOWN`); null when it was. */
  statusProblem: string | null;
}

/**
 * Records which Meta Flow a Flow is on a connection, for a Flow published outside the product.
 * Sending needs it: a Flow message names Meta's Flow, not the product's. Meta's status is read
 * now: a Flow published before the link existed had its status webhook ignored.
 */
export async function linkMetaFlow(
  dependencies: LinkMetaDependencies,
  workspaceId: string,
  rawInput: LinkMetaInput,
): Promise<LinkedMetaFlow> {
  const { prisma } = dependencies;
  const input = LinkMetaInputSchema.parse(rawInput);
  if ((await createFlowRepository(prisma).get(workspaceId, input.flowId)) === null) {
    throw flowNotFound();
  }
  const connection = await createConnectionRepository(prisma).get(workspaceId, input.connectionId);
  if (connection === null) {
    throw new AppError('CONNECTION_NOT_FOUND', 'No connection has this id in this workspace');
  }
  const read = await readStatus(dependencies, connection, input.metaFlowId);
  const publication = await createPublicationRepository(prisma).link({
    workspaceId,
    flowId: input.flowId,
    connectionId: input.connectionId,
    metaFlowId: input.metaFlowId ?? null,
    metaFlowName: input.metaFlowName ?? null,
    status: read.status,
  });

  return { publication, statusProblem: read.problem };
}

async function readStatus(
  dependencies: LinkMetaDependencies,
  connection: ConnectionRecord,
  metaFlowId: string | undefined,
): Promise<{ status: string; problem: string | null }> {
  if (metaFlowId === undefined) {
    // TODO: find the id by name (`GET /{waba-id}/flows`); until then a Flow linked by name
    // shows UNKNOWN until Meta's next status webhook.
    const problem = "Meta's status is read by Flow id; link with the id to know it";

    return { status: UNKNOWN_FLOW_STATUS, problem };
  }
  const graph = (dependencies.graphApi ?? createGraphApiClient)(
    dependencies.connections.graphApiOptions(connection),
  );
  try {
    return { status: await graph.getFlowStatus(metaFlowId), problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dependencies.log?.warn({ metaFlowId, err: error }, "Meta Flow's status could not be read");

    return { status: UNKNOWN_FLOW_STATUS, problem: `Meta's status could not be read: ${reason}` };
  }
}
