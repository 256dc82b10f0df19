import { decryptRequest, EncryptedRequestSchema, FlowEndpointError } from '@sanjay-flow/whatsapp';
import type { DecryptedRequest } from '@sanjay-flow/whatsapp';

import type { DecryptionKey } from '../connections/key-pairs';

export type OpenedRequest =
  | { ok: true; decrypted: DecryptedRequest; keyPairId: string }
  | { ok: false; status: 400 | 421; code: string; message: string };

/**
 * Decrypts the body with the connection's keys in order: the active key, then keys still in
 * their grace period. A body that is not Meta's envelope at all is a 400; anything that may be
 * a key mismatch or tampering is a 421, which makes the phone re-fetch the public key.
 */
export function openRequest(rawBody: Buffer, keys: readonly DecryptionKey[]): OpenedRequest {
  const envelope = parseEnvelope(rawBody);
  if (envelope === undefined) {
    return refuse(400, 'MALFORMED_BODY', 'The body is not the encrypted request envelope');
  }
  for (const key of keys) {
    try {
      return {
        ok: true,
        decrypted: decryptRequest(envelope, key.privateKey),
        keyPairId: key.keyPairId,
      };
    } catch (error) {
      if (!(error instanceof FlowEndpointError)) {
        throw error;
      }
      if (error.kind === 'payload') {
        return payloadFailure(error);
      }
    }
  }

  return refuse(421, 'DECRYPTION_FAILED', 'No key of the connection decrypts the request');
}

function parseEnvelope(rawBody: Buffer): unknown {
  try {
    const parsed = EncryptedRequestSchema.safeParse(JSON.parse(rawBody.toString('utf8')));

    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// The key unwrapped and the tag verified, but the plaintext is not JSON: the sender's bug,
// not a key problem, so re-fetching the key would not help.
function payloadFailure(error: FlowEndpointError): OpenedRequest {
  return error.cause instanceof SyntaxError
    ? refuse(400, 'MALFORMED_REQUEST', error.message)
    : refuse(421, 'DECRYPTION_FAILED', error.message);
}

function refuse(status: 400 | 421, code: string, message: string): OpenedRequest {
  return { ok: false, status, code, message };
}
