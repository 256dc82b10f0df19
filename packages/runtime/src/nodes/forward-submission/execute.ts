import { RuntimeError } from '../../errors';
import type { StepContext, StepOutcome } from '../context';
import type { ForwardSubmissionNode } from './schema';

export function executeForwardSubmission(
  node: ForwardSubmissionNode,
  context: StepContext,
): StepOutcome {
  const server = context.server;
  if (server?.submissionId === undefined) {
    throw new RuntimeError(
      'NODE_FAILED',
      'forward_submission runs when a Flow is completed; there is no submission here',
      { nodeId: node.id },
    );
  }
  const destinationId = node.destinationId ?? null;
  server.effects.push({
    kind: 'forward_submission',
    nodeId: node.id,
    submissionId: server.submissionId,
    destinationId,
  });

  return { kind: 'continue', detail: { destinationId } };
}
