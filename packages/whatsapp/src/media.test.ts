import { describe, expect, it } from 'vitest';

import { MediaDecryptionError } from './errors';
import { decryptMedia, encryptMedia } from './media';
import { readVector } from './test-vectors.test-helper';
import type { MediaVector } from './test-vectors.test-helper';

const vector = readVector<MediaVector>('pywa_flow-media-decryption_vector.json');
const cdnFile = Buffer.from(vector.cdn_file_base64, 'base64');
const metadata = vector.encryption_metadata;

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(MediaDecryptionError);

    return (caught as MediaDecryptionError).code;
  }

  return 'no error';
}

describe('decryptMedia with the published test vector', () => {
  it('returns the original file', () => {
    expect(decryptMedia(cdnFile, metadata).toString('base64')).toBe(
      vector.expected_plaintext_base64,
    );
  });

  it('rejects a file that does not match encrypted_hash', () => {
    const altered = Buffer.from(cdnFile);
    altered[0] = (altered[0] ?? 0) ^ 0xff;
    expect(codeOf(() => decryptMedia(altered, metadata))).toBe('ENCRYPTED_HASH_MISMATCH');
  });

  it('rejects a wrong HMAC key', () => {
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    expect(codeOf(() => decryptMedia(cdnFile, { ...metadata, hmac_key: otherKey }))).toBe(
      'HMAC_MISMATCH',
    );
  });

  it('rejects a wrong encryption key or a wrong plaintext hash', () => {
    const otherKey = Buffer.alloc(32, 9).toString('base64');
    expect(['DECRYPTION_FAILED', 'PLAINTEXT_HASH_MISMATCH']).toContain(
      codeOf(() => decryptMedia(cdnFile, { ...metadata, encryption_key: otherKey })),
    );
    expect(
      codeOf(() => decryptMedia(cdnFile, { ...metadata, plaintext_hash: metadata.encrypted_hash })),
    ).toBe('PLAINTEXT_HASH_MISMATCH');
  });

  it('rejects incomplete or malformed metadata', () => {
    expect(codeOf(() => decryptMedia(cdnFile, { ...metadata, iv: undefined }))).toBe(
      'INVALID_METADATA',
    );
    expect(codeOf(() => decryptMedia(cdnFile, { ...metadata, iv: 'AAAA' }))).toBe(
      'INVALID_METADATA',
    );
  });
});

describe('encryptMedia', () => {
  const keysOf = (fields: Record<string, string>) => ({
    iv: Buffer.from(fields.iv ?? '', 'base64'),
    encryptionKey: Buffer.from(fields.encryption_key ?? '', 'base64'),
    hmacKey: Buffer.from(fields.hmac_key ?? '', 'base64'),
  });

  it('reproduces the published CDN file and metadata from its keys', () => {
    const plaintext = Buffer.from(vector.expected_plaintext_base64, 'base64');

    const encrypted = encryptMedia(plaintext, keysOf(metadata));

    expect(encrypted.cdnFile.toString('base64')).toBe(vector.cdn_file_base64);
    expect(encrypted.metadata).toEqual(metadata);
  });

  it('draws fresh keys that decryptMedia opens', () => {
    const plaintext = Buffer.from('a picked document');

    const first = encryptMedia(plaintext);
    const second = encryptMedia(plaintext);

    expect(decryptMedia(first.cdnFile, first.metadata).equals(plaintext)).toBe(true);
    expect(second.metadata.encryption_key).not.toBe(first.metadata.encryption_key);
    expect(second.cdnFile.equals(first.cdnFile)).toBe(false);
  });
});
