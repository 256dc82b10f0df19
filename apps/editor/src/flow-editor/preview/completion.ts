import type { JsonObject } from '@sanjay-flow/flow-player';

/**
 * The `interactive` part of the message WhatsApp posts to the business's webhook when a customer
 * finishes a Flow (spec C3): `response_json` is a string, the `complete` payload (or the
 * endpoint's SUCCESS params) with the run's `flow_token` added when it has none.
 */
export interface NfmReply {
  type: 'interactive';
  interactive: {
    type: 'nfm_reply';
    nfm_reply: { response_json: string; body: 'Sent'; name: 'flow' };
  };
}

export function nfmReply(response: JsonObject, flowToken: string): NfmReply {
  const answers = { ...response, flow_token: response.flow_token ?? flowToken };

  return {
    type: 'interactive',
    interactive: {
      type: 'nfm_reply',
      nfm_reply: { response_json: JSON.stringify(answers), body: 'Sent', name: 'flow' },
    },
  };
}
