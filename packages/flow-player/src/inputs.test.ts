import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { initialValuesFlow } from './flows.test-helper';
import { createFlowPlayer } from './index';
import type { PlayerState, Step } from './index';

const player = createFlowPlayer(initialValuesFlow);

function stateOf(step: Step): PlayerState {
  expect(step.kind).toBe('update');

  return step.state;
}

function errorOf(state: PlayerState, name: string): string | undefined {
  return player.view(state).inputs.find((input) => input.name === name)?.error;
}

function whenScreen(): PlayerState {
  const step = player.press(player.start({ data: { size: 'm' } }));
  expect(step.kind).toBe('navigate');

  return step.state;
}

describe('initial values', () => {
  it('fills inputs from the Form’s init-values and a component’s init-value', () => {
    const state = player.start({ data: { size: 'm' } });

    expect(player.view(state).inputs.map((input) => [input.name, input.value])).toEqual([
      ['size', 'm'],
      ['extras', ['bag']],
      ['note', 'Ring twice'],
    ]);
    expect(whenScreen().screens.WHEN?.form.stay).toEqual({
      'start-date': '2026-03-02',
      'end-date': '2026-03-04',
    });
  });
});

describe('on-select requests', () => {
  it('calls the endpoint when an option is chosen and keeps the inputs after its reply', () => {
    const start = player.start({ data: { size: 'm' } });
    const step = player.input(start, 'size', 's');

    expect(step).toMatchObject({
      kind: 'data_exchange',
      action: 'data_exchange',
      screen: 'ORDER',
      payload: { size: 's' },
      state: { pending: { action: 'data_exchange', screen: 'ORDER' } },
    });
    const state = player.receive(step.state, { screen: 'ORDER', data: { size: 's' } });
    expect(state.screens.ORDER).toEqual({
      data: { size: 's' },
      form: { size: 's', extras: ['bag'], note: 'Ring twice' },
    });
    expect(player.input(state, 'note', 'Leave at door').kind).toBe('update');
  });
});

describe('input rules', () => {
  it('limits chips and text length', () => {
    let state = player.start({ data: { size: 'm' } });
    state = stateOf(player.input(state, 'extras', ['bag', 'card', 'bow']));
    state = stateOf(player.input(state, 'note', 'x'.repeat(21)));

    expect(errorOf(state, 'extras')).toBe('“Extras” takes at most 2 items');
    expect(errorOf(state, 'note')).toBe('“Note” takes at most 20 characters');
    expect(player.press(state).kind).toBe('invalid');
  });

  it('checks a date range against its weekdays, bounds and length', () => {
    let state = whenScreen();
    const range = (start: string, end: string) => ({ 'start-date': start, 'end-date': end });
    const errorFor = (start: string, end: string) => {
      state = stateOf(player.input(state, 'stay', range(start, end)));

      return errorOf(state, 'stay');
    };

    expect(errorFor('2026-03-07', '2026-03-09')).toBe(
      '“Arrival”: 2026-03-07 falls on a Sat, which cannot be chosen',
    );
    expect(errorFor('2026-02-27', '2026-03-02')).toMatch(/before the first date allowed/);
    expect(errorFor('2026-03-02', '2026-03-02')).toBe('“Arrival” needs at least 2 days');
    expect(errorFor('2026-03-02', '2026-03-09')).toBe('“Arrival” takes at most 5 days');
    expect(errorFor('2026-03-04', '2026-03-02')).toBe('“Arrival” ends before it starts');
    expect(errorFor('2026-03-03', '2026-03-05')).toBeUndefined();
    expect(() => player.input(state, 'stay', '2026-03-03')).toThrow(/range/);
    expect(player.press(state)).toMatchObject({
      kind: 'complete',
      payload: {
        stay: range('2026-03-03', '2026-03-05'),
        size: 'm',
        extras: ['bag'],
        note: 'Ring twice',
      },
    });
  });

  it('takes dates as milliseconds before Flow JSON 5.0', () => {
    const examples = JSON.parse(
      readFileSync(
        new URL('../test-data/pywa_docs-examples_v2_1.flows.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const table = createFlowPlayer(examples.book_a_table);
    const state = table.start({ examples: true });

    expect(() => table.input(state, 'date', '2026-03-15')).toThrow(/milliseconds since 1970/);
    const late = table.input(state, 'date', '1760310000000');
    expect(table.view(late.state).inputs.find((i) => i.name === 'date')?.error).toMatch(
      /after the last date allowed, 1760050800000/,
    );
    const early = table.input(state, 'date', '1600000000000');
    expect(table.view(early.state).inputs.find((i) => i.name === 'date')?.error).toMatch(
      /before the first date allowed, 1696892400000/,
    );
    expect(table.input(state, 'date', '1700000000000')).toMatchObject({
      kind: 'data_exchange',
      payload: { date: '1700000000000' },
    });
  });
});
