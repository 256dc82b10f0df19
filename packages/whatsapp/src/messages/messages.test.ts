import { describe, expect, it } from 'vitest';

import { MessageRuleError } from './errors';
import type { FlowMessageInput } from './flow';
import { buildFlowMessage } from './flow';
import { buildFlowTemplateMessage } from './template';
import { buildTextMessage } from './text';

const base: FlowMessageInput = {
  to: '+15551234567',
  flow: { id: '1234567890123456' },
  flowToken: 'opaque',
  cta: 'Book',
  body: 'Book your next appointment',
};

function violationsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof MessageRuleError) {
      return error.violations.map((violation) => `${violation.field}: ${violation.message}`);
    }
    throw error;
  }

  return [];
}

describe('buildFlowMessage', () => {
  it("builds the spec's example: navigate to a screen with data, header and footer", () => {
    const message = buildFlowMessage({
      ...base,
      header: 'Appointments',
      footer: 'Powered by Sanjay Flow',
      mode: 'published',
      action: { kind: 'navigate', screen: 'START', data: { k: 'v' } },
    });
    expect(message).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+15551234567',
      type: 'interactive',
      interactive: {
        type: 'flow',
        header: { type: 'text', text: 'Appointments' },
        body: { text: 'Book your next appointment' },
        footer: { text: 'Powered by Sanjay Flow' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_id: '1234567890123456',
            flow_cta: 'Book',
            flow_token: 'opaque',
            mode: 'published',
            flow_action: 'navigate',
            flow_action_payload: { screen: 'START', data: { k: 'v' } },
          },
        },
      },
    });
  });

  it('sends by name, as a draft, asking the endpoint for the first screen', () => {
    const message = buildFlowMessage({
      ...base,
      flow: { name: 'booking_v2' },
      mode: 'draft',
      action: { kind: 'data_exchange' },
    });
    expect(message.interactive.action.parameters).toEqual({
      flow_message_version: '3',
      flow_name: 'booking_v2',
      flow_cta: 'Book',
      flow_token: 'opaque',
      mode: 'draft',
      flow_action: 'data_exchange',
    });
  });

  it('refuses an empty flow token and a blank body, naming the fields', () => {
    expect(violationsOf(() => buildFlowMessage({ ...base, flowToken: '', body: ' ' }))).toEqual([
      'interactive.body.text: cannot be empty',
      'interactive.action.parameters.flow_token: cannot be empty',
    ]);
  });

  it('keeps the button text short and free of emoji', () => {
    expect(
      violationsOf(() => buildFlowMessage({ ...base, cta: 'Book your appointment now' })),
    ).toEqual(['interactive.action.parameters.flow_cta: has at most 20 characters']);
    expect(violationsOf(() => buildFlowMessage({ ...base, cta: 'Book 📅' }))).toEqual([
      'interactive.action.parameters.flow_cta: cannot contain emoji',
    ]);
    expect(violationsOf(() => buildFlowMessage({ ...base, cta: 'Réserver' }))).toEqual([]);
  });

  it('applies the header, body and footer limits in characters', () => {
    const violations = violationsOf(() =>
      buildFlowMessage({
        ...base,
        header: 'h'.repeat(61),
        body: 'é'.repeat(1025),
        footer: 'f'.repeat(61),
      }),
    );
    expect(violations).toEqual([
      'interactive.header.text: has at most 60 characters',
      'interactive.body.text: has at most 1024 characters',
      'interactive.footer.text: has at most 60 characters',
    ]);
    expect(violationsOf(() => buildFlowMessage({ ...base, body: '😀'.repeat(1024) }))).toEqual([]);
  });

  it('refuses navigate data that is empty and a flow id that is not digits', () => {
    expect(
      violationsOf(() =>
        buildFlowMessage({
          ...base,
          flow: { id: '12ab' },
          action: { kind: 'navigate', screen: 'START', data: {} },
        }),
      ),
    ).toEqual([
      'interactive.action.parameters.flow_id: is a string of digits',
      'interactive.action.parameters.flow_action_payload.data: must not be an empty object when given',
    ]);
  });

  it('refuses a recipient that is neither a number nor a user id', () => {
    expect(violationsOf(() => buildFlowMessage({ ...base, to: '' }))).toEqual([
      'to: needs a wa_id or a user_id',
      'to: is neither a phone number nor a business-scoped user id',
    ]);
  });
});

describe('buildFlowTemplateMessage', () => {
  it('puts the FLOW button at its index as a string with the flow token and action data', () => {
    const message = buildFlowTemplateMessage({
      to: '15551234567',
      name: 'book_appointment',
      language: 'en_US',
      bodyParameters: ['Ana'],
      button: { index: 0, flowToken: 'tok', flowActionData: { service: 'cut' } },
    });
    expect(message.template).toEqual({
      name: 'book_appointment',
      language: { code: 'en_US' },
      components: [
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
        {
          type: 'button',
          sub_type: 'flow',
          index: '0',
          parameters: [
            { type: 'action', action: { flow_token: 'tok', flow_action_data: { service: 'cut' } } },
          ],
        },
      ],
    });
  });

  it('refuses an empty flow token and a button position past 9', () => {
    const violations = violationsOf(() =>
      buildFlowTemplateMessage({
        to: '15551234567',
        name: 'book_appointment',
        language: 'en_US',
        button: { index: 10, flowToken: '' },
      }),
    );
    expect(violations).toEqual([
      'template.components.0.index: is the button position as a string, "0" to "9"',
      'template.components.0.parameters.0.action.flow_token: cannot be empty',
    ]);
  });
});

describe('buildTextMessage', () => {
  it('builds a text with an optional link preview and refuses more than 4096 characters', () => {
    expect(buildTextMessage({ to: '15551234567', body: 'Hi', previewUrl: true })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '15551234567',
      type: 'text',
      text: { body: 'Hi', preview_url: true },
    });
    expect(
      violationsOf(() => buildTextMessage({ to: 'user.abc', body: 'x'.repeat(4097) })),
    ).toEqual(['text.body: has at most 4096 characters']);
  });
});
