export { ConditionNodeSchema, defaultConditionNode } from './condition/schema';
export type { ConditionNode } from './condition/schema';
export { FinishFlowNodeSchema, defaultFinishFlowNode } from './finish-flow/schema';
export {
  ForwardSubmissionNodeSchema,
  defaultForwardSubmissionNode,
} from './forward-submission/schema';
export type { ForwardSubmissionNode } from './forward-submission/schema';
export {
  FlowCompletedTriggerSchema,
  defaultFlowCompletedTrigger,
} from './trigger-flow-completed/schema';
export type { FlowCompletedTrigger } from './trigger-flow-completed/schema';
export type { FinishFlowNode } from './finish-flow/schema';
export { GoToScreenNodeSchema, defaultGoToScreenNode } from './go-to-screen/schema';
export type { GoToScreenNode } from './go-to-screen/schema';
export { MAX_RESPONSE_CHARS } from './http-request/execute';
export {
  HTTP_METHODS,
  HttpRequestNodeSchema,
  MAX_HTTP_TIMEOUT_MS,
  defaultHttpRequestNode,
} from './http-request/schema';
export type { HttpRequestNode } from './http-request/schema';
export { LookupTableNodeSchema, defaultLookupTableNode } from './lookup-table/schema';
export type { LookupTableNode } from './lookup-table/schema';
export { SaveSubmissionNodeSchema, defaultSaveSubmissionNode } from './save-submission/schema';
export type { SaveSubmissionNode } from './save-submission/schema';
export type { OutgoingMessage } from './send-message/execute';
export {
  OutgoingMessageSpecSchema,
  SendMessageNodeSchema,
  defaultSendMessageNode,
} from './send-message/schema';
export type { OutgoingMessageSpec, SendMessageNode } from './send-message/schema';
export { SetDataNodeSchema, defaultSetDataNode } from './set-data/schema';
export type { SetDataNode } from './set-data/schema';
export { ShowErrorNodeSchema, defaultShowErrorNode } from './show-error/schema';
export type { ShowErrorNode } from './show-error/schema';
export { BackTriggerSchema, defaultBackTrigger } from './trigger-back/schema';
export type { BackTrigger } from './trigger-back/schema';
export { FlowOpenedTriggerSchema, defaultFlowOpenedTrigger } from './trigger-flow-opened/schema';
export type { FlowOpenedTrigger } from './trigger-flow-opened/schema';
export { containsWords, matchMessage } from './trigger-message-received/execute';
export type { MatchSpecificity, PatternPort } from './trigger-message-received/execute';
export {
  MAX_KEYWORDS,
  MAX_PATTERN_CHARS,
  MessageMatchSchema,
  MessageReceivedTriggerSchema,
  defaultMessageReceivedTrigger,
} from './trigger-message-received/schema';
export type { MessageMatch, MessageReceivedTrigger } from './trigger-message-received/schema';
export {
  ScreenSubmittedTriggerSchema,
  defaultScreenSubmittedTrigger,
} from './trigger-screen-submitted/schema';
export type { ScreenSubmittedTrigger } from './trigger-screen-submitted/schema';
export { LogicNodeSchema, isTrigger, portsOf } from './schema';
export type { LogicNode, LogicNodeType, StepNode, TriggerNode } from './schema';
export { expressionSitesOf, siteSyntaxError } from './sites-of';
export type { ExpressionSite } from './sites';
