import { z } from 'zod';

import { ConditionNodeSchema } from './condition/schema';
import { FinishFlowNodeSchema } from './finish-flow/schema';
import { ForwardSubmissionNodeSchema } from './forward-submission/schema';
import { GoToScreenNodeSchema } from './go-to-screen/schema';
import { HttpRequestNodeSchema } from './http-request/schema';
import { LookupTableNodeSchema } from './lookup-table/schema';
import { SaveSubmissionNodeSchema } from './save-submission/schema';
import { SendMessageNodeSchema } from './send-message/schema';
import { SetDataNodeSchema } from './set-data/schema';
import { ShowErrorNodeSchema } from './show-error/schema';
import { BackTriggerSchema } from './trigger-back/schema';
import { FlowCompletedTriggerSchema } from './trigger-flow-completed/schema';
import { FlowOpenedTriggerSchema } from './trigger-flow-opened/schema';
import { MessageReceivedTriggerSchema } from './trigger-message-received/schema';
import { ScreenSubmittedTriggerSchema } from './trigger-screen-submitted/schema';

/** Every logic node the runtime executes, told apart by `type`. */
export const LogicNodeSchema = z.discriminatedUnion('type', [
  FlowOpenedTriggerSchema,
  ScreenSubmittedTriggerSchema,
  BackTriggerSchema,
  MessageReceivedTriggerSchema,
  ConditionNodeSchema,
  SetDataNodeSchema,
  HttpRequestNodeSchema,
  LookupTableNodeSchema,
  GoToScreenNodeSchema,
  FinishFlowNodeSchema,
  ShowErrorNodeSchema,
  SaveSubmissionNodeSchema,
  FlowCompletedTriggerSchema,
  ForwardSubmissionNodeSchema,
  SendMessageNodeSchema,
]);
export type LogicNode = z.infer<typeof LogicNodeSchema>;
export type LogicNodeType = LogicNode['type'];

export type TriggerNode = Extract<LogicNode, { type: `trigger.${string}` }>;
export type StepNode = Exclude<LogicNode, TriggerNode>;

export function isTrigger(node: LogicNode): node is TriggerNode {
  return node.type.startsWith('trigger.');
}

/** The ports a node may leave by; `undefined` is the single unnamed port. */
export function portsOf(node: LogicNode): readonly (string | undefined)[] {
  switch (node.type) {
    case 'condition':
      return ['true', 'false'];
    case 'lookup_table':
      return ['found', 'missing'];
    case 'http_request':
      return [undefined, 'error'];
    case 'go_to_screen':
    case 'finish_flow':
    case 'show_error':
      return [];
    case 'trigger.flow_opened':
    case 'trigger.screen_submitted':
    case 'trigger.back':
    case 'trigger.message_received':
    case 'trigger.flow_completed':
    case 'forward_submission':
    case 'set_data':
    case 'save_submission':
    case 'send_message':
      return [undefined];
  }
}
