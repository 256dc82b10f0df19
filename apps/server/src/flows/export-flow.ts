import { compileGraph, upgradeGraphDocument } from '@sanjay-flow/graph';
import type { FlowRepository } from '@sanjay-flow/db';

import { flowNotFound } from './save-flow';

/** The Flow JSON compiled from a Flow's last saved document, named after the Flow. */
export async function exportFlow(flows: FlowRepository, workspaceId: string, id: string) {
  const flow = await flows.get(workspaceId, id);
  if (!flow) {
    throw flowNotFound();
  }
  const { text, contentHash } = compileGraph(upgradeGraphDocument(flow.graph));

  return { fileName: `${exportFileStem(flow.name)}.json`, text, contentHash };
}

function exportFileStem(name: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '');

  return stem || 'flow';
}
