export {
  type BusinessPublicKey,
  BusinessPublicKeySchema,
  createGraphApiClient,
  DEFAULT_GRAPH_API_URL,
  type GraphApiClient,
  type GraphApiClientOptions,
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
