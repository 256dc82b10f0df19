import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { readVector, type SignatureVector } from '../test-vectors.test-helper';
import {
  parseWebhookEnvelope,
  readFlowResponse,
  type WebhookEnvelope,
  type WebhookItem,
  webhookItemKey,
  webhookItems,
} from './index';

function fixtureText(file: string): string {
  return readFileSync(new URL(`../../test-data/${file}`, import.meta.url), 'utf8');
}

function parsed(text: string): WebhookEnvelope {
  const result = parseWebhookEnvelope(text);
  if (!result.ok) {
    throw new Error(`expected a webhook envelope: ${result.problem}`);
  }

  return result.envelope;
}

function itemsOf(body: unknown): WebhookItem[] {
  return webhookItems(parsed(JSON.stringify(body)));
}

function messagesBody(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

describe('Meta fixtures', () => {
  it('reads a received text message with its contact', () => {
    const items = webhookItems(
      parsed(fixtureText('meta-tools_capi-postman_webhook_received-text-message.json')),
    );

    expect(items).toEqual([
      {
        kind: 'message',
        wabaId: '8856996819413533',
        phoneNumberId: '27681414235104944',
        message: {
          from: '16315551234',
          id: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W',
          timestamp: '1603059201',
          text: { body: 'Hello this is an answer' },
          type: 'text',
        },
        contact: { profile: { name: 'Kerry Fisher' }, wa_id: '16315551234' },
      },
    ]);
    expect(webhookItemKey(items[0] as WebhookItem)).toBe(
      'message:27681414235104944:wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W',
    );
  });

  it('reads the signed body of the signature vector', () => {
    const vector = readVector<SignatureVector>('pywa_webhook-signature_vector.json');
    const [item] = webhookItems(parsed(vector.raw_request_body));

    expect(item).toMatchObject({
      kind: 'message',
      wabaId: '264937493375603',
      phoneNumberId: '277321005464405',
      message: { type: 'text', text: { body: 'Hey there! I am using PyWa.' } },
    });
  });

  it('reads Flow completions with and without a flow token, keeping the BSUID fields', () => {
    const fixture = JSON.parse(fixtureText('pywa_webhook_flow-completion_nfm_reply.json')) as {
      completion: unknown;
      without_flow_token: unknown;
    };
    const [completion] = itemsOf(fixture.completion);
    const [withoutToken] = itemsOf(fixture.without_flow_token);

    expect(completion).toMatchObject({
      kind: 'message',
      message: {
        type: 'interactive',
        context: { from: '972123456789', id: 'wamid.gvwegfretge==' },
        interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent' } },
      },
      contact: {
        user_id: 'US.13491208655302741918',
        parent_user_id: 'US.ENT.11815799212886844830',
      },
    });
    const reply = (message: WebhookItem | undefined) =>
      message?.kind === 'message' &&
      message.message.type === 'interactive' &&
      message.message.interactive.type === 'nfm_reply'
        ? readFlowResponse(message.message.interactive.nfm_reply)
        : undefined;
    expect(reply(completion)).toMatchObject({
      ok: true,
      flowToken: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
      response: { delivery_rating: '4', cs_rating: '0' },
    });
    expect(reply(withoutToken)).toMatchObject({ ok: true, flowToken: undefined });
  });

  it('reads a Flow status change', () => {
    const items = webhookItems(
      parsed(fixtureText('meta-docs_flows-webhook_status-change_draft-to-published.json')),
    );

    expect(items).toEqual([
      {
        kind: 'flow_event',
        wabaId: '644600416743275',
        time: 1684969340,
        event: {
          event: 'FLOW_STATUS_CHANGE',
          message: 'Flow Webhook 3 changed status from DRAFT to PUBLISHED',
          flow_id: '6627390910605886',
          old_status: 'DRAFT',
          new_status: 'PUBLISHED',
        },
      },
    ]);
    expect(webhookItemKey(items[0] as WebhookItem)).toMatch(/^flow_event:644600416743275:/);
  });
});

describe('parseWebhookEnvelope', () => {
  it('says a body is not JSON, or JSON but not an envelope, and where', () => {
    expect(parseWebhookEnvelope('{"object":')).toMatchObject({ ok: false, reason: 'not_json' });
    expect(parseWebhookEnvelope('{"object":"x","entry":[{"changes":[]}]}')).toEqual({
      ok: false,
      reason: 'not_an_envelope',
      problem: expect.stringContaining('/entry/0/id') as unknown,
    });
  });

  it('parses unknown message types, and known ones of a wrong shape, as unsupported', () => {
    const items = itemsOf(
      messagesBody({
        messages: [
          { from: '1', id: 'wamid.A', timestamp: '1', type: 'hologram', hologram: { x: 1 } },
          { from: '1', id: 'wamid.B', timestamp: '1', type: 'text', text: { wrong: true } },
          {
            from: '1',
            id: 'wamid.C',
            timestamp: '1',
            type: 'unsupported',
            errors: [{ code: 131051 }],
          },
        ],
      }),
    );

    expect(items.map((item) => item.kind === 'message' && item.message)).toEqual([
      expect.objectContaining({ id: 'wamid.A', type: 'unsupported', original_type: 'hologram' }),
      expect.objectContaining({
        id: 'wamid.B',
        type: 'unsupported',
        original_type: 'text',
        problem: expect.stringContaining('text.body') as unknown,
      }),
      expect.objectContaining({ id: 'wamid.C', type: 'unsupported', errors: [{ code: 131051 }] }),
    ]);
  });

  it('keeps the readable elements of a change and lists the unreadable ones with their place', () => {
    const items = itemsOf(
      messagesBody({
        statuses: [
          { id: 'wamid.S', status: 'read', timestamp: '2', recipient_id: '' },
          { status: 'sent' },
        ],
        errors: [{ code: 131047, title: 'Re-engagement message' }],
      }),
    );

    expect(items).toEqual([
      expect.objectContaining({
        kind: 'status',
        status: expect.objectContaining({ id: 'wamid.S' }) as unknown,
      }),
      expect.objectContaining({
        kind: 'error',
        error: { code: 131047, title: 'Re-engagement message' },
      }),
      expect.objectContaining({
        kind: 'rejected',
        problem: expect.stringMatching(/^changes\/0\/value\/statuses\/1: .*id/) as unknown,
      }),
    ]);
    expect(webhookItemKey(items[0] as WebhookItem)).toBe('status:106540352242922:wamid.S:read');
  });

  it('matches the sender by business-scoped user id when the number is empty', () => {
    const [item] = itemsOf(
      messagesBody({
        contacts: [
          { wa_id: '', user_id: 'user.other', profile: { name: 'B' } },
          { wa_id: '', user_id: 'user.abc', profile: { username: 'ann', country_code: 'IN' } },
        ],
        messages: [
          {
            from: '',
            from_user_id: 'user.abc',
            id: 'wamid.U',
            timestamp: '3',
            type: 'text',
            text: { body: 'hi' },
          },
        ],
      }),
    );

    expect(item).toMatchObject({ contact: { user_id: 'user.abc', profile: { username: 'ann' } } });
  });

  it('records unknown change fields and unknown Flows events without failing', () => {
    const items = itemsOf({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '9',
          time: 5,
          changes: [
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
            { field: 'flows', value: { event: 'FLOW_NEW_THING', flow_id: '77' } },
            {
              field: 'flows',
              value: {
                event: 'ENDPOINT_LATENCY',
                p90_latency: '1200',
                threshold: 1000,
                alert_state: 'ACTIVATED',
              },
            },
            { field: 'messages', value: { metadata: {} } },
          ],
        },
      ],
    });

    expect(items).toEqual([
      expect.objectContaining({ kind: 'rejected', field: 'account_update' }),
      expect.objectContaining({
        kind: 'flow_event',
        event: { event: 'OTHER', original_event: 'FLOW_NEW_THING', flow_id: '77' },
      }),
      expect.objectContaining({
        event: expect.objectContaining({
          event: 'ENDPOINT_LATENCY',
          p90_latency: 1200,
        }) as unknown,
      }),
      expect.objectContaining({
        kind: 'rejected',
        field: 'messages',
        problem: expect.stringContaining('phone_number_id') as unknown,
      }),
    ]);
  });

  it('gives the same Flows event the same key in every delivery, and another event another', () => {
    const event = (status: string) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '9',
          time: 5,
          changes: [
            {
              field: 'flows',
              value: { event: 'FLOW_STATUS_CHANGE', flow_id: '1', new_status: status },
            },
          ],
        },
      ],
    });
    const key = (body: unknown) => webhookItemKey(itemsOf(body)[0] as WebhookItem);

    expect(key(event('PUBLISHED'))).toBe(key(event('PUBLISHED')));
    expect(key(event('PUBLISHED'))).not.toBe(key(event('BLOCKED')));
  });

  it('reports a completion whose response_json is not a JSON object', () => {
    expect(readFlowResponse({ name: 'flow', response_json: '[1]' })).toEqual({
      ok: false,
      problem: 'response_json is not a JSON object',
    });
    expect(readFlowResponse({ name: 'flow', response_json: 'nope' })).toMatchObject({ ok: false });
  });
});
