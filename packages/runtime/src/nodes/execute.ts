import type { EndpointRequest } from '../protocol';
import { executeCondition } from './condition/execute';
import type { StepContext, StepOutcome } from './context';
import { executeFinishFlow } from './finish-flow/execute';
import { executeForwardSubmission } from './forward-submission/execute';
import { executeGoToScreen } from './go-to-screen/execute';
import { executeHttpRequest } from './http-request/execute';
import { executeLookupTable } from './lookup-table/execute';
import { executeSaveSubmission } from './save-submission/execute';
import type { LogicNode, TriggerNode } from './schema';
import { executeSendMessage } from './send-message/execute';
import { executeSetData } from './set-data/execute';
import { executeShowError } from './show-error/execute';
import { matchesBack } from './trigger-back/execute';
import { matchesFlowOpened } from './trigger-flow-opened/execute';
import { matchesScreenSubmitted } from './trigger-screen-submitted/execute';

export async function executeNode(node: LogicNode, context: StepContext): Promise<StepOutcome> {
  switch (node.type) {
    case 'trigger.flow_opened':
    case 'trigger.screen_submitted':
    case 'trigger.back':
    case 'trigger.message_received':
    case 'trigger.flow_completed':
      return { kind: 'continue' };
    case 'condition':
      return executeCondition(node, context);
    case 'set_data':
      return executeSetData(node, context);
    case 'http_request':
      return executeHttpRequest(node, context);
    case 'lookup_table':
      return executeLookupTable(node, context);
    case 'go_to_screen':
      return executeGoToScreen(node, context);
    case 'finish_flow':
      return executeFinishFlow(node, context);
    case 'show_error':
      return executeShowError(node, context);
    case 'save_submission':
      return executeSaveSubmission(node, context);
    case 'send_message':
      return executeSendMessage(node, context);
    case 'forward_submission':
      return executeForwardSubmission(node, context);
  }
}

export function triggerMatches(node: TriggerNode, request: EndpointRequest): boolean {
  switch (node.type) {
    case 'trigger.flow_opened':
      return matchesFlowOpened(node, request);
    case 'trigger.screen_submitted':
      return matchesScreenSubmitted(node, request);
    case 'trigger.back':
      return matchesBack(node, request);
    case 'trigger.message_received':
    case 'trigger.flow_completed':
      return false;
  }
}
