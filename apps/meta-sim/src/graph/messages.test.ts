import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import type { MetaSim } from '../sim';
import { startSimBusinessWithWebhooks } from '../test-support/sim-business.test-helper';
import { flowJsonForm, graph, staticFlowJson } from '../test-support/graph.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;
let business: BusinessView;
let token: string;
let flowId: string;

beforeAll(async () => {
  ({ sim, receiver, business, token } = await startSimBusinessWithWebhooks());
  const created = await graph(sim.url, token, 'POST', `/${business.wabaId}/flows`, {
    name: 'welcome',
    categories: ['OTHER'],
  });
  flowId = String(created.json.id);
  await graph(sim.url, token, 'POST', `/${flowId}/assets`, flowJsonForm(staticFlowJson()));
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

const send = (body: unknown, as = token) =>
  graph(sim.url, as, 'POST', `/${business.phoneNumberId}/messages`, body);

function flowMessage(parameters: Record<string, unknown>) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: '+1 555 123 4567',
    type: 'interactive',
    interactive: {
      type: 'flow',
      body: { text: 'Please fill this in' },
      action: {
        name: 'flow',
        parameters: {
          flow_message_version: '3',
          flow_id: flowId,
          flow_cta: 'Open',
          flow_token: 'token-1',
          mode: 'draft',
          ...parameters,
        },
      },
    },
  };
}

function errorOf(json: Record<string, unknown>) {
  return json.error as { code: number; error_subcode?: number; error_data?: { details: string } };
}

describe('POST /{phone-number-id}/messages', () => {
  it('accepts a text message and answers with the contact and a wamid', async () => {
    const { status, json } = await send({
      messaging_product: 'whatsapp',
      to: '15551234567',
      type: 'text',
      text: { body: 'Hello' },
    });

    expect(status).toBe(200);
    expect(json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '15551234567', wa_id: '15551234567' }],
      messages: [{ id: expect.stringMatching(/^wamid\./) as unknown }],
    });
  });

  it('then sends signed sent, delivered and read statuses for that message', async () => {
    await sim.control.webhooksIdle();
    const before = receiver.received.length;
    const { json } = await send({
      messaging_product: 'whatsapp',
      to: '15557654321',
      type: 'text',
      text: { body: 'Statuses' },
    });
    const wamid = (json.messages as { id: string }[])[0]?.id;
    await sim.control.webhooksIdle();
    const statuses = receiver.received.slice(before).map((w) => {
      const change = (w.json as { entry: { changes: { value: { statuses: unknown[] } }[] }[] })
        .entry[0]?.changes[0]?.value.statuses[0] as {
        id: string;
        status: string;
        recipient_id: string;
      };

      return [change.id, change.status, change.recipient_id];
    });

    expect(statuses).toEqual([
      [wamid, 'sent', '15557654321'],
      [wamid, 'delivered', '15557654321'],
      [wamid, 'read', '15557654321'],
    ]);
    expect(receiver.verified(business.appSecret)).toHaveLength(receiver.received.length);
  });

  it('accepts a Flow message in draft mode', async () => {
    const { status, json } = await send(flowMessage({}));

    expect(status).toBe(200);
    expect((json.contacts as unknown[])[0]).toEqual({
      input: '+1 555 123 4567',
      wa_id: '15551234567',
    });
  });

  it.each([
    [{ flow_message_version: '2' }, 131_009, /flow_message_version/],
    [{ flow_cta: 'A call to action far longer than thirty' }, 131_009, /flow_cta/],
    [{ flow_cta: 'Open 🎉' }, 131_009, /emoji/],
    [{ flow_name: 'welcome' }, 131_009, /exactly one of flow_id and flow_name/],
    [{ flow_cta: undefined }, 131_008, /flow_cta is required/],
    [{ mode: 'published' }, 131_009, /not published/],
    [{ flow_action: 'data_exchange' }, 131_009, /needs a Flow with an endpoint/],
    [{ flow_action_payload: { screen: 'NOWHERE' } }, 131_009, /no screen "NOWHERE"/],
    [{ flow_action_payload: { screen: 'WELCOME', data: {} } }, 131_009, /must not be empty/],
    [{ flow_id: '1234567890123456' }, 131_009, /does not exist/],
  ])('refuses Flow parameters %j with code %i', async (parameters, code, details) => {
    const { status, json } = await send(flowMessage(parameters));

    expect(status).toBe(400);
    expect(errorOf(json).code).toBe(code);
    expect(errorOf(json).error_data?.details).toMatch(details);
  });

  it('refuses a payload with data_exchange', async () => {
    const { json } = await send(
      flowMessage({ flow_action: 'data_exchange', flow_action_payload: { screen: 'WELCOME' } }),
    );

    expect(errorOf(json).error_data?.details).toMatch(/only allowed with navigate/);
  });

  it('marks a received message as read, and refuses an unknown one', async () => {
    const { messageId } = await sim.control.customerSendsText({
      phoneNumberId: business.phoneNumberId,
      customer: { waId: '15550001111' },
      text: 'hi',
    });
    const read = await send({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: messageId,
    });
    const unknown = await send({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.nope',
    });

    expect(read).toEqual({ status: 200, json: { success: true } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.json).code).toBe(100);
  });

  it("answers Meta's error body for a bad token and for another business's number", async () => {
    const other = await sim.control.registerBusiness();
    const badToken = await send(
      { messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: 'x' } },
      'nope',
    );
    const foreign = await graph(
      sim.url,
      other.accessTokens[0],
      'POST',
      `/${business.phoneNumberId}/messages`,
      {},
    );

    expect(badToken.status).toBe(401);
    expect(badToken.json.error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(errorOf(badToken.json)).toHaveProperty('fbtrace_id');
    expect(foreign.status).toBe(400);
    expect(foreign.json.error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
  });

  it('refuses a missing recipient and an unversioned path', async () => {
    const missing = await send({
      messaging_product: 'whatsapp',
      type: 'text',
      text: { body: 'x' },
    });
    const response = await fetch(`${sim.url}/latest/${business.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });

    expect(errorOf(missing.json)).toMatchObject({
      code: 131_008,
      error_data: { details: 'The parameter to is required.' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(2500);
  });

  it('sends a template whose FLOW button names a Flow, and refuses an unknown template', async () => {
    const template = await graph(sim.url, token, 'POST', `/${business.wabaId}/message_templates`, {
      name: 'welcome_offer',
      language: 'en_US',
      category: 'MARKETING',
      components: [
        { type: 'body', text: 'Have a look' },
        {
          type: 'BUTTONS',
          buttons: [{ type: 'FLOW', text: 'Open', flow_id: flowId, navigate_screen: 'WELCOME' }],
        },
      ],
    });
    const templateMessage = (name: string) => ({
      messaging_product: 'whatsapp',
      to: '15552223333',
      type: 'template',
      template: {
        name,
        language: { code: 'en_US' },
        components: [
          {
            type: 'button',
            sub_type: 'flow',
            index: '0',
            parameters: [{ type: 'action', action: { flow_token: 't-2' } }],
          },
        ],
      },
    });

    expect(template.json).toMatchObject({ status: 'APPROVED' });
    expect((await send(templateMessage('welcome_offer'))).status).toBe(200);
    expect(errorOf((await send(templateMessage('no_such'))).json).code).toBe(132_001);
  });
});
