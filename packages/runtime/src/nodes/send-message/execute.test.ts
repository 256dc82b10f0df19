import { describe, expect, it } from 'vitest';

import { RuntimeError } from '../../errors';
import { stepContext } from '../../testing/fakes.test-helper';
import { executeSendMessage } from './execute';
import { SendMessageNodeSchema } from './schema';

function node(message: unknown) {
  return SendMessageNodeSchema.parse({ id: 'send', type: 'send_message', message });
}

describe('send_message', () => {
  it('renders a text for the customer of the event and hands it to the server', () => {
    const server = { customer: { waId: '16505551234' }, effects: [] };
    const context = stepContext({ payload: { name: 'Ana' }, server });
    const outcome = executeSendMessage(
      node({ kind: 'text', body: 'Hi {{ payload.name }}' }),
      context,
    );
    expect(outcome).toMatchObject({ kind: 'continue', detail: { kind: 'text' } });
    expect(server.effects).toEqual([
      {
        kind: 'send_message',
        nodeId: 'send',
        to: { waId: '16505551234' },
        message: { kind: 'text', body: 'Hi Ana', previewUrl: false },
      },
    ]);
  });

  it('renders a Flow message with its entry screen data and the published mode by default', () => {
    const server = { customer: { userId: 'user.abc' }, effects: [] };
    const context = stepContext({ payload: { text: 'book' }, server });
    executeSendMessage(
      node({
        kind: 'flow',
        flowId: 'f1',
        cta: 'Book',
        body: 'You asked: {{ payload.text }}',
        entryScreen: 'START',
        data: { asked: 'payload.text' },
      }),
      context,
    );
    expect(server.effects[0]).toMatchObject({
      to: { userId: 'user.abc' },
      message: {
        kind: 'flow',
        flowId: 'f1',
        cta: 'Book',
        body: 'You asked: book',
        entryScreen: 'START',
        data: { asked: 'book' },
        mode: 'published',
      },
    });
  });

  it('fails at the data endpoint, where there is no one to send to', () => {
    const context = stepContext();
    expect(() => executeSendMessage(node({ kind: 'text', body: 'x' }), context)).toThrow(
      RuntimeError,
    );
  });
});
