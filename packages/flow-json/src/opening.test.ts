import { describe, expect, it } from 'vitest';

import { checkOpening } from './opening';

const footer = (action: Record<string, unknown>) => ({
  type: 'Footer',
  label: 'Next',
  'on-click-action': action,
});

/** Two screens: CHOOSE_SLOT (declares date and slots) leads to CONFIRM. */
function bookingFlow(version: string) {
  return {
    version,
    screens: [
      {
        id: 'CHOOSE_SLOT',
        data: {
          date: { type: 'string', __example__: '2026-01-01' },
          slots: { type: 'array', items: { type: 'string' }, __example__: ['09:00'] },
        },
        layout: {
          type: 'SingleColumnLayout',
          children: [
            footer({ name: 'navigate', next: { type: 'screen', name: 'CONFIRM' }, payload: {} }),
          ],
        },
      },
      {
        id: 'CONFIRM',
        terminal: true,
        layout: {
          type: 'SingleColumnLayout',
          children: [footer({ name: 'complete', payload: {} })],
        },
      },
    ],
  };
}

describe('checkOpening', () => {
  it('names a screen the Flow does not have', () => {
    expect(checkOpening(bookingFlow('7.3'), { screen: 'NOPE' })).toEqual([
      { at: ['screen'], message: 'no screen "NOPE" in this Flow (screens: CHOOSE_SLOT, CONFIRM)' },
    ]);
  });

  it('refuses a screen another screen leads to from 4.0, not before', () => {
    expect(checkOpening(bookingFlow('7.3'), { screen: 'CONFIRM' })).toEqual([
      {
        at: ['screen'],
        message:
          '"CONFIRM" is not an entry screen: another screen leads to it (entry screens: CHOOSE_SLOT)',
      },
    ]);
    expect(checkOpening(bookingFlow('3.1'), { screen: 'CONFIRM' })).toEqual([]);
  });

  it('refuses no data for a screen that declares some', () => {
    expect(checkOpening(bookingFlow('7.3'), { screen: 'CHOOSE_SLOT' })).toEqual([
      {
        at: ['data'],
        message:
          'screen "CHOOSE_SLOT" declares "date", "slots" in its data: give every declared field',
      },
    ]);
  });

  it("checks the data against the screen's data model", () => {
    expect(checkOpening(bookingFlow('7.3'), { screen: 'CHOOSE_SLOT', data: { x: 1 } })).toEqual([
      { at: ['data', 'x'], message: 'is not declared in the data of screen "CHOOSE_SLOT"' },
      {
        at: ['data'],
        message:
          'screen "CHOOSE_SLOT" declares "date", "slots" in its data: give every declared field',
      },
    ]);
    expect(
      checkOpening(bookingFlow('7.3'), {
        screen: 'CHOOSE_SLOT',
        data: { date: '2026-02-03', slots: [9] },
      }),
    ).toEqual([
      {
        at: ['data', 'slots'],
        message:
          'does not fit the array screen "CHOOSE_SLOT" declares: its items or properties differ',
      },
    ]);
    expect(
      checkOpening(bookingFlow('7.3'), {
        screen: 'CHOOSE_SLOT',
        data: { date: '2026-02-03', slots: ['09:00'] },
      }),
    ).toEqual([]);
    expect(
      checkOpening(bookingFlow('7.3'), { screen: 'CHOOSE_SLOT', data: { date: 3, slots: [] } }),
    ).toEqual([
      {
        at: ['data', 'date'],
        message: 'is a number, but screen "CHOOSE_SLOT" declares it as string',
      },
    ]);
    expect(checkOpening(bookingFlow('7.3'), { screen: 'CONFIRM', data: { x: 1 } })).toEqual([
      expect.objectContaining({ at: ['screen'] }),
      expect.objectContaining({ at: ['data', 'x'] }),
    ]);
  });
});
