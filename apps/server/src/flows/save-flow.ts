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

/** Deeper than any real Flow (Meta allows If/Switch nesting three levels deep). */
const MAX_DOCUMENT_DEPTH = 64;

function parseGraph(raw: unknown) {
  if (depthExceeds(raw, MAX_DOCUMENT_DEPTH)) {
    throw new AppError(
      'INVALID_GRAPH',
      `The Flow document nests deeper than ${MAX_DOCUMENT_DEPTH} levels`,
    );
  }
  let graph;
  try {
    graph = upgradeGraphDocument(raw);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('INVALID_GRAPH', `The Flow document is malformed: ${detail}`);
  }
  const duplicate = graph.nodes.find((node, index) =>
    graph.nodes.slice(0, index).some((earlier) => earlier.id === node.id),
  );
  if (duplicate) {
    throw new AppError(
      'INVALID_GRAPH',
      `The Flow document has two nodes with the id “${duplicate.id}”`,
    );
  }

  return graph;
}

/** Checked without recursion, so that a hostile document cannot overflow the stack. */
function depthExceeds(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (depth > limit) {
      return true;
    }
    if (typeof item === 'object' && item !== null) {
      for (const child of Object.values(item)) {
        pending.push([child, depth + 1]);
      }
    }
  }

  return false;
}

export function flowNotFound(): AppError {
  return new AppError('FLOW_NOT_FOUND', 'Flow not found');
}
