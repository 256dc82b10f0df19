export {
  KNOWN_STATUS_VALUES,
  type WebhookContact,
  WebhookContactSchema,
  type WebhookStatus,
  WebhookStatusSchema,
} from './contacts-statuses';
export {
  type MessagesValue,
  type RejectedPart,
  type WebhookChange,
  type WebhookEntry,
  type WebhookEnvelope,
  WebhookEnvelopeSchema,
} from './envelope';
export { type FlowsWebhookEvent, FlowsWebhookEventSchema } from './flows-events';
export {
  type FlowResponse,
  type NfmReply,
  readFlowResponse,
  type WebhookError,
  WebhookErrorSchema,
  type WebhookMessage,
  WebhookMessageSchema,
} from './messages';
export {
  parseWebhookEnvelope,
  type ParsedWebhook,
  type WebhookItem,
  webhookItemKey,
  webhookItems,
} from './parse';
