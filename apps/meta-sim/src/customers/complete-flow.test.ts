import { generateKeyPairSync, randomBytes } from 'node:crypto';

import { decryptMedia } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import {
  ENDPOINT_FLOW,
  TWO_SCREEN_FLOW,
  startBookingEndpoint,
} from '../test-support/flows.test-helper';
import { graph, testData } from '../test-support/graph.test-helper';
import { startWebhookReceiver } from '../test-support/webhook-receiver.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;
let business: BusinessView;
let endpoint: Awaited<ReturnType<typeof startBookingEndpoint>>;

const customer = { waId: '972987654321', userId: 'US.13491208655302741918', name: 'Test Name' };

beforeAll(async () => {
  sim = await createMetaSim();
  receiver = await startWebhookReceiver();
  business = await sim.control.registerBusiness({
    webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
    autoRead: false,
  });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  endpoint = await startBookingEndpoint(
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    business.appSecret,
  );
  const form = new URLSearchParams({
    business_public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  await graph(
    sim.url,
    business.accessTokens[0],
    'POST',
    `/${business.phoneNumberId}/whatsapp_business_encryption`,
    form,
  );
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
  await endpoint.close();
});

async function flowWith(name: string, flowJson: string, extra: Record<string, unknown> = {}) {
  const { json } = await graph(
    sim.url,
    business.accessTokens[0],
    'POST',
    `/${business.wabaId}/flows`,
    {
      name,
      categories: ['OTHER'],
      flow_json: flowJson,
      ...extra,
    },
  );
  expect(json.validation_errors).toEqual([]);

  return String(json.id);
}

async function sendFlow(flowId: string, parameters: Record<string, unknown> = {}) {
  const { json } = await graph(
    sim.url,
    business.accessTokens[0],
    'POST',
    `/${business.phoneNumberId}/messages`,
    {
      messaging_product: 'whatsapp',
      to: `+${customer.waId}`,
      type: 'interactive',
      interactive: {
        type: 'flow',
        body: { text: 'Tell us' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_id: flowId,
            flow_cta: 'Open',
            flow_token: 'AQAA-token',
            mode: 'draft',
            ...parameters,
          },
        },
      },
    },
  );

  return (json.messages as { id: string }[])[0]?.id ?? '';
}

interface MessagesWebhook {
  entry: {
    id: string;
    changes: {
      field: string;
      value: { contacts?: unknown[]; messages?: Record<string, unknown>[] };
    }[];
  }[];
}

function nfmReplies() {
  return receiver.received
    .map((w) => ({ raw: w.raw, body: w.json as MessagesWebhook }))
    .filter(({ body }) => JSON.stringify(body).includes('"nfm_reply"'));
}

describe('a simulated customer completes a Flow', () => {
  it("completes Meta's static contact form and the nfm_reply arrives signed, shaped like Meta's", async () => {
    const flowId = await flowWith('contact us', testData('meta-tools_contact-us_v3.1.flow.json'));
    const messageId = await sendFlow(flowId);
    expect(sim.control.inbox(customer).map((m) => m.id)).toContain(messageId);

    const result = await sim.control.completeFlow({
      customer,
      messageId,
      answers: {
        CONTACT_US: { first_name: 'Ana', second_name: 'Lima', info: 'Where is my order?' },
      },
    });
    await sim.control.webhooksIdle();

    expect(result.outcome).toBe('completed');
    const [reply] = nfmReplies();
    expect(receiver.verified(business.appSecret).map((w) => w.raw)).toContain(reply?.raw);
    const fixture = (
      JSON.parse(testData('pywa_webhook_flow-completion_nfm_reply.json')) as {
        completion: MessagesWebhook;
      }
    ).completion;
    const sent = reply?.body.entry[0]?.changes[0]?.value;
    const expected = fixture.entry[0]?.changes[0]?.value;
    expect(Object.keys(sent ?? {})).toEqual(Object.keys(expected ?? {}));
    const message = sent?.messages?.[0] as {
      context: { id: string };
      interactive: { nfm_reply: Record<string, unknown> };
    };
    expect(Object.keys(message).sort()).toEqual(
      [...Object.keys(expected?.messages?.[0] ?? {}), 'from_user_id'].sort(),
    );
    expect(message.context.id).toBe(messageId);
    expect(message.interactive.nfm_reply).toMatchObject({ name: 'flow', body: 'Sent' });
    expect(JSON.parse(message.interactive.nfm_reply.response_json as string)).toEqual({
      firstname: 'Ana',
      secondname: 'Lima',
      issue: 'Where is my order?',
      flow_key: 'contact',
      flow_token: 'AQAA-token',
    });
    expect(sent?.contacts).toEqual([
      { profile: { name: 'Test Name' }, wa_id: customer.waId, user_id: customer.userId },
    ]);
    expect(reply?.body.entry[0]?.id).toBe(business.wabaId);
  });

  it('navigates between screens with the payload, filling required inputs it was given no answer for', async () => {
    const flowId = await flowWith('two screens', TWO_SCREEN_FLOW);
    const messageId = await sendFlow(flowId);
    const result = await sim.control.completeFlow({
      customer,
      messageId,
      answers: { ASK: { name: 'Bo' } },
    });

    expect(result).toMatchObject({
      outcome: 'completed',
      steps: [
        { screen: 'ASK', action: 'navigate' },
        { screen: 'THANKS', action: 'complete' },
      ],
    });
    expect(result.outcome === 'completed' && JSON.parse(result.responseJson)).toEqual({
      name: 'Bo',
      size: 's',
      flow_token: 'AQAA-token',
    });
    await expect(sim.control.completeFlow({ customer, messageId })).rejects.toThrow(
      /already completed/,
    );
  });

  it('stops with the reason when an answer is refused by the screen', async () => {
    const flowId = await flowWith('refused answer', TWO_SCREEN_FLOW);
    const messageId = await sendFlow(flowId);
    const result = await sim.control.completeFlow({
      customer,
      messageId,
      answers: { ASK: { name: 'Bo', size: 'xl' } },
    });

    expect(result).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/xl/) as unknown,
    });
    expect(sim.control.inbox(customer).find((m) => m.id === messageId)?.flowCompleted).toBe(false);
  });

  it('calls the endpoint with real encryption: INIT, data_exchange, BACK, and SUCCESS params as response_json', async () => {
    const flowId = await flowWith('booking', ENDPOINT_FLOW, { endpoint_uri: endpoint.url });
    const messageId = await sendFlow(flowId, { flow_action: 'data_exchange' });
    endpoint.calls.length = 0;
    const result = await sim.control.completeFlow({
      customer,
      messageId,
      answers: { START: { name: 'Cy' } },
      backFrom: ['CONFIRM'],
    });

    expect(result.outcome).toBe('completed');
    expect(endpoint.calls.map((c) => [c.action, c.screen, c.data])).toEqual([
      ['INIT', '', {}],
      ['data_exchange', 'START', { name: 'Cy' }],
      ['BACK', 'CONFIRM', {}],
      ['data_exchange', 'START', { name: 'Cy' }],
      ['data_exchange', 'CONFIRM', { confirmed: 'yes' }],
    ]);
    expect(endpoint.calls.every((c) => c.flow_token === 'AQAA-token')).toBe(true);
    expect(result.outcome === 'completed' && JSON.parse(result.responseJson)).toEqual({
      flow_token: 'AQAA-token',
      booking: 'B-1',
    });
  });

  /** ENDPOINT_FLOW with a DocumentPicker whose files go to the endpoint instead of the name. */
  function documentFlow(): string {
    return ENDPOINT_FLOW.replace(
      '{"type":"TextInput","name":"name","label":"Name","required":true}',
      JSON.stringify({
        type: 'DocumentPicker',
        name: 'name',
        label: 'Invoice',
        'min-uploaded-documents': 1,
        'max-uploaded-documents': 1,
      }),
    );
  }

  /** The files the endpoint was sent from START, each downloaded from the CDN and decrypted. */
  async function filesSentFromStart() {
    const exchange = endpoint.calls.find(
      (c) => c.action === 'data_exchange' && c.screen === 'START',
    );
    const items = (exchange?.data as { name: Record<string, unknown>[] }).name;

    return Promise.all(
      items.map(async (item) => {
        const cdnFile = Buffer.from(await (await fetch(String(item.cdn_url))).arrayBuffer());

        return { item, bytes: decryptMedia(cdnFile, item.encryption_metadata) };
      }),
    );
  }

  it('sends a file picked on an endpoint screen as WhatsApp does: on the CDN, encrypted (spec B7)', async () => {
    const flowId = await flowWith('invoice', documentFlow(), { endpoint_uri: endpoint.url });
    const messageId = await sendFlow(flowId, { flow_action: 'data_exchange' });
    const bytes = randomBytes(2048);
    const invoice = sim.control.pickMedia({
      phoneNumberId: business.phoneNumberId,
      fileName: 'invoice.pdf',
      mimeType: 'application/pdf',
      bytes,
    });
    endpoint.calls.length = 0;

    const result = await sim.control.completeFlow({
      customer,
      messageId,
      answers: { START: { name: [invoice] } },
    });

    expect(result.outcome).toBe('completed');
    const [sent, ...others] = await filesSentFromStart();
    expect(others).toEqual([]);
    expect(sent?.item).toEqual({
      media_id: invoice.id,
      file_name: 'invoice.pdf',
      cdn_url: invoice.cdn_url,
      encryption_metadata: invoice.encryption_metadata,
    });
    expect(sent?.bytes.equals(bytes)).toBe(true);
  });

  it('gives a required picker left unanswered a small file with content', async () => {
    const flowId = await flowWith('invoice, suggested', documentFlow(), {
      endpoint_uri: endpoint.url,
    });
    const messageId = await sendFlow(flowId, { flow_action: 'data_exchange' });
    endpoint.calls.length = 0;

    const result = await sim.control.completeFlow({ customer, messageId });

    expect(result.outcome).toBe('completed');
    const [sent] = await filesSentFromStart();
    expect(sent?.bytes.toString('utf8')).toContain(String(sent?.item.file_name));
  });

  it('publishes an endpoint Flow only after the endpoint answers ping', async () => {
    const flowId = await flowWith('published booking', ENDPOINT_FLOW, {
      endpoint_uri: endpoint.url,
    });
    endpoint.calls.length = 0;
    const published = await graph(sim.url, business.accessTokens[0], 'POST', `/${flowId}/publish`);

    expect(published.json).toEqual({ success: true });
    expect(endpoint.calls.map((c) => c.action)).toEqual(['ping']);
  });

  it('stops with the reason when the endpoint refuses, and posts no reply', async () => {
    const flowId = await flowWith('broken endpoint', ENDPOINT_FLOW, {
      endpoint_uri: `${endpoint.url}-missing`,
    });
    const messageId = await sendFlow(flowId, { flow_action: 'data_exchange' });
    await sim.control.webhooksIdle();
    const before = nfmReplies().length;
    const result = await sim.control.completeFlow({ customer, messageId });

    expect(result).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/INIT with HTTP 404/) as unknown,
    });
    expect(nfmReplies()).toHaveLength(before);
  });

  it('calls no endpoint but on this machine, neither to publish nor to complete', async () => {
    const flowId = await flowWith('remote endpoint', ENDPOINT_FLOW, {
      endpoint_uri: 'https://example.com/endpoint',
    });
    const published = await graph(sim.url, business.accessTokens[0], 'POST', `/${flowId}/publish`);
    const messageId = await sendFlow(flowId, { flow_action: 'data_exchange' });
    const result = await sim.control.completeFlow({ customer, messageId });

    expect(published.json.error).toMatchObject({
      code: 139_002,
      error_data: { details: expect.stringMatching(/127\.0\.0\.1/) as unknown },
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/127\.0\.0\.1/) as unknown,
      steps: [],
    });
  });

  it('lets a customer write to the business: a signed text webhook like the fixture', async () => {
    const { messageId, delivery } = await sim.control.customerSendsText({
      phoneNumberId: business.phoneNumberId,
      customer: { waId: '16315551234', name: 'Kerry Fisher' },
      text: 'book',
    });
    const fixture = JSON.parse(
      testData('meta-tools_capi-postman_webhook_received-text-message.json'),
    ) as MessagesWebhook;
    const body = JSON.parse(delivery.body) as MessagesWebhook;
    const message = body.entry[0]?.changes[0]?.value.messages?.[0];

    expect(delivery.delivered).toBe(true);
    expect(Object.keys(body.entry[0]?.changes[0]?.value ?? {})).toEqual(
      Object.keys(fixture.entry[0]?.changes[0]?.value ?? {}),
    );
    expect(Object.keys(message ?? {}).sort()).toEqual(
      Object.keys(fixture.entry[0]?.changes[0]?.value.messages?.[0] ?? {}).sort(),
    );
    expect(message).toMatchObject({
      id: messageId,
      from: '16315551234',
      type: 'text',
      text: { body: 'book' },
    });
  });
});
