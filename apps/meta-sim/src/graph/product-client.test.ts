import {
  buildFlowMessage,
  buildFlowTemplateMessage,
  buildTextMessage,
  createGraphApiClient,
} from '@sanjay-flow/whatsapp';
import type { GraphApiClient } from '@sanjay-flow/whatsapp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import { TWO_SCREEN_FLOW } from '../test-support/flows.test-helper';
import { graph } from '../test-support/graph.test-helper';
import { startWebhookReceiver } from '../test-support/webhook-receiver.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;
let business: BusinessView;
let client: GraphApiClient;
let flowId: string;

beforeAll(async () => {
  sim = await createMetaSim();
  receiver = await startWebhookReceiver();
  business = await sim.control.registerBusiness({
    webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
  });
  client = createGraphApiClient({
    baseUrl: `${sim.url}/v23.0`,
    accessToken: business.accessTokens[0] ?? '',
  });
  const created = await graph(
    sim.url,
    business.accessTokens[0],
    'POST',
    `/${business.wabaId}/flows`,
    {
      name: 'product client',
      categories: ['OTHER'],
      flow_json: TWO_SCREEN_FLOW,
      publish: true,
    },
  );
  flowId = String(created.json.id);
  await graph(sim.url, business.accessTokens[0], 'POST', `/${business.wabaId}/message_templates`, {
    name: 'flow_invite',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Hello {{1}}' },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'FLOW', text: 'Open', flow_id: flowId, navigate_screen: 'THANKS' }],
      },
    ],
  });
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe("the product's message builders and Graph API client against the stand-in", () => {
  it('sends text, and reads back the wamid and wa_id', async () => {
    const sent = await client.sendMessage(
      business.phoneNumberId,
      buildTextMessage({ to: '+15554443333', body: 'Hi' }),
    );

    expect(sent).toEqual({
      wamid: expect.stringMatching(/^wamid\./) as unknown,
      waId: '15554443333',
      userId: undefined,
    });
  });

  it('sends a Flow message the customer completes', async () => {
    const message = buildFlowMessage({
      to: '15554443333',
      flow: { id: flowId },
      flowToken: 'session-1',
      cta: 'Book now',
      body: 'Pick a size',
      action: { kind: 'navigate', screen: 'ASK' },
    });
    const { wamid } = await client.sendMessage(business.phoneNumberId, message);
    const result = await sim.control.completeFlow({
      customer: { waId: '15554443333' },
      messageId: wamid,
      answers: { ASK: { name: 'Flo', size: 'l' } },
    });

    expect(result).toMatchObject({
      outcome: 'completed',
      responseJson: '{"name":"Flo","size":"l","flow_token":"session-1"}',
    });
  });

  it('sends a Flow template whose button carries the token and the entry data', async () => {
    const message = buildFlowTemplateMessage({
      to: '15554443333',
      name: 'flow_invite',
      language: 'en_US',
      bodyParameters: ['Flo'],
      button: { index: 0, flowToken: 'session-2', flowActionData: { name: 'Flo', size: 's' } },
    });
    const { wamid } = await client.sendMessage(business.phoneNumberId, message);
    const result = await sim.control.completeFlow({
      customer: { waId: '15554443333' },
      messageId: wamid,
    });

    expect(result).toMatchObject({
      outcome: 'completed',
      responseJson: '{"name":"Flo","size":"s","flow_token":"session-2"}',
    });
  });

  it('gets a transient error on an injected throughput limit, and a permanent one on a bad Flow', async () => {
    sim.control.addFault({ route: 'messages', kind: 'rate_limit' });
    const text = buildTextMessage({ to: '15554443333', body: 'Hi' });
    const limited = await client
      .sendMessage(business.phoneNumberId, text)
      .catch((error: unknown) => error);
    const badFlow = buildFlowMessage({
      to: '15554443333',
      flow: { id: '1234567890' },
      flowToken: 't',
      cta: 'Go',
      body: 'x',
    });
    const refused = await client
      .sendMessage(business.phoneNumberId, badFlow)
      .catch((error: unknown) => error);

    expect(limited).toMatchObject({ code: 130_429, httpStatus: 429, isTransient: true });
    expect(refused).toMatchObject({ code: 131_009, httpStatus: 400, isTransient: false });
  });
});
