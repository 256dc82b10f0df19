import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import { TWO_SCREEN_FLOW } from '../test-support/flows.test-helper';
import { flowJsonForm, graph, staticFlowJson } from '../test-support/graph.test-helper';
import { startWebhookReceiver } from '../test-support/webhook-receiver.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;
let business: BusinessView;

const customer = { waId: '15557778888' };

beforeAll(async () => {
  sim = await createMetaSim();
  receiver = await startWebhookReceiver();
  business = await sim.control.registerBusiness({
    webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
  });
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

const call = (method: string, path: string, body?: unknown) =>
  graph(sim.url, business.accessTokens[0], method, path, body);

async function send(message: Record<string, unknown>) {
  const { status, json } = await call('POST', `/${business.phoneNumberId}/messages`, {
    messaging_product: 'whatsapp',
    to: customer.waId,
    ...message,
  });
  expect(status).toBe(200);

  return (json.messages as { id: string }[])[0]?.id ?? '';
}

const flowMessage = (parameters: Record<string, unknown>) => ({
  type: 'interactive',
  interactive: {
    type: 'flow',
    body: { text: 'Open it' },
    action: {
      name: 'flow',
      parameters: { flow_message_version: '3', flow_cta: 'Open', ...parameters },
    },
  },
});

describe('which Flow JSON a message opens', () => {
  it('opens the published version with mode published and the new draft with mode draft', async () => {
    const created = await call('POST', `/${business.wabaId}/flows`, {
      name: 'versions',
      categories: ['OTHER'],
      flow_json: staticFlowJson(),
      publish: true,
    });
    const flowId = String(created.json.id);
    await call('POST', `/${flowId}/assets`, flowJsonForm(TWO_SCREEN_FLOW));
    const published = await send(flowMessage({ flow_name: 'versions' }));
    const draft = await send(flowMessage({ flow_id: flowId, mode: 'draft' }));

    const fromPublished = await sim.control.completeFlow({
      customer,
      messageId: published,
      answers: { WELCOME: { name: 'Eve' } },
    });
    const fromDraft = await sim.control.completeFlow({
      customer,
      messageId: draft,
      answers: { ASK: { name: 'Eve' } },
    });

    expect(fromPublished).toMatchObject({
      outcome: 'completed',
      responseJson: '{"name":"Eve","flow_token":"unused"}',
    });
    expect(fromDraft).toMatchObject({
      outcome: 'completed',
      responseJson: '{"name":"Eve","size":"s","flow_token":"unused"}',
    });
  });

  it('clones a Flow with its Flow JSON into a new draft', async () => {
    const source = await call('POST', `/${business.wabaId}/flows`, {
      name: 'source',
      categories: ['OTHER'],
      flow_json: TWO_SCREEN_FLOW,
    });
    const clone = await call('POST', `/${business.wabaId}/flows`, {
      name: 'clone',
      categories: ['SURVEY'],
      clone_flow_id: source.json.id,
    });
    const assets = await call('GET', `/${String(clone.json.id)}/assets`);
    const url = (assets.json.data as { download_url: string }[])[0]?.download_url ?? '';

    expect(clone.json.id).not.toBe(source.json.id);
    expect(await (await fetch(url)).text()).toBe(TWO_SCREEN_FLOW);
    expect(
      (
        await call('POST', `/${business.wabaId}/flows`, {
          name: 'c2',
          categories: ['OTHER'],
          clone_flow_id: '1',
        })
      ).json.error,
    ).toMatchObject({ code: 100 });
  });

  it("opens a template's FLOW button on its screen with the message's flow_token and data", async () => {
    const created = await call('POST', `/${business.wabaId}/flows`, {
      name: 'templated',
      categories: ['OTHER'],
      flow_json: TWO_SCREEN_FLOW,
      publish: true,
    });
    await call('POST', `/${business.wabaId}/message_templates`, {
      name: 'thanks_offer',
      language: 'en_US',
      category: 'MARKETING',
      components: [
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'FLOW', text: 'Open', flow_id: created.json.id, navigate_screen: 'THANKS' },
          ],
        },
      ],
    });
    const messageId = await send({
      type: 'template',
      template: {
        name: 'thanks_offer',
        language: { code: 'en_US' },
        components: [
          {
            type: 'button',
            sub_type: 'flow',
            index: '0',
            parameters: [
              {
                type: 'action',
                action: { flow_token: 'tpl-token', flow_action_data: { name: 'Zoe', size: 'l' } },
              },
            ],
          },
        ],
      },
    });
    const result = await sim.control.completeFlow({ customer, messageId });

    expect(result).toMatchObject({
      outcome: 'completed',
      responseJson: '{"name":"Zoe","size":"l","flow_token":"tpl-token"}',
    });
  });
});
