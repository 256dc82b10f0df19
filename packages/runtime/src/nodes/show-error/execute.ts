import { RuntimeError } from '../../errors';
import { setOwn } from '../../json';
import type { StepContext, StepOutcome } from '../context';
import { mapIn, renderIn } from '../context';
import type { ShowErrorNode } from './schema';

export function executeShowError(node: ShowErrorNode, context: StepContext): StepOutcome {
  const screen = node.screen ?? context.currentScreen;
  if (screen === null) {
    throw new RuntimeError(
      'NODE_FAILED',
      'There is no current screen to show the error on; set a screen',
      {
        nodeId: node.id,
      },
    );
  }
  const data = mapIn(context, 'data', node.data);
  const message = renderIn(context, 'message', node.message);
  setOwn(data, 'error_message', message);

  return {
    kind: 'reply',
    reply: { screen, data },
    detail: { screen, keys: Object.keys(data) },
    values: { data },
  };
}
