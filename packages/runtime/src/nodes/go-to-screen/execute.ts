import type { StepContext, StepOutcome } from '../context';
import { mapIn } from '../context';
import type { GoToScreenNode } from './schema';

export function executeGoToScreen(node: GoToScreenNode, context: StepContext): StepOutcome {
  const data = mapIn(context, 'data', node.data);

  return {
    kind: 'reply',
    reply: { screen: node.screen, data },
    detail: { screen: node.screen, keys: Object.keys(data) },
    values: { data },
  };
}
