import { upgradeGraphDocument } from '@sanjay-flow/graph';
import type { FlowRepository } from '@sanjay-flow/db';

import { AppError } from '../errors';
import { asJson } from './json';

export interface SaveFlowInput {
  id: string;
  expectedRevision: number;
  graph: unknown;
}

/**
 * Stores the editor's document if nobody saved since the editor last read it. A stale
 * revision is refused, never merged: the user chooses between reloading and overwriting.
 */
export async function saveFlow(flows: FlowRepository, workspaceId: string, input: SaveFlowInput) {
  const graph = parseGraph(input.graph);
  const result = await flows.saveGraph(workspaceId, input.id, {
    expectedRevision: input.expectedRevision,
    graph: asJson(graph),
  });
  switch (result.status) {
    case 'saved':
      return { revision: result.flow.revision, updatedAt: result.flow.updatedAt };
    case 'conflict':
      throw new AppError(
        'STALE_REVISION',
        `This Flow was changed elsewhere (revision ${result.current.revision}); reload it or overwrite`,
      );
    case 'not_found':
      throw flowNotFound();
  }
}

function parseGraph(raw: unknown) {
  try {
    return upgradeGraphDocument(raw);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('INVALID_GRAPH', `The Flow document is malformed: ${detail}`);
  }
}

export function flowNotFound(): AppError {
  return new AppError('FLOW_NOT_FOUND', 'Flow not found');
}
