import type { FlowRepository } from '@sanjay-flow/db';
import { compileGraph } from '@sanjay-flow/graph';

import { AppError } from '../errors';
import { asJson } from './json';
import { templateById } from './templates/templates';

/** A new Flow holding a copy of a gallery template, recorded as its first version. */
export async function createFromTemplate(
  flows: FlowRepository,
  workspaceId: string,
  input: { templateId: string; name?: string | undefined },
): Promise<{ id: string }> {
  const template = templateById(input.templateId);
  if (template === undefined) {
    throw new AppError('INVALID_GRAPH', `There is no template “${input.templateId}”`);
  }
  const { flowJson, contentHash } = compileGraph(template.graph);
  const flow = await flows.create(workspaceId, {
    name: input.name ?? template.name,
    graph: asJson(template.graph),
    version: {
      label: `From the “${template.name}” template`,
      flowJson: asJson(flowJson),
      contentHash,
    },
  });

  return { id: flow.id };
}
