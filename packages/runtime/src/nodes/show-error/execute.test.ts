import { describe, expect, it } from 'vitest';

import { stepContext } from '../../testing/fakes.test-helper';
import { executeShowError } from './execute';
import { defaultShowErrorNode } from './schema';

describe('show_error', () => {
  it('re-shows the current screen with error_message and the mapped data', () => {
    const node = {
      ...defaultShowErrorNode('err'),
      message: 'No slots on {{ payload.date }}',
      data: { date: 'payload.date' },
    };
    const outcome = executeShowError(
      node,
      stepContext({ currentScreen: 'CHOOSE_DATE', payload: { date: '2026-03-15' } }),
    );
    expect(outcome).toMatchObject({
      reply: {
        screen: 'CHOOSE_DATE',
        data: { date: '2026-03-15', error_message: 'No slots on 2026-03-15' },
      },
    });
  });

  it('shows another screen when one is set', () => {
    const outcome = executeShowError(
      { ...defaultShowErrorNode('err'), screen: 'START' },
      stepContext(),
    );
    expect(outcome).toMatchObject({ reply: { screen: 'START' } });
  });

  it('fails with NODE_FAILED when there is no current screen and none is set', () => {
    expect(() =>
      executeShowError(defaultShowErrorNode('err'), stepContext({ currentScreen: null })),
    ).toThrow(/no current screen/);
  });
});
