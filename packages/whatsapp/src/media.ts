import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

import { z } from 'zod';

import { decodeBase64Strict } from './base64';
import { MediaDecryptionError } from './errors';

/** `encryption_metadata` of a PhotoPicker/DocumentPicker file (spec B7); all values base64. */
export const MediaEncryptionMetadataSchema = z.object({
  encrypted_hash: z.string(),
  iv: z.string(),
  encryption_key: z.string(),
  hmac_key: z.string(),
  plaintext_hash: z.string(),
});

export type MediaEncryptionMetadata = z.infer<typeof MediaEncryptionMetadataSchema>;

const HMAC_BYTES = 10;

/**
 * Decrypts a file downloaded from the WhatsApp CDN. The file is ciphertext followed by the
 * first 10 bytes of HMAC-SHA256(hmac_key, iv ‖ ciphertext); the ciphertext is AES-256-CBC with
 * PKCS#7 padding. Every hash and the HMAC are checked, in constant time, before the plaintext
 * is returned.
 */
export function decryptMedia(cdnFile: Buffer, metadata: unknown): Buffer {
  const keys = readMetadata(metadata);
  if (!equalBytes(sha256(cdnFile), keys.encryptedHash)) {
    throw new MediaDecryptionError(
      'ENCRYPTED_HASH_MISMATCH',
      'The downloaded file does not match its encrypted_hash: it is incomplete or altered.',
    );
  }
  const ciphertext = cdnFile.subarray(0, Math.max(0, cdnFile.length - HMAC_BYTES));
  const mac = cdnFile.subarray(ciphertext.length);
  const expectedMac = createHmac('sha256', keys.hmacKey)
    .update(keys.iv)
    .update(ciphertext)
    .digest()
    .subarray(0, HMAC_BYTES);
  if (!equalBytes(mac, expectedMac)) {
    throw new MediaDecryptionError(
      'HMAC_MISMATCH',
      'The file fails its HMAC check: it was not encrypted with this hmac_key or was altered.',
    );
  }
  const plaintext = decryptCbc(ciphertext, keys.encryptionKey, keys.iv);
  if (!equalBytes(sha256(plaintext), keys.plaintextHash)) {
    throw new MediaDecryptionError(
      'PLAINTEXT_HASH_MISMATCH',
      'The decrypted file does not match its plaintext_hash.',
    );
  }

  return plaintext;
}

/** Fresh or given keys for `encryptMedia`: 32-byte keys and a 16-byte IV. */
export interface MediaKeyMaterial {
  iv: Buffer;
  encryptionKey: Buffer;
  hmacKey: Buffer;
}

/**
 * Encrypts a file as WhatsApp uploads a picked file to its CDN, the inverse of
 * `decryptMedia`: the CDN file and the `encryption_metadata` that opens it. Without keys, fresh
 * random ones are drawn.
 */
export function encryptMedia(
  plaintext: Buffer,
  keys: MediaKeyMaterial = {
    iv: randomBytes(16),
    encryptionKey: randomBytes(32),
    hmacKey: randomBytes(32),
  },
): { cdnFile: Buffer; metadata: MediaEncryptionMetadata } {
  const cipher = createCipheriv('aes-256-cbc', keys.encryptionKey, keys.iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const mac = createHmac('sha256', keys.hmacKey)
    .update(keys.iv)
    .update(ciphertext)
    .digest()
    .subarray(0, HMAC_BYTES);
  const cdnFile = Buffer.concat([ciphertext, mac]);

  return {
    cdnFile,
    metadata: {
      encrypted_hash: sha256(cdnFile).toString('base64'),
      iv: keys.iv.toString('base64'),
      encryption_key: keys.encryptionKey.toString('base64'),
      hmac_key: keys.hmacKey.toString('base64'),
      plaintext_hash: sha256(plaintext).toString('base64'),
    },
  };
}

interface MediaKeys {
  encryptedHash: Buffer;
  iv: Buffer;
  encryptionKey: Buffer;
  hmacKey: Buffer;
  plaintextHash: Buffer;
}

function readMetadata(metadata: unknown): MediaKeys {
  const parsed = MediaEncryptionMetadataSchema.safeParse(metadata);
  if (!parsed.success) {
    throw new MediaDecryptionError(
      'INVALID_METADATA',
      'encryption_metadata must hold encrypted_hash, iv, encryption_key, hmac_key and plaintext_hash as base64 text.',
    );
  }
  const { encrypted_hash, iv, encryption_key, hmac_key, plaintext_hash } = parsed.data;
  const keys = {
    encryptedHash: decodeSized(encrypted_hash, 32, 'encrypted_hash'),
    iv: decodeSized(iv, 16, 'iv'),
    encryptionKey: decodeSized(encryption_key, 32, 'encryption_key'),
    hmacKey: decodeSized(hmac_key, 32, 'hmac_key'),
    plaintextHash: decodeSized(plaintext_hash, 32, 'plaintext_hash'),
  };

  return keys;
}

function decodeSized(value: string, bytes: number, field: string): Buffer {
  const decoded = decodeBase64Strict(value);
  if (decoded?.length !== bytes) {
    throw new MediaDecryptionError(
      'INVALID_METADATA',
      `${field} must be ${bytes} bytes of base64.`,
    );
  }

  return decoded;
}

function decryptCbc(ciphertext: Buffer, key: Buffer, iv: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);

    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (cause) {
    throw new MediaDecryptionError(
      'DECRYPTION_FAILED',
      'The file could not be decrypted with its encryption_key and iv.',
      { cause },
    );
  }
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function equalBytes(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}
