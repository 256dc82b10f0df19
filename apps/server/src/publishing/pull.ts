import { createFlowRepository } from '@sanjay-flow/db';
import { compileGraph, upgradeGraphDocument } from '@sanjay-flow/graph';
import { z } from 'zod';

import { META_ID_PATTERN } from '../connections/connection-input';
import { AppError } from '../errors';
import { importFlow } from '../flows/import-flow';
import { metaAccess, type PublishingDependencies } from './dependencies';
import { metaCall, withRetry } from './retry';

export interface PulledFlow {
  metaFlowId: string;
  name: string;
  status: string;
  categories: string[];
  validationErrorCount: number;
  /** The product's Flow linked to it on this connection, if any. */
  flowId: string | null;
}

/** The Flows on the connection's WABA, and which are already in the product. */
export async function listMetaFlows(
  deps: PublishingDependencies,
  workspaceId: string,
  connectionId: string,
): Promise<PulledFlow[]> {
  const connection = await deps.connections.record(workspaceId, connectionId);
  const access = metaAccess(deps, connection);
  const flows = await metaCall(access.retry, () => access.flows.listFlows(connection.wabaId));
  const linked = await deps.prisma.flowPublication.findMany({
    where: { workspaceId, connectionId, metaFlowId: { in: flows.map((flow) => flow.id) } },
  });

  return flows.map((flow) => ({
    metaFlowId: flow.id,
    name: flow.name ?? flow.id,
    status: flow.status ?? 'UNKNOWN',
    categories: flow.categories ?? [],
    validationErrorCount: flow.validation_errors?.length ?? 0,
    flowId: linked.find((p) => p.metaFlowId === flow.id)?.flowId ?? null,
  }));
}

export const ImportInputSchema = z.object({
  connectionId: z.uuid({ error: 'not a connection id' }),
  metaFlowIds: z
    .array(z.string().regex(META_ID_PATTERN, { error: 'a Meta Flow id is digits' }))
    .min(1),
});
export type ImportInput = z.input<typeof ImportInputSchema>;

export type ImportResult =
  | { metaFlowId: string; outcome: 'imported'; flowId: string; status: string }
  | { metaFlowId: string; outcome: 'already_linked'; flowId: string; status: string }
  | { metaFlowId: string; outcome: 'failed'; reason: string };

/**
 * Imports Meta Flows as the product's Flows: the current Flow JSON through the same import as a
 * file, then a link to the Meta Flow with its status, name and categories. A Flow whose JSON
 * Meta has not got or the product refuses is reported, and the others still imported.
 */
export async function importMetaFlows(
  deps: PublishingDependencies,
  workspaceId: string,
  rawInput: ImportInput,
): Promise<ImportResult[]> {
  const input = ImportInputSchema.parse(rawInput);
  const listed = await listMetaFlows(deps, workspaceId, input.connectionId);
  const connection = await deps.connections.record(workspaceId, input.connectionId);
  const access = metaAccess(deps, connection);
  const results: ImportResult[] = [];
  for (const metaFlowId of input.metaFlowIds) {
    const flow = listed.find((entry) => entry.metaFlowId === metaFlowId);
    if (flow === undefined) {
      results.push({ metaFlowId, outcome: 'failed', reason: 'no such Flow on this connection' });
    } else if (flow.flowId !== null) {
      results.push({
        metaFlowId,
        outcome: 'already_linked',
        flowId: flow.flowId,
        status: flow.status,
      });
    } else {
      results.push(await importOne(deps, workspaceId, access, connection.id, flow));
    }
  }

  return results;
}

async function importOne(
  deps: PublishingDependencies,
  workspaceId: string,
  access: ReturnType<typeof metaAccess>,
  connectionId: string,
  flow: PulledFlow,
): Promise<ImportResult> {
  const { metaFlowId } = flow;
  try {
    const text = await withRetry(access.retry, () => access.flows.downloadFlowJson(metaFlowId));
    if (text === null) {
      return { metaFlowId, outcome: 'failed', reason: 'Meta has no Flow JSON for this Flow yet' };
    }
    const { id } = await importFlow(createFlowRepository(deps.prisma), workspaceId, {
      fileName: `${flow.name}.json`,
      text,
      name: flow.name,
    });
    const imported = await createFlowRepository(deps.prisma).get(workspaceId, id);
    // The product's compiled text differs in layout from Meta's copy; its hash is recorded
    // only when they are the same bytes, so that an identical Flow is not uploaded again.
    const compiled =
      imported === null ? undefined : compileGraph(upgradeGraphDocument(imported.graph));
    await deps.prisma.flowPublication.create({
      data: {
        workspaceId,
        flowId: id,
        connectionId,
        metaFlowId,
        metaFlowName: flow.name,
        status: flow.status,
        categories: flow.categories,
        uploadedHash: compiled?.text === text ? compiled.contentHash : null,
      },
    });

    return { metaFlowId, outcome: 'imported', flowId: id, status: flow.status };
  } catch (error) {
    const reason =
      error instanceof AppError || error instanceof Error ? error.message : String(error);

    return { metaFlowId, outcome: 'failed', reason };
  }
}
