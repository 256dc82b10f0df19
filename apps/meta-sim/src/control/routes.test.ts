import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import { TWO_SCREEN_FLOW } from '../test-support/flows.test-helper';
import { graph } from '../test-support/graph.test-helper';
import { startWebhookReceiver } from '../test-support/webhook-receiver.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;

beforeAll(async () => {
  sim = await createMetaSim();
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the control API over HTTP', () => {
  it('registers a business, has a customer write, send and complete a Flow, and reads the inbox', async () => {
    const registered = await control('POST', '/businesses', {
      wabaId: '1234567890987654321',
      phoneNumberId: '1122334455667',
      accessToken: 'EAAtest',
      appSecret: 'app-secret',
      webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
    });
    const written = await control('POST', '/customers/messages', {
      phoneNumberId: '1122334455667',
      customer: { waId: '15551230000' },
      text: 'book',
    });
    const created = await graph(sim.url, 'EAAtest', 'POST', '/1234567890987654321/flows', {
      name: 'two',
      categories: ['OTHER'],
      flow_json: TWO_SCREEN_FLOW,
    });
    const sent = await graph(sim.url, 'EAAtest', 'POST', '/1122334455667/messages', {
      messaging_product: 'whatsapp',
      to: '15551230000',
      type: 'interactive',
      interactive: {
        type: 'flow',
        body: { text: 'Go' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_id: created.json.id,
            flow_cta: 'Go',
            mode: 'draft',
          },
        },
      },
    });
    const messageId = (sent.json.messages as { id: string }[])[0]?.id;
    const inbox = await control('GET', '/customers/15551230000/inbox');
    const completed = await control('POST', '/customers/flows/complete', {
      customer: { waId: '15551230000' },
      messageId,
      answers: { ASK: { name: 'Di', size: 'l' } },
    });

    expect(registered.status).toBe(201);
    expect(registered.json).toMatchObject({
      wabaId: '1234567890987654321',
      accessTokens: ['EAAtest'],
      webhook: { url: receiver.url },
    });
    expect(written).toMatchObject({
      status: 201,
      json: { messageId: expect.stringMatching(/^wamid\./) as unknown },
    });
    expect(inbox.json.data).toEqual([
      expect.objectContaining({
        id: messageId,
        type: 'interactive',
        flowCompleted: false,
        content: expect.objectContaining({ interactive: expect.any(Object) as unknown }) as unknown,
      }),
    ]);
    expect(completed.json).toMatchObject({
      outcome: 'completed',
      responseJson: '{"name":"Di","size":"l","flow_token":"unused"}',
    });
  });

  it('says what is wrong with a bad request, and 404 for an unknown business', async () => {
    const bad = await control('POST', '/businesses', {
      wabaId: 'abc',
      webhook: { url: 'not a url' },
    });
    const unknown = await control('GET', '/businesses/999');
    const duplicate = await control('POST', '/businesses', { wabaId: '1234567890987654321' });

    expect(bad.status).toBe(400);
    expect((bad.json.error as { message: string }).message).toMatch(
      /wabaId: a Meta id is a string of digits.*webhook\.url/,
    );
    expect(unknown).toEqual({
      status: 404,
      json: { error: { message: 'No business has WABA id 999.' } },
    });
    expect(duplicate.status).toBe(409);
  });

  it('moves a published Flow to THROTTLED, then BLOCKED, refusing sends as Meta does', async () => {
    const business = await sim.control.registerBusiness({
      webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
    });
    const token = business.accessTokens[0];
    const created = await graph(sim.url, token, 'POST', `/${business.wabaId}/flows`, {
      name: 'watched',
      categories: ['OTHER'],
      flow_json: TWO_SCREEN_FLOW,
      publish: true,
    });
    const flowId = String(created.json.id);
    const send = () =>
      graph(sim.url, token, 'POST', `/${business.phoneNumberId}/messages`, {
        messaging_product: 'whatsapp',
        to: '15551239999',
        type: 'interactive',
        interactive: {
          type: 'flow',
          body: { text: 'Go' },
          action: {
            name: 'flow',
            parameters: { flow_message_version: '3', flow_id: flowId, flow_cta: 'Go' },
          },
        },
      });
    await control('POST', `/flows/${flowId}/status`, { status: 'THROTTLED' });
    const throttled = [];
    for (let i = 0; i < 11; i += 1) {
      throttled.push((await send()).status);
    }
    const over = await send();
    await control('POST', `/flows/${flowId}/status`, { status: 'BLOCKED' });
    const blocked = await send();
    const illegal = await control('POST', `/flows/${flowId}/status`, { status: 'DRAFT' });

    expect(throttled.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(throttled[10]).toBe(400);
    expect(over.json.error).toMatchObject({ code: 132_069 });
    expect(blocked.json.error).toMatchObject({ code: 132_068 });
    expect(illegal.status).toBe(409);
  });
});
