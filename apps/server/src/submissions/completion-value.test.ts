import { parseWebhookEnvelope, webhookItems } from '@sanjay-flow/whatsapp';
import { describe, expect, it } from 'vitest';

import { readTestData } from '../test-support/fixtures';
import { completionOf } from './completion-message';
import { readResponseJson } from './read-response';

const fixture = JSON.parse(readTestData('pywa_webhook_flow-completion_nfm_reply.json')) as {
  completion: unknown;
};

/** Meta's completion webhook with `response_json` replaced, then read as the inbox reads it. */
function completionWith(responseJson: unknown) {
  const body = structuredClone(fixture.completion) as {
    entry: { changes: { value: { messages: { interactive: { nfm_reply: unknown } }[] } }[] }[];
  };
  const message = body.entry[0]?.changes[0]?.value.messages[0];
  if (message) {
    message.interactive.nfm_reply = { name: 'flow', body: 'Sent', response_json: responseJson };
  }
  const parsed = parseWebhookEnvelope(JSON.stringify(body));
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }
  const [item] = webhookItems(parsed.envelope).flatMap((entry) =>
    entry.kind === 'message' ? [entry] : [],
  );

  return item && completionOf(item.message, item.contact);
}

describe('a completion whose response_json is a JSON value but not an object', () => {
  it.each([42, [1, 2], null, true])(
    'flags %j instead of storing the wrapper as answers',
    (value) => {
      const completion = completionWith(value);

      expect(completion?.responseJson).toBe(JSON.stringify(value));
      expect(readResponseJson(completion?.responseJson ?? '')).toEqual({
        ok: false,
        error: 'response_json is not a JSON object',
      });
    },
  );

  it.each(['42', '[1,2]', '"text"', 'null'])('flags the string %s as not an object', (text) => {
    const completion = completionWith(text);

    expect(completion?.responseJson).toBe(text);
    expect(readResponseJson(text)).toMatchObject({ ok: false });
  });

  it('still reads an object given without the string around it', () => {
    const completion = completionWith({ rating: '5', flow_token: 'token-1' });

    expect(readResponseJson(completion?.responseJson ?? '')).toEqual({
      ok: true,
      flowToken: 'token-1',
      values: { rating: '5' },
    });
  });
});
