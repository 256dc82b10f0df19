import { SUCCESS_SCREEN } from '../../protocol';
import type { StepContext, StepOutcome } from '../context';
import { mapIn } from '../context';
import type { FinishFlowNode } from './schema';

export function executeFinishFlow(node: FinishFlowNode, context: StepContext): StepOutcome {
  const mapped = mapIn(context, 'params', node.params);
  const params = { ...mapped, flow_token: context.flowToken };
  context.effects.push({ kind: 'flow_completed', nodeId: node.id, params });

  return {
    kind: 'reply',
    reply: { screen: SUCCESS_SCREEN, data: { extension_message_response: { params } } },
    detail: { keys: Object.keys(params) },
    values: { params },
  };
}
