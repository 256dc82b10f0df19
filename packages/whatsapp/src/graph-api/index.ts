export {
  type BusinessPublicKey,
  BusinessPublicKeySchema,
  createGraphApiClient,
  DEFAULT_GRAPH_API_URL,
  type GraphApiClient,
  type GraphApiClientOptions,
  type GraphCall,
  graphCaller,
  type SendMessageResponse,
  SendMessageResponseSchema,
  type SentMessage,
} from './client';
export {
  GraphApiError,
  type GraphApiErrorKind,
  GraphErrorBodySchema,
  type GraphErrorBody,
} from './errors';
export {
  createGraphFlowsClient,
  type FlowValidationError,
  FlowValidationErrorSchema,
  type GraphFlowsClient,
  type MetaFlow,
  type MetaFlowChanges,
  MetaFlowSchema,
  type NewMetaFlow,
} from './flows-client';
