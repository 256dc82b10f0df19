import { createHash, randomBytes } from 'node:crypto';

import { decryptMedia } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import { PHOTO_FLOW } from '../test-support/flows.test-helper';
import { graph } from '../test-support/graph.test-helper';

let sim: MetaSim;
let business: BusinessView;
const customer = { waId: '972987654321', name: 'Test Name' };

beforeAll(async () => {
  sim = await createMetaSim();
  business = await sim.control.registerBusiness();
});

afterAll(() => sim.close());

async function sendPhotoFlow(token: string): Promise<string> {
  const created = await graph(sim.url, token, 'POST', `/${business.wabaId}/flows`, {
    name: 'photo',
    categories: ['OTHER'],
    flow_json: PHOTO_FLOW,
  });
  expect(created.json.validation_errors).toEqual([]);
  const sent = await graph(sim.url, token, 'POST', `/${business.phoneNumberId}/messages`, {
    messaging_product: 'whatsapp',
    to: customer.waId,
    type: 'interactive',
    interactive: {
      type: 'flow',
      body: { text: 'Send us a photo' },
      action: {
        name: 'flow',
        parameters: {
          flow_message_version: '3',
          flow_id: String(created.json.id),
          flow_cta: 'Open',
          flow_token: 'AQAA-photo',
          mode: 'draft',
        },
      },
    },
  });

  return (sent.json.messages as { id: string }[])[0]?.id ?? '';
}

describe('a simulated customer picks a photo', () => {
  it('completes a PhotoPicker with it, and the business downloads the bytes with its token', async () => {
    const token = business.accessTokens[0] ?? '';
    const bytes = randomBytes(3000);
    const photo = sim.control.pickMedia({
      phoneNumberId: business.phoneNumberId,
      fileName: 'damage.jpg',
      mimeType: 'image/jpeg',
      bytes,
    });
    const messageId = await sendPhotoFlow(token);

    const result = await sim.control.completeFlow({
      customer,
      messageId,
      answers: { PHOTO: { photo: [photo] } },
    });

    expect(result.outcome).toBe('completed');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(result.outcome === 'completed' && JSON.parse(result.responseJson)).toEqual({
      photo: [{ id: photo.id, file_name: 'damage.jpg', mime_type: 'image/jpeg', sha256 }],
      flow_token: 'AQAA-photo',
    });
    const described = await graph(sim.url, token, 'GET', `/${photo.id}`);
    expect(described.json).toMatchObject({ sha256, file_size: 3000, mime_type: 'image/jpeg' });
    const url = String(described.json.url);
    expect((await fetch(url)).status).toBe(401);
    const download = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('puts the file on the CDN encrypted with fresh keys, for the data endpoint', async () => {
    const bytes = randomBytes(5000);
    const pick = () =>
      sim.control.pickMedia({
        phoneNumberId: business.phoneNumberId,
        fileName: 'invoice.pdf',
        mimeType: 'application/pdf',
        bytes,
      });
    const document = pick();
    const again = pick();

    const download = await fetch(document.cdn_url ?? '');
    const cdnFile = Buffer.from(await download.arrayBuffer());

    expect(download.status).toBe(200);
    expect(cdnFile.includes(bytes.subarray(0, 64))).toBe(false);
    expect(decryptMedia(cdnFile, document.encryption_metadata).equals(bytes)).toBe(true);
    expect(again.encryption_metadata?.encryption_key).not.toBe(
      document.encryption_metadata?.encryption_key,
    );
    const guessed = (document.cdn_url ?? '').replace(/[^/]+$/, 'guessed');
    expect((await fetch(guessed)).status).toBe(404);
  });

  it('refuses a file for a number no business has', () => {
    expect(() =>
      sim.control.pickMedia({
        phoneNumberId: '1',
        fileName: 'a.jpg',
        mimeType: 'image/jpeg',
        bytes: Buffer.from('x'),
      }),
    ).toThrow(/No business/);
  });
});
