/**
 * Why an encrypted data-endpoint request could not be read. `key`: the AES key could not be
 * unwrapped with the business's private key (wrong or rotated key); `payload`: the body itself
 * is malformed or fails authentication. Both answer HTTP 421, which makes the WhatsApp client
 * re-fetch the public key and retry.
 */
export type FlowEndpointErrorKind = 'key' | 'payload';

export const FLOW_ENDPOINT_ERROR_STATUS: Readonly<Record<FlowEndpointErrorKind, number>> = {
  key: 421,
  payload: 421,
};

export class FlowEndpointError extends Error {
  override readonly name = 'FlowEndpointError';

  constructor(
    readonly kind: FlowEndpointErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get httpStatus(): number {
    return FLOW_ENDPOINT_ERROR_STATUS[this.kind];
  }
}

export type MediaDecryptionErrorCode =
  | 'INVALID_METADATA'
  | 'ENCRYPTED_HASH_MISMATCH'
  | 'HMAC_MISMATCH'
  | 'DECRYPTION_FAILED'
  | 'PLAINTEXT_HASH_MISMATCH';

/** A PhotoPicker/DocumentPicker file that fails one of the checks of spec B7. */
export class MediaDecryptionError extends Error {
  override readonly name = 'MediaDecryptionError';

  constructor(
    readonly code: MediaDecryptionErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
