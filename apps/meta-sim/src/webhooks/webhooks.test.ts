import { readFileSync } from 'node:fs';

import { signPayload, verifySignature } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import { isLoopbackUrl } from '../loopback';
import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import { graph } from '../test-support/graph.test-helper';
import { startWebhookReceiver } from '../test-support/webhook-receiver.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;
let business: BusinessView;

beforeAll(async () => {
  sim = await createMetaSim({ webhookRetry: { attempts: 3, baseDelayMs: 10 } });
  receiver = await startWebhookReceiver();
  business = await sim.control.registerBusiness({
    webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
    autoRead: false,
  });
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

async function sendText(to = '15550002222') {
  const { json } = await graph(
    sim.url,
    business.accessTokens[0],
    'POST',
    `/${business.phoneNumberId}/messages`,
    {
      messaging_product: 'whatsapp',
      to,
      type: 'text',
      text: { body: 'hello' },
    },
  );
  await sim.control.webhooksIdle();

  return (json.messages as { id: string }[])[0]?.id ?? '';
}

type StatusWebhook = {
  entry: {
    changes: { value: { statuses?: { id: string; status: string }[]; errors?: unknown[] } }[];
  }[];
};

const statusesIn = (from: number) =>
  receiver.received.slice(from).map((w) => {
    const status = (w.json as StatusWebhook).entry[0]?.changes[0]?.value.statuses?.[0];

    return [status?.id, status?.status];
  });

describe('webhooks', () => {
  it("signs the exact bytes with the app secret, as pywa's published vector does", () => {
    const vector = JSON.parse(
      readFileSync(
        new URL('../../test-data/pywa_webhook-signature_vector.json', import.meta.url),
        'utf8',
      ),
    ) as { app_secret: string; raw_request_body: string; x_hub_signature_256: string };

    expect(signPayload(vector.raw_request_body, vector.app_secret)).toBe(
      vector.x_hub_signature_256,
    );
  });

  it('refuses to save a callback whose handshake fails, as Meta does', async () => {
    await expect(
      sim.control.registerBusiness({ webhook: { url: receiver.url, verifyToken: 'wrong' } }),
    ).rejects.toThrow(/not saved: the callback answered 403/);
  });

  it('sends webhooks to this machine only', async () => {
    await expect(
      sim.control.registerBusiness({
        webhook: { url: 'https://example.com/hook', verifyToken: 'x' },
      }),
    ).rejects.toThrow(/127\.0\.0\.1 or localhost only/);
    expect(isLoopbackUrl('http://localhost:3000/x')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3000/x')).toBe(true);
    expect(isLoopbackUrl('http://127.8.0.1/x')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1.example.com/x')).toBe(false);
    expect(isLoopbackUrl('http://169.254.169.254/latest')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });

  it('retries a webhook the receiver did not accept, and keeps the order per business', async () => {
    receiver.failNext(2, 503);
    const before = receiver.received.length;
    const messageId = await sendText();
    const first = sim.control.webhooks(business.wabaId).find((d) => d.body.includes(messageId));

    expect(first).toMatchObject({ delivered: true, attempts: 3, status: 200 });
    expect(statusesIn(before)).toEqual([
      [messageId, 'sent'],
      [messageId, 'delivered'],
    ]);
  });

  it('sends the same webhook again, byte for byte', async () => {
    await sendText();
    const last = receiver.received.at(-1);
    await sim.control.duplicateWebhook(business.wabaId, 3);

    expect(receiver.received.slice(-3).map((w) => w.raw)).toEqual([
      last?.raw,
      last?.raw,
      last?.raw,
    ]);
  });

  it('delivers read before delivered when asked', async () => {
    const messageId = await sendText();
    const before = receiver.received.length;
    await sim.control.statusesOutOfOrder(business.wabaId, messageId);

    expect(statusesIn(before)).toEqual([
      [messageId, 'read'],
      [messageId, 'delivered'],
    ]);
  });

  it('sends a signed body that is not JSON, a status for an unknown message, errors and a failure', async () => {
    const messageId = await sendText();
    const before = receiver.received.length;
    await sim.control.malformedWebhook(business.wabaId);
    await sim.control.unknownMessageStatus(business.wabaId);
    await sim.control.errorsWebhook(business.wabaId);
    await sim.control.failedStatus(business.wabaId, messageId);
    const [malformed, unknown, errors, failed] = receiver.received.slice(before);

    expect(malformed?.json).toBeUndefined();
    expect(verifySignature(malformed?.raw ?? '', malformed?.signature, business.appSecret)).toBe(
      true,
    );
    const unknownId = (unknown?.json as StatusWebhook).entry[0]?.changes[0]?.value.statuses?.[0]
      ?.id;
    expect(unknownId).toMatch(/^wamid\./);
    expect(sim.control.inbox({ waId: '15550002222' }).map((m) => m.id)).not.toContain(unknownId);
    expect((errors?.json as StatusWebhook).entry[0]?.changes[0]?.value.errors).toEqual([
      expect.objectContaining({ code: 131_000 }),
    ]);
    expect((failed?.json as StatusWebhook).entry[0]?.changes[0]?.value.statuses?.[0]).toMatchObject(
      {
        id: messageId,
        status: 'failed',
        errors: [expect.objectContaining({ code: 131_026 })],
      },
    );
  });

  it('offers the same through the HTTP control API', async () => {
    const before = receiver.received.length;
    const response = await fetch(`${sim.url}/_sim/businesses/${business.wabaId}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'duplicate', times: 2 }),
    });
    const bad = await fetch(`${sim.url}/_sim/businesses/${business.wabaId}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'shuffle' }),
    });

    expect(response.status).toBe(201);
    expect(receiver.received).toHaveLength(before + 2);
    expect(bad.status).toBe(400);
  });
});
