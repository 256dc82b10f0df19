import { parseWebhookEnvelope, webhookItems } from '@sanjay-flow/whatsapp';
import { describe, expect, it } from 'vitest';

import { readTestData } from '../test-support/fixtures';
import { completionOf } from './completion-message';

function messageItems(body: unknown) {
  const parsed = parseWebhookEnvelope(JSON.stringify(body));
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }

  return webhookItems(parsed.envelope).flatMap((item) => (item.kind === 'message' ? [item] : []));
}

const fixture = JSON.parse(readTestData('pywa_webhook_flow-completion_nfm_reply.json')) as {
  completion: unknown;
};

describe('completionOf', () => {
  it("reads Meta's completion webhook as parsed by the inbox", () => {
    const [item] = messageItems(fixture.completion);

    expect(item && completionOf(item.message, item.contact)).toEqual({
      messageId: 'wamid.wegrchytvwcggt==',
      contextMessageId: 'wamid.gvwegfretge==',
      customerWaId: '972987654321',
      customerUserId: 'US.13491208655302741918',
      responseJson: expect.stringContaining(
        '"flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s."',
      ) as string,
      receivedAt: new Date(1702502473 * 1000),
    });
  });

  it('keeps an nfm_reply whose response_json is an object instead of a string', () => {
    const body = structuredClone(fixture.completion) as {
      entry: { changes: { value: { messages: { interactive: { nfm_reply: unknown } }[] } }[] }[];
    };
    const message = body.entry[0]?.changes[0]?.value.messages[0];
    if (message) {
      message.interactive.nfm_reply = { name: 'flow', response_json: { rating: '5' } };
    }
    const [item] = messageItems(body);

    expect(item?.message.type).toBe('unsupported');
    expect(item && completionOf(item.message, item.contact)?.responseJson).toContain('"rating"');
  });

  it('leaves text messages and address messages alone', () => {
    const body = structuredClone(fixture.completion) as {
      entry: { changes: { value: { messages: { interactive: { nfm_reply: unknown } }[] } }[] }[];
    };
    const message = body.entry[0]?.changes[0]?.value.messages[0];
    if (message) {
      message.interactive.nfm_reply = { name: 'address_message', response_json: '{}' };
    }
    const [item] = messageItems(body);

    expect(item && completionOf(item.message, item.contact)).toBeNull();
  });
});
