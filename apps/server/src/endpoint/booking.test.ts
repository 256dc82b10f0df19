import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { type BookingStack, bookingGraph, startBookingStack } from './booking-api.test-helper';
import { seedWorkspace } from './endpoint.test-helper';

const secrets = createSecretBox(randomBytes(32));
const DATES = [
  { id: '2026-03-15', title: 'Sun 15' },
  { id: '2026-03-16', title: 'Mon 16' },
];
const SLOTS = [{ id: '0900', title: '09:00' }];

let stack: BookingStack;

beforeAll(async () => {
  stack = await startBookingStack(secrets);
});

afterAll(() => stack.close());

describe('data endpoint: appointment booking over HTTP with real encryption', () => {
  it('runs the Flow from INIT to SUCCESS and logs every call', async () => {
    const workspace = await seedWorkspace(stack.testDb, secrets, bookingGraph(stack.api.url));
    const phone = workspace.phone(stack.product.url);
    const flowToken = await workspace.openSession();
    const send = (action: 'INIT' | 'data_exchange' | 'BACK', screen: string, data = {}) =>
      phone.send({ version: '3.0', action, flow_token: flowToken, screen, data });

    expect(await phone.send({ version: '3.0', action: 'ping' })).toMatchObject({
      status: 200,
      reply: { data: { status: 'active' } },
    });
    expect(await send('INIT', '')).toMatchObject({
      status: 200,
      reply: { screen: 'CHOOSE_DATE', data: { dates: DATES } },
    });
    expect(await send('data_exchange', 'CHOOSE_DATE', { date: '2026-03-16' })).toMatchObject({
      status: 200,
      reply: {
        screen: 'CHOOSE_DATE',
        data: {
          dates: DATES,
          error_message: 'No free slots on 2026-03-16. Please pick another day.',
        },
      },
    });
    expect(await send('data_exchange', 'CHOOSE_DATE', { date: '2026-03-15' })).toMatchObject({
      status: 200,
      reply: { screen: 'CHOOSE_SLOT', data: { date: '2026-03-15', slots: SLOTS } },
    });
    expect(await send('data_exchange', 'CHOOSE_SLOT', { slot: '0900' })).toMatchObject({
      status: 200,
      reply: {
        screen: 'SUMMARY',
        data: { date: '2026-03-15', slot: '0900', summary: 'Appointment on 2026-03-15 at 0900' },
      },
    });
    expect(await send('BACK', 'CHOOSE_SLOT')).toMatchObject({
      status: 200,
      reply: { screen: 'CHOOSE_DATE', data: { dates: DATES } },
    });
    await send('data_exchange', 'CHOOSE_DATE', { date: '2026-03-15' });
    await send('data_exchange', 'CHOOSE_SLOT', { slot: '0900' });
    const finished = await send('data_exchange', 'SUMMARY', { action: 'confirm' });

    expect(finished).toMatchObject({
      status: 200,
      reply: {
        screen: 'SUCCESS',
        data: {
          extension_message_response: { params: { flow_token: flowToken, booking_id: 'B-1' } },
        },
      },
    });
    expect(stack.api.bookings).toEqual([
      { date: '2026-03-15', slot: '0900', reference: flowToken },
    ]);
    const responses = await workspace.caller.submissions.list({ flowId: workspace.flowId });
    expect(responses.rows).toMatchObject([
      {
        source: 'endpoint',
        status: 'no_destination',
        answers: { date: '2026-03-15', slot: '0900', booking: 'B-1' },
      },
    ]);
    const afterwards = await send('data_exchange', 'SUMMARY', { action: 'confirm' });
    expect(afterwards.status).toBe(427);
    expect(afterwards.reply).toEqual({ error_msg: 'This Flow was already completed' });

    const calls = await workspace.caller.endpoint.calls.list({
      flowId: workspace.flowId,
      limit: 50,
    });
    expect(
      calls.map((call) => [call.action, call.screen, call.httpStatus, call.errorCode]),
    ).toEqual(
      [
        ['ping', null, 200, null],
        ['INIT', null, 200, null],
        ['data_exchange', 'CHOOSE_DATE', 200, null],
        ['data_exchange', 'CHOOSE_DATE', 200, null],
        ['data_exchange', 'CHOOSE_SLOT', 200, null],
        ['BACK', 'CHOOSE_SLOT', 200, null],
        ['data_exchange', 'CHOOSE_DATE', 200, null],
        ['data_exchange', 'CHOOSE_SLOT', 200, null],
        ['data_exchange', 'SUMMARY', 200, null],
        ['data_exchange', 'SUMMARY', 427, 'SESSION_CLOSED'],
      ].reverse(),
    );
    expect(calls.every((call) => call.connectionId === workspace.connectionId)).toBe(true);
    expect(calls.every((call) => call.debugPayload === null)).toBe(true);
  });

  it('keeps the decrypted request and reply in the log only while debugging is on', async () => {
    const workspace = await seedWorkspace(stack.testDb, secrets, bookingGraph(stack.api.url));
    await workspace.caller.endpoint.settings.update({
      flowId: workspace.flowId,
      endpointDebug: true,
    });
    const flowToken = await workspace.openSession();

    await workspace
      .phone(stack.product.url)
      .send({ version: '3.0', action: 'INIT', flow_token: flowToken, screen: '', data: {} });

    const [call] = await workspace.caller.endpoint.calls.list({
      flowId: workspace.flowId,
      limit: 5,
    });
    expect(call?.debugPayload).toMatchObject({
      request: { action: 'INIT', flow_token: flowToken },
      reply: { screen: 'CHOOSE_DATE', data: { dates: DATES } },
    });
    expect(await workspace.caller.endpoint.settings.get({ flowId: workspace.flowId })).toEqual({
      endpointTestMode: false,
      endpointDebug: true,
    });
  });
});
