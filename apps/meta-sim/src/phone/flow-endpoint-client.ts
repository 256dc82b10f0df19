import {
  constants,
  createCipheriv,
  createDecipheriv,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { signPayload } from '@sanjay-flow/whatsapp';

const AES_KEY_BYTES = 16;
const IV_BYTES = 16;
const TAG_BYTES = 16;

/** The plaintext of a data-endpoint request, as the phone builds it (spec B3). */
export interface FlowEndpointRequest {
  version: string;
  action: 'ping' | 'INIT' | 'data_exchange' | 'BACK';
  flow_token?: string;
  screen?: string;
  data?: Record<string, unknown>;
}

export interface FlowEndpointClientOptions {
  endpointUrl: string;
  /** The business's public key (SPKI PEM), as uploaded for its phone number. */
  businessPublicKey: string | KeyObject;
  /** Secret of the Meta app linked to the Flow; signs every request. */
  appSecret: string;
  timeoutMs?: number;
}

/** What came back: the HTTP status and, when the business encrypted it, the decrypted reply. */
export interface FlowEndpointResponse {
  status: number;
  /** The decrypted JSON reply (200 and 427); `undefined` when the body was not encrypted. */
  reply: unknown;
  /** The raw response body, as received. */
  body: string;
}

export interface SealedRequest {
  body: string;
  aesKey: Buffer;
  iv: Buffer;
}

/** Encrypts a request the way Meta does, keeping the key and IV to read the reply. */
export function sealRequest(
  request: FlowEndpointRequest,
  businessPublicKey: string | KeyObject,
): SealedRequest {
  const aesKey = randomBytes(AES_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-128-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
  const plaintext = Buffer.from(JSON.stringify(request), 'utf8');
  const encryptedFlowData = Buffer.concat([
    cipher.update(plaintext),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const wrappedKey = publicEncrypt(
    { key: businessPublicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    aesKey,
  );
  const body = JSON.stringify({
    encrypted_flow_data: encryptedFlowData.toString('base64'),
    encrypted_aes_key: wrappedKey.toString('base64'),
    initial_vector: iv.toString('base64'),
  });

  return { body, aesKey, iv };
}

/**
 * Decrypts a reply: AES-128-GCM under the same key with every IV byte inverted, tag last.
 * Returns `undefined` for a body that is not such a ciphertext.
 */
export function openReply(body: string, aesKey: Buffer, iv: Buffer): unknown {
  const sealed = Buffer.from(body.trim(), 'base64');
  if (sealed.length <= TAG_BYTES || sealed.toString('base64') !== body.trim()) {
    return undefined;
  }
  const invertedIv = Buffer.from(iv.map((byte) => byte ^ 0xff));
  const decipher = createDecipheriv('aes-128-gcm', aesKey, invertedIv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);

    return JSON.parse(plaintext.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A phone's view of one Flow's data endpoint. */
export function createFlowEndpointClient(options: FlowEndpointClientOptions) {
  return {
    async send(request: FlowEndpointRequest): Promise<FlowEndpointResponse> {
      const { body, aesKey, iv } = sealRequest(request, options.businessPublicKey);
      const response = await fetch(options.endpointUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signPayload(body, options.appSecret),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await response.text();

      return { status: response.status, reply: openReply(text, aesKey, iv), body: text };
    },
  };
}

export type FlowEndpointClient = ReturnType<typeof createFlowEndpointClient>;
