import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createSecretBox, SecretError } from './secret-box';

const PURPOSE = 'connection/6f1c2d3e-0000-4000-8000-000000000001/accessToken';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretError);

    return (error as SecretError).code;
  }

  return undefined;
}

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, and never shows the secret in the envelope', () => {
    const secret = 'EAAG-token-ünïcode-✓';
    const envelope = box.seal(secret, PURPOSE);

    expect(envelope).toMatch(new RegExp(`^v1:${box.keyId}:[A-Za-z0-9+/]+=*$`));
    expect(envelope).not.toContain(secret);
    expect(box.open(envelope, PURPOSE)).toBe(secret);
  });

  it('uses a fresh nonce each time', () => {
    expect(box.seal('same', PURPOSE)).not.toBe(box.seal('same', PURPOSE));
  });

  it('detects a changed byte anywhere in the sealed data', () => {
    const envelope = box.seal('a secret', PURPOSE);
    const prefix = envelope.slice(0, envelope.lastIndexOf(':') + 1);
    const data = Buffer.from(envelope.slice(prefix.length), 'base64');
    for (const position of [0, 12, data.length - 1]) {
      const altered = Buffer.from(data);
      altered[position] = (altered[position] ?? 0) ^ 0x01;

      expect(codeOf(() => box.open(prefix + altered.toString('base64'), PURPOSE))).toBe(
        'AUTHENTICATION_FAILED',
      );
    }
  });

  it('refuses an envelope moved to another record or field', () => {
    const envelope = box.seal('a secret', PURPOSE);

    expect(codeOf(() => box.open(envelope, PURPOSE.replace('accessToken', 'appSecret')))).toBe(
      'AUTHENTICATION_FAILED',
    );
    expect(codeOf(() => box.open(envelope, PURPOSE.replace('0001', '0002')))).toBe(
      'AUTHENTICATION_FAILED',
    );
  });

  it('names the master key and refuses envelopes of another one', () => {
    const other = createSecretBox(randomBytes(32));
    const envelope = other.seal('a secret', PURPOSE);

    expect(other.keyId).not.toBe(box.keyId);
    expect(codeOf(() => box.open(envelope, PURPOSE))).toBe('UNKNOWN_KEY');
  });

  it('refuses text that is not an envelope', () => {
    expect(codeOf(() => box.open('plain text', PURPOSE))).toBe('MALFORMED');
    expect(codeOf(() => box.open(`v1:${box.keyId}:AAAA`, PURPOSE))).toBe('MALFORMED');
  });

  it('only accepts a 32-byte master key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
