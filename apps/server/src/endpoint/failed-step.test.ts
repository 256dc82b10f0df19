import { randomBytes } from 'node:crypto';

import type { GraphDocument } from '@sanjay-flow/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { type BookingStack, startBookingStack } from './booking-api.test-helper';
import { graphOf, seedWorkspace } from './endpoint.test-helper';

const secrets = createSecretBox(randomBytes(32));

/** FORM declares data; submitting it calls a path the API does not have (404). */
function failingStepGraph(apiUrl: string): GraphDocument {
  return graphOf(
    [
      {
        id: 'FORM',
        data: {
          greeting: { type: 'string', __example__: 'Hello' },
          visits: { type: 'number', __example__: 1 },
        },
      },
      { id: 'DONE', terminal: true },
    ],
    { FORM: ['DONE'], DONE: [] },
    {
      nodes: [
        { id: 'opened', type: 'trigger.flow_opened' },
        {
          id: 'show_form',
          type: 'go_to_screen',
          screen: 'FORM',
          data: { greeting: "'Hello Ada'", visits: '3', undeclared: "'dropped'" },
        },
        { id: 'submitted', type: 'trigger.screen_submitted', screen: 'FORM' },
        {
          id: 'call_missing',
          type: 'http_request',
          method: 'GET',
          url: `${apiUrl}/missing`,
          headers: {},
          timeoutMs: 2_000,
          retries: 0,
          backoffMs: 0,
          responseMapping: [],
        },
        { id: 'show_done', type: 'go_to_screen', screen: 'DONE', data: {} },
      ],
      edges: [
        { from: 'opened', to: 'show_form' },
        { from: 'submitted', to: 'call_missing' },
        { from: 'call_missing', to: 'show_done' },
      ],
    },
  );
}

describe('data endpoint: a failed step on a screen that declares data', () => {
  let stack: BookingStack;

  beforeAll(async () => {
    stack = await startBookingStack(secrets);
  });

  afterAll(() => stack.close());

  it('shows the same screen again with its data and the error message', async () => {
    const seeded = await seedWorkspace(stack.testDb, secrets, failingStepGraph(stack.api.url));
    const flowToken = await seeded.openSession();
    const phone = seeded.phone(stack.product.url);

    const opened = await phone.send({ version: '3.0', action: 'INIT', flow_token: flowToken });
    const failed = await phone.send({
      version: '3.0',
      action: 'data_exchange',
      flow_token: flowToken,
      screen: 'FORM',
      data: { name: 'Ada' },
    });

    expect(opened).toMatchObject({ status: 200, reply: { screen: 'FORM' } });
    expect(failed.status).toBe(200);
    expect(failed.reply).toEqual({
      screen: 'FORM',
      data: { greeting: 'Hello Ada', visits: 3, error_message: expect.any(String) as unknown },
    });
    expect(stack.api.requests).toContain('GET /missing');
    const calls = await seeded.caller.endpoint.calls.list({ flowId: seeded.flowId, limit: 5 });
    expect(calls.map((call) => [call.httpStatus, call.errorCode])).toEqual([
      [200, 'HTTP_FAILED'],
      [200, null],
    ]);
    const session = await stack.testDb.db.prisma.flowSession.findUnique({ where: { flowToken } });
    expect(session?.state).toMatchObject({
      currentScreen: 'FORM',
      screenData: { FORM: { greeting: 'Hello Ada', visits: 3 } },
    });
  });

  it('answers 500 when the screen the phone is on was never sent data by the endpoint', async () => {
    const seeded = await seedWorkspace(stack.testDb, secrets, failingStepGraph(stack.api.url));
    const flowToken = await seeded.openSession();
    const phone = seeded.phone(stack.product.url);

    const failed = await phone.send({
      version: '3.0',
      action: 'data_exchange',
      flow_token: flowToken,
      screen: 'FORM',
      data: {},
    });

    expect(failed.status).toBe(500);
  });
});
