import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decryptRequest, encryptResponse, verifySignature } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFlowEndpointClient, openReply, sealRequest } from './flow-endpoint-client';

interface CryptoVector {
  private_key_pem: string;
  private_key_passphrase: string;
  request_body: unknown;
  response_plaintext_utf8: string;
  expected_encrypted_response_base64: string;
}

const vector = JSON.parse(
  readFileSync(
    new URL('../../test-data/pywa_endpoint-crypto_vector.json', import.meta.url),
    'utf8',
  ),
) as CryptoVector;
const APP_SECRET = 'meta-sim-test-secret';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('the phone side of the data endpoint protocol', () => {
  it('reads the reply of the published test vector', () => {
    const { aesKey, iv } = decryptRequest(
      vector.request_body,
      vector.private_key_pem,
      vector.private_key_passphrase,
    );

    expect(openReply(vector.expected_encrypted_response_base64, aesKey, iv)).toEqual(
      JSON.parse(vector.response_plaintext_utf8),
    );
  });

  it('seals requests that the product decrypts, and opens the replies it encrypts', () => {
    const request = {
      version: '3.0',
      action: 'INIT' as const,
      flow_token: 'tok',
      screen: '',
      data: {},
    };
    const sealed = sealRequest(request, publicKey);
    const { decryptedBody, aesKey, iv } = decryptRequest(JSON.parse(sealed.body), privateKey);

    expect(decryptedBody).toEqual(request);
    expect(
      openReply(encryptResponse({ screen: 'A', data: {} }, aesKey, iv), sealed.aesKey, sealed.iv),
    ).toEqual({
      screen: 'A',
      data: {},
    });
  });

  it('returns undefined for a body that is not a reply under this key', () => {
    const sealed = sealRequest({ version: '3.0', action: 'ping' }, publicKey);

    expect(openReply('{"error":"nope"}', sealed.aesKey, sealed.iv)).toBeUndefined();
    expect(
      openReply(Buffer.alloc(40, 7).toString('base64'), sealed.aesKey, sealed.iv),
    ).toBeUndefined();
  });
});

describe('createFlowEndpointClient', () => {
  let server: Server;
  let endpointUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const signature = req.headers['x-hub-signature-256'];
        if (typeof signature !== 'string' || !verifySignature(raw, signature, APP_SECRET)) {
          res.writeHead(432).end();

          return;
        }
        const { decryptedBody, aesKey, iv } = decryptRequest(
          JSON.parse(raw.toString()),
          privateKey,
        );
        const request = decryptedBody as { flow_token?: string };
        const expired = request.flow_token === 'expired';
        res.writeHead(expired ? 427 : 200, { 'content-type': 'text/plain' });
        res.end(
          encryptResponse(
            expired ? { error_msg: 'This link has expired' } : { echo: decryptedBody },
            aesKey,
            iv,
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/endpoint`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts a signed, encrypted request and decrypts the answer', async () => {
    const client = createFlowEndpointClient({
      endpointUrl,
      businessPublicKey: publicKey,
      appSecret: APP_SECRET,
    });
    const response = await client.send({ version: '3.0', action: 'ping' });

    expect(response.status).toBe(200);
    expect(response.reply).toEqual({ echo: { version: '3.0', action: 'ping' } });
  });

  it('decrypts the body of a 427', async () => {
    const client = createFlowEndpointClient({
      endpointUrl,
      businessPublicKey: publicKey,
      appSecret: APP_SECRET,
    });
    const response = await client.send({
      version: '3.0',
      action: 'INIT',
      flow_token: 'expired',
      data: {},
    });

    expect(response.status).toBe(427);
    expect(response.reply).toEqual({ error_msg: 'This link has expired' });
  });

  it('is refused with 432 when it signs with another app secret', async () => {
    const client = createFlowEndpointClient({
      endpointUrl,
      businessPublicKey: publicKey,
      appSecret: 'other',
    });
    const response = await client.send({ version: '3.0', action: 'ping' });

    expect(response.status).toBe(432);
    expect(response.reply).toBeUndefined();
  });
});
