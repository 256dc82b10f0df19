export {
  decryptRequest,
  encryptResponse,
  encryptResponseText,
  EncryptedRequestSchema,
} from './endpoint-crypto';
export type { DecryptedRequest, EncryptedRequest } from './endpoint-crypto';
export { signPayload, verifySignature } from './signature';
export { decryptMedia, encryptMedia, MediaEncryptionMetadataSchema } from './media';
export type { MediaEncryptionMetadata, MediaKeyMaterial } from './media';
export { FlowEndpointError, FLOW_ENDPOINT_ERROR_STATUS, MediaDecryptionError } from './errors';
export type { FlowEndpointErrorKind, MediaDecryptionErrorCode } from './errors';
export {
  type BusinessKeyPair,
  generateBusinessKeyPair,
  importBusinessPrivateKey,
  KeyImportError,
  type KeyImportErrorCode,
  MIN_RSA_KEY_BITS,
  publicKeyFingerprint,
} from './key-pair';
export { FLOW_CATEGORIES } from './flow-categories';
export type { FlowCategory } from './flow-categories';
export * from './graph-api';
export * from './webhooks';
export * from './messages';
