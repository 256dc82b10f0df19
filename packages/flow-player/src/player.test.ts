import { describe, expect, it } from 'vitest';

import { featuresFlow } from './flows.test-helper';
import { FlowPlayerError, createFlowPlayer } from './index';
import type { PlayerState, Step } from './index';

const player = createFlowPlayer(featuresFlow);

function stateOf(step: Step): PlayerState {
  expect(step.kind).not.toBe('invalid');

  return step.state;
}

const TEXTS = new Set(['TextHeading', 'TextSubheading', 'TextBody', 'TextCaption']);

function texts(state: PlayerState): string[] {
  return player
    .view(state)
    .components.filter((component) => TEXTS.has(component.type))
    .map((component) => String(component.properties.text));
}

function filled(): PlayerState {
  let state = player.start({ data: { name: 'Ana', plan: 'gold', note: '' } });
  state = stateOf(player.input(state, 'email', 'ana@example.com'));
  state = stateOf(player.input(state, 'code', 'ABC'));

  return stateOf(player.input(state, 'toppings', ['ham']));
}

describe('createFlowPlayer', () => {
  it('refuses a Flow that breaks Meta’s rules, saying where', () => {
    const broken = { ...featuresFlow, screens: [{ ...featuresFlow.screens[1], id: 'bad id' }] };

    expect(() => createFlowPlayer(broken)).toThrow(FlowPlayerError);
    try {
      createFlowPlayer(broken);
    } catch (error) {
      expect((error as FlowPlayerError).code).toBe('INVALID_FLOW_JSON');
      expect(
        (error as FlowPlayerError).issues.some((issue) => issue.pointer === '/screens/0/id'),
      ).toBe(true);
    }
  });
});

describe('view', () => {
  it('resolves expressions, data references and the Switch case', () => {
    const state = player.start({ data: { name: 'Ana', plan: 'gold', note: '' } });
    const view = player.view(state);

    expect(view.title).toBe('Hello Ana');
    expect(texts(state)).toEqual(['Gold members skip the queue', '']);
    const basic = player.start({ data: { name: 'Bo', plan: 'basic', note: 'hi' } });
    expect(player.view(basic).title).toBe('Hello Bo');
    expect(texts(basic)).toEqual(['Basic plan', 'hi']);
    expect(texts(player.start({ data: { name: 'Cy', plan: 'none', note: '' } }))).toEqual(['']);
  });

  it('shows the If branch only while its condition holds', () => {
    const state = player.start({ examples: true });
    const names = (s: PlayerState) => player.view(s).inputs.map((input) => input.name);

    expect(names(state)).toEqual(['email', 'code', 'news', 'toppings']);
    const ticked = stateOf(player.input(state, 'news', true));
    expect(names(ticked)).toEqual(['email', 'code', 'news', 'topic', 'toppings']);
    expect(() => player.input(state, 'topic', 'x')).toThrow(/shows no input “topic”/);
  });

  it('lists options with their enabled flag and keeps the Footer off until inputs are valid', () => {
    const state = player.start({ examples: true });
    const view = player.view(state);

    expect(view.inputs.find((input) => input.name === 'toppings')?.options).toContainEqual({
      id: 'sold_out',
      title: 'Truffle',
      enabled: false,
    });
    expect(view.footer).toMatchObject({ target: 'footer', label: 'Next', enabled: false });
    expect(player.view(filled()).footer?.enabled).toBe(true);
  });

  it('flags the inputs the screen lists as sensitive', () => {
    const inputs = player.view(player.start({ examples: true })).inputs;

    expect(inputs.filter((input) => input.sensitive).map((input) => input.name)).toEqual(['email']);
  });

  it('takes the screen data from the examples or refuses data of the wrong type', () => {
    expect(player.start({ examples: true }).screens.WELCOME?.data.name).toBe('Ana');
    expect(() => player.start({ data: { name: 7 } })).toThrow(
      /\/data\/name: expected string, got number/,
    );
  });
});

describe('input', () => {
  it('reports what the screen refuses as the input’s error, not as an exception', () => {
    let state = player.start({ examples: true });
    state = stateOf(player.input(state, 'email', 'not-an-email'));
    state = stateOf(player.input(state, 'code', 'abc'));
    state = stateOf(player.input(state, 'toppings', ['ham', 'olives', 'cheese']));
    const errors = Object.fromEntries(
      player.view(state).inputs.map((input) => [input.name, input.error]),
    );

    expect(errors).toEqual({
      email: '“Email” takes an email address',
      code: '“Code” does not have the expected form (Three capitals)',
      news: undefined,
      toppings: '“Toppings” takes at most 2 items',
    });
  });

  it('throws for values the phone could not produce', () => {
    const state = player.start({ examples: true });

    expect(() => player.input(state, 'toppings', ['bacon'])).toThrow(/does not offer “bacon”/);
    expect(() => player.input(state, 'toppings', ['sold_out'])).toThrow(/\(disabled\)/);
    expect(() => player.input(state, 'toppings', 'ham')).toThrow(/takes a list of option ids/);
    expect(() => player.input(state, 'news', 'yes')).toThrow(/takes true or false/);
    expect(() => player.input(state, 'nope', 'x')).toThrow(/it shows email, code, news, toppings/);
  });

  it('runs item update_data actions on select and on unselect', () => {
    let state = player.start({ examples: true });
    state = stateOf(player.input(state, 'toppings', ['cheese']));

    expect(state.screens.WELCOME?.data.note).toBe('Cheese it is');
    expect(texts(state)).toContain('Cheese it is');
    state = stateOf(player.input(state, 'toppings', ['ham']));
    expect(state.screens.WELCOME?.data.note).toBe('No cheese');
  });

  it('runs an OptIn’s update_data actions only when the tick changes', () => {
    let state = player.start({ examples: true });
    state = stateOf(player.input(state, 'news', false));
    expect(state.screens.WELCOME?.data.note).toBe('');
    state = stateOf(player.input(state, 'news', true));
    expect(state.screens.WELCOME?.data.note).toBe('Thanks');
    state = stateOf(player.input(state, 'news', false));
    expect(state.screens.WELCOME?.data.note).toBe('Maybe later');
  });

  it('never changes the state it is given', () => {
    const state = player.start({ examples: true });
    const copy = structuredClone(state);
    player.input(state, 'email', 'ana@example.com');
    player.input(state, 'toppings', ['cheese']);

    expect(state).toEqual(copy);
  });
});

describe('press', () => {
  it('answers invalid with each missing or wrong input', () => {
    const state = player.start({ examples: true });
    const step = player.press(state);

    expect(step).toMatchObject({
      kind: 'invalid',
      errors: [
        { name: 'email', message: '“Email” is required' },
        { name: 'toppings', message: '“Toppings” is required' },
      ],
    });
  });

  it('navigates with the payload resolved, and completes with global references', () => {
    const step = player.press(filled());
    expect(step.kind).toBe('navigate');
    let state = step.state;

    expect(state.screen).toBe('DETAILS');
    expect(state.screens.DETAILS?.data).toEqual({ email: 'ana@example.com', greeting: 'Dear Ana' });
    expect(texts(state)).toEqual(['Dear Ana', 'ABC']);
    state = stateOf(player.input(state, 'day', '2026-03-12'));
    expect(player.view(state).inputs[0]?.error).toBe('“Day”: 2026-03-12 is not available');
    state = stateOf(player.input(state, 'day', '2026-03-21'));
    expect(player.view(state).inputs[0]?.error).toMatch(/after the last date allowed/);
    state = stateOf(player.input(state, 'day', '2026-03-13'));
    const done = player.press(state);

    expect(done).toMatchObject({
      kind: 'complete',
      payload: { email: 'ana@example.com', day: '2026-03-13', code: 'ABC', toppings: ['ham'] },
    });
    expect(done.state.status).toBe('completed');
    expect(() => player.press(done.state)).toThrow(/the Flow is completed/);
  });

  it('checks the inputs when the Footer is pressed through its pointer too', () => {
    const state = player.start({ examples: true });

    expect(player.press(state, '/layout/children/8').kind).toBe('invalid');
    expect(player.press(filled(), '/layout/children/8').kind).toBe('navigate');
  });

  it('opens links and names the targets it offers', () => {
    const state = player.start({ examples: true });
    const link = player.view(state).targets.find((target) => target.type === 'EmbeddedLink');

    expect(player.press(state, link?.target)).toMatchObject({
      kind: 'open_url',
      url: 'https://example.com/terms',
    });
    expect(() => player.press(state, '/layout/children/0')).toThrow(
      /offers \/layout\/children\/7, footer/,
    );
  });

  it('refuses a malformed date outright', () => {
    const state = stateOf(player.press(filled()));

    expect(() => player.input(state, 'day', '13/03/2026')).toThrow(/a date such as 2026-03-15/);
    expect(() => player.input(state, 'day', '2026-02-30')).toThrow(/not “2026-02-30”/);
  });
});

describe('back', () => {
  it('returns to the previous screen as it was left, and closes from the first', () => {
    const details = stateOf(player.press(filled()));
    const step = player.back(details);

    expect(step.kind).toBe('navigate');
    expect(step.state.screen).toBe('WELCOME');
    expect(player.view(step.state).inputs.find((input) => input.name === 'code')?.value).toBe(
      'ABC',
    );
    expect(player.back(step.state)).toMatchObject({ kind: 'close', state: { status: 'closed' } });
  });
});
