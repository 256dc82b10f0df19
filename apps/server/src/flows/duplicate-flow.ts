import type { FlowRepository } from '@sanjay-flow/db';
import { compileGraph, upgradeGraphDocument } from '@sanjay-flow/graph';

import { FLOW_NAME_MAX_LENGTH } from './flow-name';
import { asJson } from './json';
import { flowNotFound } from './save-flow';

/** A new Flow with the draft of another; versions, responses and settings stay behind. */
export async function duplicateFlow(
  flows: FlowRepository,
  workspaceId: string,
  input: { id: string; name?: string | undefined },
): Promise<{ id: string }> {
  const source = await flows.get(workspaceId, input.id);
  if (!source) {
    throw flowNotFound();
  }
  const graph = upgradeGraphDocument(source.graph);
  const { flowJson, contentHash } = compileGraph(graph);
  const flow = await flows.create(workspaceId, {
    name: input.name ?? copyName(source.name),
    graph: asJson(graph),
    version: { label: `Copied from “${source.name}”`, flowJson: asJson(flowJson), contentHash },
  });

  return { id: flow.id };
}

/** “Booking (copy)”, kept within the longest name a Flow may have. */
export function copyName(name: string, maxLength = FLOW_NAME_MAX_LENGTH): string {
  const suffix = ' (copy)';

  return `${name.slice(0, maxLength - suffix.length)}${suffix}`;
}
