import type { FlowMessage } from './flow';
import type { TemplateMessage } from './template';
import type { TextMessage } from './text';

export { MessageRuleError } from './errors';
export type { MessageRuleViolation } from './errors';
export { FlowMessageSchema, buildFlowMessage } from './flow';
export type { FlowAction, FlowMessage, FlowMessageInput } from './flow';
export {
  BODY_TEXT_MAX,
  FLOW_CTA_MAX,
  FOOTER_TEXT_MAX,
  HEADER_TEXT_MAX,
  TEXT_BODY_MAX,
} from './rules';
export { TemplateMessageSchema, buildFlowTemplateMessage } from './template';
export type { FlowTemplateMessageInput, TemplateMessage } from './template';
export { TextMessageSchema, buildTextMessage } from './text';
export type { TextMessage, TextMessageInput } from './text';

/** A Graph API `POST /{phone-number-id}/messages` body the product sends. */
export type OutgoingMessageBody = TextMessage | FlowMessage | TemplateMessage;
