import { describe, expect, it } from 'vitest';

import { signPayload, verifySignature } from './signature';
import { readVector } from './test-vectors.test-helper';
import type { SignatureVector } from './test-vectors.test-helper';

const vector = readVector<SignatureVector>('pywa_webhook-signature_vector.json');
const body = vector.raw_request_body;

describe('webhook signatures with the published test vector', () => {
  it('signs the raw body as Meta does', () => {
    expect(signPayload(body, vector.app_secret)).toBe(vector.x_hub_signature_256);
    expect(signPayload(Buffer.from(body, 'utf8'), vector.app_secret)).toBe(
      vector.x_hub_signature_256,
    );
  });

  it('verifies the header, also with upper-case hex', () => {
    expect(verifySignature(body, vector.x_hub_signature_256, vector.app_secret)).toBe(true);
    expect(
      verifySignature(
        body,
        `sha256=${vector.x_hub_signature_256.slice(7).toUpperCase()}`,
        vector.app_secret,
      ),
    ).toBe(true);
  });

  it('accepts any of several secrets during rotation', () => {
    expect(
      verifySignature(body, vector.x_hub_signature_256, ['new-secret', vector.app_secret]),
    ).toBe(true);
    expect(verifySignature(body, vector.x_hub_signature_256, ['new-secret', 'older-secret'])).toBe(
      false,
    );
    expect(verifySignature(body, vector.x_hub_signature_256, [])).toBe(false);
  });

  it('rejects a bad signature, a changed body, a missing or malformed header', () => {
    const wrong = `sha256=${'0'.repeat(64)}`;
    expect(verifySignature(body, wrong, vector.app_secret)).toBe(false);
    expect(verifySignature(`${body} `, vector.x_hub_signature_256, vector.app_secret)).toBe(false);
    expect(verifySignature(body, undefined, vector.app_secret)).toBe(false);
    expect(verifySignature(body, vector.x_hub_signature_256.slice(7), vector.app_secret)).toBe(
      false,
    );
    expect(verifySignature(body, vector.x_hub_signature_256.slice(0, -2), vector.app_secret)).toBe(
      false,
    );
    expect(verifySignature(body, vector.x_hub_signature_256, '')).toBe(false);
  });
});
