import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals secrets (access tokens, app secrets, private keys) for storage.
 *
 * Envelope: `v1:<keyId>:<base64(nonce | ciphertext | tag)>`, AES-256-GCM with a random 12-byte
 * nonce. `keyId` names the master key that sealed it, so a future rotation can tell old
 * envelopes from new. The caller's `purpose` (record id and field) is authenticated with the
 * envelope: a sealed value copied to another row or field no longer opens.
 */
export interface SecretBox {
  /** Derived from the master key; safe to log. */
  readonly keyId: string;
  seal(plaintext: string, purpose: string): string;
  /** Throws `SecretError` when the envelope is malformed, foreign or tampered with. */
  open(envelope: string, purpose: string): string;
}

export type SecretErrorCode = 'MALFORMED' | 'UNKNOWN_KEY' | 'AUTHENTICATION_FAILED';

export class SecretError extends Error {
  override readonly name = 'SecretError';

  constructor(
    readonly code: SecretErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const MASTER_KEY_BYTES = 32;
const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ENVELOPE = /^v1:([0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/;

export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new Error(`a master key is ${MASTER_KEY_BYTES} bytes, not ${masterKey.length}`);
  }
  const key = Buffer.from(masterKey);
  const keyId = masterKeyId(key);
  const additionalData = (purpose: string) => Buffer.from(`${VERSION}:${keyId}:${purpose}`);

  return {
    keyId,

    seal: (plaintext, purpose) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(additionalData(purpose));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const sealed = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);

      return `${VERSION}:${keyId}:${sealed.toString('base64')}`;
    },

    open: (envelope, purpose) => {
      const match = ENVELOPE.exec(envelope);
      if (!match) {
        throw new SecretError('MALFORMED', 'not a sealed secret (expected v1:<keyId>:<data>)');
      }
      const [, sealedKeyId = '', data = ''] = match;
      if (sealedKeyId !== keyId) {
        throw new SecretError(
          'UNKNOWN_KEY',
          `secret sealed with master key ${sealedKeyId}, but the current master key is ${keyId}`,
        );
      }

      return openSealed(key, Buffer.from(data, 'base64'), additionalData(purpose));
    },
  };
}

/** A short, stable name for a master key that reveals nothing usable about it. */
export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256')
    .update('sanjay-flow master key id\0')
    .update(masterKey)
    .digest('hex')
    .slice(0, 16);
}

function openSealed(key: Buffer, sealed: Buffer, additionalData: Buffer): string {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) {
    throw new SecretError('MALFORMED', 'sealed secret is too short');
  }
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const ciphertext = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(additionalData);
    decipher.setAuthTag(tag);

    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError(
      'AUTHENTICATION_FAILED',
      'sealed secret failed authentication: it was altered, or belongs to another record',
    );
  }
}
