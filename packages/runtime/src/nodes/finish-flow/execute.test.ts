import { describe, expect, it } from 'vitest';

import { stepContext } from '../../testing/fakes.test-helper';
import { executeFinishFlow } from './execute';
import { defaultFinishFlowNode } from './schema';

describe('finish_flow', () => {
  it('replies SUCCESS with the mapped params and the flow token, and reports the completion', () => {
    const context = stepContext({ variables: { slot: '09:00' } });
    const outcome = executeFinishFlow(
      { ...defaultFinishFlowNode('done'), params: { slot: 'vars.slot' } },
      context,
    );
    const params = { slot: '09:00', flow_token: 'flow-token-1' };
    expect(outcome).toMatchObject({
      kind: 'reply',
      reply: { screen: 'SUCCESS', data: { extension_message_response: { params } } },
    });
    expect(context.effects).toEqual([{ kind: 'flow_completed', nodeId: 'done', params }]);
  });

  it('always sends the session flow token, even when a param tries to replace it', () => {
    const outcome = executeFinishFlow(
      { ...defaultFinishFlowNode('done'), params: { flow_token: "'forged'" } },
      stepContext(),
    );
    expect(outcome).toMatchObject({
      reply: { data: { extension_message_response: { params: { flow_token: 'flow-token-1' } } } },
    });
  });
});
