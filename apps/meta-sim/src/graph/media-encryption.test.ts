import { createHash, generateKeyPairSync } from 'node:crypto';

import { createGraphApiClient } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import type { MetaSim } from '../sim';
import { startSimBusiness } from '../test-support/sim-business.test-helper';
import { graph } from '../test-support/graph.test-helper';

let sim: MetaSim;
let business: BusinessView;
let token: string;

beforeAll(async () => {
  ({ sim, business, token } = await startSimBusiness());
});

afterAll(async () => {
  await sim.close();
});

describe('media', () => {
  const bytes = Buffer.from('%PDF-1.4 a small document');

  async function upload() {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'application/pdf');
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'menu.pdf');

    return graph(sim.url, token, 'POST', `/${business.phoneNumberId}/media`, form);
  }

  it('uploads, describes, downloads with the bearer token, and deletes', async () => {
    const { json } = await upload();
    const mediaId = String(json.id);
    const described = await graph(sim.url, token, 'GET', `/${mediaId}`);
    const url = String(described.json.url);
    const withToken = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const withoutToken = await fetch(url);

    expect(described.json).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringMatching(new RegExp(`^${sim.url}/`)) as unknown,
      mime_type: 'application/pdf',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      file_size: bytes.length,
      id: mediaId,
    });
    expect(Buffer.from(await withToken.arrayBuffer())).toEqual(bytes);
    expect(withoutToken.status).toBe(401);
    expect((await graph(sim.url, token, 'DELETE', `/${mediaId}`)).json).toEqual({ success: true });
    expect((await graph(sim.url, token, 'GET', `/${mediaId}`)).json.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });

  it('refuses an upload without a file', async () => {
    const { status, json } = await graph(
      sim.url,
      token,
      'POST',
      `/${business.phoneNumberId}/media`,
      {
        messaging_product: 'whatsapp',
      },
    );

    expect(status).toBe(400);
    expect(json.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringMatching(/file/) as unknown },
    });
  });
});

describe('business public key (spec B9)', () => {
  it("works with the product's Graph API client: upload, then read back as VALID", async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const client = createGraphApiClient({ baseUrl: `${sim.url}/v23.0`, accessToken: token });

    expect(await client.getBusinessPublicKey(business.phoneNumberId)).toBeNull();
    await client.uploadBusinessPublicKey(business.phoneNumberId, pem);
    expect(await client.getBusinessPublicKey(business.phoneNumberId)).toEqual({
      business_public_key: pem,
      business_public_key_signature_status: 'VALID',
    });
  });

  it('refuses a key that is not an RSA public key of 2048 bits or more', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const weak = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const client = createGraphApiClient({ baseUrl: `${sim.url}/v23.0`, accessToken: token });

    for (const pem of [weak, 'not a key']) {
      await expect(
        client.uploadBusinessPublicKey(business.phoneNumberId, pem),
      ).rejects.toMatchObject({
        code: 100,
        subcode: 2_388_001,
      });
    }
  });

  it('refuses a token of no business as invalid, through the client', async () => {
    const client = createGraphApiClient({
      baseUrl: `${sim.url}/v23.0`,
      accessToken: 'EAA-unknown',
    });

    await expect(client.getBusinessPublicKey(business.phoneNumberId)).rejects.toMatchObject({
      httpStatus: 401,
      code: 190,
    });
  });
});
