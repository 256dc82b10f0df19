import { createFlowRepository, type PrismaClient } from '@sanjay-flow/db';
import { validateFlowJsonText } from '@sanjay-flow/flow-json';
import {
  compileGraph,
  importFlowJson,
  upgradeGraphDocument,
  type GraphDocument,
} from '@sanjay-flow/graph';

import { AppError } from '../errors';
import { flowNameFromFileName } from '../flows/flow-name';
import { asJson } from '../flows/json';

export interface FlowSource {
  fileName: string;
  text: string;
  /** The product's Flow to keep it in; by default the file's name without `.json`. */
  name?: string | undefined;
}

/**
 * Flows as code: brings the product's Flow of this name to the file (a Flow JSON file or a
 * graph document), creating it the first time. The Flow's server logic is kept when the file
 * is Flow JSON, which has none. An unchanged file changes nothing, so its content hash, and
 * with it what Meta has, stay the same.
 */
export async function syncFlowFromFile(
  prisma: PrismaClient,
  workspaceId: string,
  source: FlowSource,
): Promise<{ flowId: string; outcome: 'created' | 'updated' | 'unchanged' }> {
  const name = source.name ?? flowNameFromFileName(source.fileName);
  const flows = createFlowRepository(prisma);
  const existing = (await flows.list(workspaceId)).filter((flow) => flow.name === name);
  if (existing.length > 1) {
    throw new AppError(
      'INVALID_GRAPH',
      `${existing.length} Flows are named "${name}": give --name`,
    );
  }
  const found = existing[0] === undefined ? null : await flows.get(workspaceId, existing[0].id);
  const current = found === null ? undefined : upgradeGraphDocument(found.graph);
  const graph = await graphOf(source, current);
  const compiled = compileGraph(graph);
  if (found === null) {
    const created = await flows.create(workspaceId, {
      name,
      graph: asJson(graph),
      version: {
        label: `From ${source.fileName}`,
        flowJson: asJson(compiled.flowJson),
        contentHash: compiled.contentHash,
      },
    });

    return { flowId: created.id, outcome: 'created' };
  }
  if (current !== undefined && compileGraph(current).contentHash === compiled.contentHash) {
    return { flowId: found.id, outcome: 'unchanged' };
  }
  const saved = await flows.saveGraph(workspaceId, found.id, {
    expectedRevision: found.revision,
    graph: asJson(graph),
  });
  if (saved.status !== 'saved') {
    throw new AppError('STALE_REVISION', `The Flow "${name}" changed meanwhile: run again`);
  }

  return { flowId: found.id, outcome: 'updated' };
}

async function graphOf(source: FlowSource, current: GraphDocument | undefined) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.text);
  } catch (error) {
    throw new AppError('INVALID_FLOW_JSON', `${source.fileName} is not JSON: ${String(error)}`);
  }
  if (typeof parsed === 'object' && parsed !== null && 'schemaVersion' in parsed) {
    return upgradeGraphDocument(parsed);
  }
  const { document, problems } = validateFlowJsonText(source.text);
  if (document === undefined) {
    const first = problems[0];
    throw new AppError(
      'INVALID_FLOW_JSON',
      `${source.fileName} is not Flow JSON: ${first?.message ?? 'unreadable'}`,
    );
  }
  const imported = await importFlowJson(document);

  return current?.logic === undefined ? imported : { ...imported, logic: current.logic };
}
