import { describe, expect, it } from 'vitest';

import { createFlowPlayer } from './index';
import type { JsonObject, PlayerState, Step } from './index';

const item = {
  type: 'object',
  properties: { id: { type: 'string' }, title: { type: 'string' } },
};

/**
 * The appointment booking the product's runtime serves (choose a date, a slot, confirm): the
 * same screens, data models and routes, with the components a business would draw on them.
 */
const bookingFlow = {
  version: '7.1',
  data_api_version: '3.0',
  routing_model: { CHOOSE_DATE: ['CHOOSE_SLOT'], CHOOSE_SLOT: ['SUMMARY'], SUMMARY: [] },
  screens: [
    {
      id: 'CHOOSE_DATE',
      title: 'Choose a day',
      data: {
        dates: { type: 'array', items: item, __example__: [{ id: '2026-03-15', title: 'Sun 15' }] },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'RadioButtonsGroup',
            name: 'date',
            label: 'Day',
            required: true,
            'data-source': '${data.dates}',
          },
          {
            type: 'Footer',
            label: 'Next',
            'on-click-action': { name: 'data_exchange', payload: { date: '${form.date}' } },
          },
        ],
      },
    },
    {
      id: 'CHOOSE_SLOT',
      title: 'Choose a time',
      refresh_on_back: true,
      data: {
        date: { type: 'string', __example__: '2026-03-15' },
        slots: { type: 'array', items: item, __example__: [{ id: '0900', title: '09:00' }] },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextSubheading', text: "`'Free times on ' ${data.date}`" },
          {
            type: 'Dropdown',
            name: 'slot',
            label: 'Time',
            required: true,
            'data-source': '${data.slots}',
          },
          {
            type: 'Footer',
            label: 'Next',
            'on-click-action': { name: 'data_exchange', payload: { slot: '${form.slot}' } },
          },
        ],
      },
    },
    {
      id: 'SUMMARY',
      title: 'Confirm',
      terminal: true,
      data: {
        date: { type: 'string', __example__: '2026-03-15' },
        slot: { type: 'string', __example__: '0900' },
        summary: { type: 'string', __example__: 'Appointment on 2026-03-15 at 0900' },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.summary}' },
          { type: 'OptIn', name: 'agree', label: 'I will come on time', required: true },
          {
            type: 'Footer',
            label: 'Book',
            'on-click-action': { name: 'data_exchange', payload: { action: 'confirm' } },
          },
        ],
      },
    },
  ],
};

const DATES = [
  { id: '2026-03-15', title: 'Sun 15' },
  { id: '2026-03-16', title: 'Mon 16' },
];

/** The booking logic of the runtime's test program, answering as its endpoint does. */
function bookingEndpoint() {
  const session: JsonObject = {};
  const calls: string[] = [];
  const reply = (step: Extract<Step, { kind: 'data_exchange' }>): unknown => {
    calls.push(`${step.action} ${step.screen}`);
    if (step.action === 'BACK') {
      return { screen: 'CHOOSE_DATE', data: { dates: DATES } };
    }
    switch (step.screen) {
      case 'CHOOSE_DATE': {
        const date = String(step.payload.date);
        if (date === '2026-03-16') {
          const error_message = `No free slots on ${date}. Please pick another day.`;

          return { screen: 'CHOOSE_DATE', data: { dates: DATES, error_message } };
        }
        session.date = date;

        return { screen: 'CHOOSE_SLOT', data: { date, slots: [{ id: '0900', title: '09:00' }] } };
      }
      case 'CHOOSE_SLOT': {
        session.slot = step.payload.slot;
        const summary = `Appointment on ${String(session.date)} at ${String(session.slot)}`;

        return { screen: 'SUMMARY', data: { date: session.date, slot: session.slot, summary } };
      }
      default: {
        const params = { flow_token: 'booking-token', booking_id: 'B-1' };

        return { screen: 'SUCCESS', data: { extension_message_response: { params } } };
      }
    }
  };

  return { reply, calls };
}

function exchange(step: Step): Extract<Step, { kind: 'data_exchange' }> {
  if (step.kind !== 'data_exchange') {
    throw new Error(`expected a data_exchange step, got ${step.kind}`);
  }

  return step;
}

function stateOf(step: Step): PlayerState {
  expect(step.kind).toBe('update');

  return step.state;
}

describe('the booking Flow against its endpoint', () => {
  const player = createFlowPlayer(bookingFlow);

  it('books an appointment, taking a refusal and a back on the way', () => {
    const endpoint = bookingEndpoint();
    // INIT: the endpoint answers the first screen, which the player starts on.
    let state = player.start({ screen: 'CHOOSE_DATE', data: { dates: DATES } });
    expect(player.view(state).inputs[0]?.options?.map((option) => option.id)).toEqual([
      '2026-03-15',
      '2026-03-16',
    ]);

    state = stateOf(player.input(state, 'date', '2026-03-16'));
    let step = exchange(player.press(state));
    expect(step.payload).toEqual({ date: '2026-03-16' });
    state = player.receive(step.state, endpoint.reply(step));
    expect(state.screen).toBe('CHOOSE_DATE');
    expect(player.view(state).errorMessage).toBe(
      'No free slots on 2026-03-16. Please pick another day.',
    );

    state = stateOf(player.input(state, 'date', '2026-03-15'));
    step = exchange(player.press(state));
    state = player.receive(step.state, endpoint.reply(step));
    expect(player.view(state).components[0]?.properties.text).toBe('Free times on 2026-03-15');
    expect(player.view(state).errorMessage).toBeUndefined();

    step = exchange(player.back(state));
    state = player.receive(step.state, endpoint.reply(step));
    expect(state.screen).toBe('CHOOSE_DATE');
    expect(player.view(state).inputs[0]?.value).toBe('2026-03-15');

    step = exchange(player.press(state));
    state = player.receive(step.state, endpoint.reply(step));
    state = stateOf(player.input(state, 'slot', '0900'));
    step = exchange(player.press(state));
    state = player.receive(step.state, endpoint.reply(step));
    expect(player.view(state).components[0]?.properties.text).toBe(
      'Appointment on 2026-03-15 at 0900',
    );

    expect(player.press(state)).toMatchObject({ kind: 'invalid', errors: [{ name: 'agree' }] });
    state = stateOf(player.input(state, 'agree', true));
    step = exchange(player.press(state));
    expect(step.payload).toEqual({ action: 'confirm' });
    state = player.receive(step.state, endpoint.reply(step));

    expect(state).toMatchObject({ status: 'completed', response: { booking_id: 'B-1' } });
    expect(endpoint.calls).toEqual([
      'data_exchange CHOOSE_DATE',
      'data_exchange CHOOSE_DATE',
      'BACK CHOOSE_SLOT',
      'data_exchange CHOOSE_DATE',
      'data_exchange CHOOSE_SLOT',
      'data_exchange SUMMARY',
    ]);
  });

  it('refuses a reply that skips a screen the routing model requires', () => {
    const state = stateOf(
      player.input(player.start({ data: { dates: DATES } }), 'date', '2026-03-15'),
    );
    const step = exchange(player.press(state));

    expect(() =>
      player.receive(step.state, {
        screen: 'SUMMARY',
        data: { date: 'x', slot: 'y', summary: 'z' },
      }),
    ).toThrow(expect.objectContaining({ clientError: 'invalid-screen-transition' }));
    expect(() =>
      player.receive(step.state, {
        screen: 'SUMMARY',
        data: { date: 'x', slot: 'y', summary: 'z' },
      }),
    ).toThrow(
      /answered SUMMARY from CHOOSE_DATE, but the routing model leads from CHOOSE_DATE only to CHOOSE_SLOT/,
    );
  });
});
