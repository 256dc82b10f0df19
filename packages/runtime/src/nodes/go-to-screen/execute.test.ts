import { describe, expect, it } from 'vitest';

import { RuntimeError } from '../../errors';
import { stepContext } from '../../testing/fakes.test-helper';
import { executeGoToScreen } from './execute';
import { defaultGoToScreenNode } from './schema';

describe('go_to_screen', () => {
  it('replies with the screen and the mapped data', () => {
    const node = {
      ...defaultGoToScreenNode('go', 'SUMMARY'),
      data: { name: 'upper(vars.name)', total: 'vars.qty * 2' },
    };
    const outcome = executeGoToScreen(node, stepContext({ variables: { name: 'ana', qty: 3 } }));
    expect(outcome).toMatchObject({
      kind: 'reply',
      reply: { screen: 'SUMMARY', data: { name: 'ANA', total: 6 } },
    });
  });

  it('names the data key whose expression failed', () => {
    const node = { ...defaultGoToScreenNode('go', 'SUMMARY'), data: { total: 'vars.qty / 0' } };
    expect(() => executeGoToScreen(node, stepContext({ variables: { qty: 1 } }))).toThrow(
      RuntimeError,
    );
    expect(() => executeGoToScreen(node, stepContext({ variables: { qty: 1 } }))).toThrow(
      /data\.total: Division by zero/,
    );
  });
});
