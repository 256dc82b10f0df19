import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  privateDecrypt,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { z } from 'zod';

import { decodeBase64Strict } from './base64';
import { FlowEndpointError } from './errors';

/** The JSON body Meta posts to a Flow's data endpoint (spec B1). */
export const EncryptedRequestSchema = z.object({
  encrypted_flow_data: z.string(),
  encrypted_aes_key: z.string(),
  initial_vector: z.string(),
});

export type EncryptedRequest = z.infer<typeof EncryptedRequestSchema>;

export interface DecryptedRequest {
  decryptedBody: unknown;
  /** Keep both to encrypt the reply to this request. */
  aesKey: Buffer;
  iv: Buffer;
}

const AES_KEY_BYTES = 16;
const IV_BYTES = 16;
const TAG_BYTES = 16;

/**
 * Decrypts a data-endpoint request (spec B2): RSA-OAEP (SHA-256) unwraps the AES-128 key,
 * AES-128-GCM with the 16-byte IV decrypts the body, whose last 16 bytes are the tag.
 */
export function decryptRequest(
  body: unknown,
  privateKey: KeyObject | string,
  passphrase?: string,
): DecryptedRequest {
  const request = EncryptedRequestSchema.safeParse(body);
  if (!request.success) {
    throw new FlowEndpointError(
      'payload',
      'The request body must be an object with the text fields encrypted_flow_data, encrypted_aes_key and initial_vector.',
    );
  }
  const {
    encrypted_flow_data: flowData,
    encrypted_aes_key: wrappedKey,
    initial_vector: initialVector,
  } = request.data;
  const encryptedFlowData = decodeField(flowData, 'encrypted_flow_data');
  const iv = decodeField(initialVector, 'initial_vector');
  if (iv.length !== IV_BYTES) {
    throw new FlowEndpointError(
      'payload',
      `initial_vector must be ${IV_BYTES} bytes, but it is ${iv.length}.`,
    );
  }
  if (encryptedFlowData.length <= TAG_BYTES) {
    throw new FlowEndpointError(
      'payload',
      `encrypted_flow_data is too short to hold a ${TAG_BYTES}-byte authentication tag.`,
    );
  }
  const aesKey = unwrapAesKey(decodeField(wrappedKey, 'encrypted_aes_key'), privateKey, passphrase);

  return { decryptedBody: decryptFlowData(encryptedFlowData, aesKey, iv), aesKey, iv };
}

/** Encrypts the reply to a request as JSON: the request's AES key, the inverted IV, base64. */
export function encryptResponse(response: unknown, aesKey: Buffer, iv: Buffer): string {
  return encryptResponseText(JSON.stringify(response), aesKey, iv);
}

/** Same as encryptResponse for a reply already serialised, sent byte for byte. */
export function encryptResponseText(
  plaintext: string | Buffer,
  aesKey: Buffer,
  iv: Buffer,
): string {
  // The reply uses the bitwise NOT of the request's IV: the client expects exactly that.
  const flippedIv = Buffer.from(iv.map((byte) => byte ^ 0xff));
  const cipher = createCipheriv('aes-128-gcm', aesKey, flippedIv, { authTagLength: TAG_BYTES });
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);

  return encrypted.toString('base64');
}

function decodeField(value: string, field: string): Buffer {
  const decoded = decodeBase64Strict(value);
  if (decoded === undefined) {
    throw new FlowEndpointError('payload', `${field} is not valid base64.`);
  }

  return decoded;
}

function unwrapAesKey(
  wrappedKey: Buffer,
  privateKey: KeyObject | string,
  passphrase: string | undefined,
): Buffer {
  let aesKey: Buffer;
  try {
    const key =
      typeof privateKey === 'string'
        ? createPrivateKey(passphrase === undefined ? privateKey : { key: privateKey, passphrase })
        : privateKey;
    aesKey = privateDecrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      wrappedKey,
    );
  } catch (cause) {
    throw new FlowEndpointError(
      'key',
      'The AES key could not be decrypted with this private key: the request was encrypted for another public key, or the private key or its passphrase is wrong.',
      { cause },
    );
  }
  if (aesKey.length !== AES_KEY_BYTES) {
    throw new FlowEndpointError(
      'key',
      `The decrypted AES key is ${aesKey.length} bytes; AES-128 needs ${AES_KEY_BYTES}.`,
    );
  }

  return aesKey;
}

function decryptFlowData(encrypted: Buffer, aesKey: Buffer, iv: Buffer): unknown {
  const decipher = createDecipheriv('aes-128-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(encrypted.subarray(encrypted.length - TAG_BYTES));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([
      decipher.update(encrypted.subarray(0, encrypted.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch (cause) {
    throw new FlowEndpointError(
      'payload',
      'encrypted_flow_data failed authentication: it was altered, or encrypted with another key or IV.',
      { cause },
    );
  }
  try {
    return JSON.parse(plaintext) as unknown;
  } catch (cause) {
    throw new FlowEndpointError('payload', 'The decrypted request is not JSON.', { cause });
  }
}
