import {
  constants,
  createCipheriv,
  createPrivateKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { decryptRequest, encryptResponse, encryptResponseText } from './endpoint-crypto';
import { FlowEndpointError } from './errors';
import { readVector } from './test-vectors.test-helper';
import type { EndpointVector } from './test-vectors.test-helper';

const vector = readVector<EndpointVector>('pywa_endpoint-crypto_vector.json');
const pem = vector.private_key_pem;
const passphrase = vector.private_key_passphrase;

function expectEndpointError(run: () => unknown, kind: 'key' | 'payload', message: RegExp): void {
  try {
    run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(FlowEndpointError);
    expect(caught).toMatchObject({ kind, httpStatus: 421 });
    expect((caught as Error).message).toMatch(message);

    return;
  }
  throw new Error('expected a FlowEndpointError');
}

function flipLastByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;

  return bytes.toString('base64');
}

describe('decryptRequest with the published test vector', () => {
  it('decrypts the request with a PEM and its passphrase', () => {
    const { decryptedBody, aesKey, iv } = decryptRequest(vector.request_body, pem, passphrase);
    expect(decryptedBody).toEqual(JSON.parse(vector.expected_decrypted_plaintext));
    expect(aesKey).toHaveLength(16);
    expect(iv.toString('base64')).toBe(vector.request_body.initial_vector);
  });

  it('accepts a KeyObject', () => {
    const key = createPrivateKey({ key: pem, passphrase });
    expect(decryptRequest(vector.request_body, key).decryptedBody).toMatchObject({
      action: 'INIT',
    });
  });

  it('encrypts the reply exactly as the vector expects', () => {
    const { aesKey, iv } = decryptRequest(vector.request_body, pem, passphrase);
    expect(encryptResponseText(vector.response_plaintext_utf8, aesKey, iv)).toBe(
      vector.expected_encrypted_response_base64,
    );
    expect(encryptResponse(JSON.parse(vector.response_plaintext_utf8), aesKey, iv)).toBe(
      encryptResponseText(JSON.stringify(JSON.parse(vector.response_plaintext_utf8)), aesKey, iv),
    );
  });
});

describe('decryptRequest rejects', () => {
  it('a tampered authentication tag', () => {
    const body = {
      ...vector.request_body,
      encrypted_flow_data: flipLastByte(vector.request_body.encrypted_flow_data),
    };
    expectEndpointError(
      () => decryptRequest(body, pem, passphrase),
      'payload',
      /failed authentication/,
    );
  });

  it('a request encrypted for another key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expectEndpointError(
      () => decryptRequest(vector.request_body, other.privateKey),
      'key',
      /could not be decrypted/,
    );
  });

  it('a wrong passphrase', () => {
    expectEndpointError(
      () => decryptRequest(vector.request_body, pem, 'not-pywa'),
      'key',
      /passphrase/,
    );
  });

  it('an IV that is not 16 bytes', () => {
    const body = { ...vector.request_body, initial_vector: randomBytes(12).toString('base64') };
    expectEndpointError(
      () => decryptRequest(body, pem, passphrase),
      'payload',
      /initial_vector must be 16 bytes, but it is 12/,
    );
  });

  it('bad base64, missing fields and short data', () => {
    expectEndpointError(
      () =>
        decryptRequest(
          { ...vector.request_body, encrypted_aes_key: 'not base64!' },
          pem,
          passphrase,
        ),
      'payload',
      /encrypted_aes_key is not valid base64/,
    );
    expectEndpointError(
      () => decryptRequest({ encrypted_flow_data: 'AAAA' }, pem, passphrase),
      'payload',
      /must be an object/,
    );
    expectEndpointError(
      () =>
        decryptRequest({ ...vector.request_body, encrypted_flow_data: 'AAAA' }, pem, passphrase),
      'payload',
      /too short/,
    );
  });

  it('a body that decrypts to something other than JSON', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const aesKey = randomBytes(16);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
    const data = Buffer.concat([cipher.update('not json'), cipher.final(), cipher.getAuthTag()]);
    const wrapped = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      aesKey,
    );
    const body = {
      encrypted_flow_data: data.toString('base64'),
      encrypted_aes_key: wrapped.toString('base64'),
      initial_vector: iv.toString('base64'),
    };
    expectEndpointError(() => decryptRequest(body, privateKey), 'payload', /not JSON/);
  });
});
