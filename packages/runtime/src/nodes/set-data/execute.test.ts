import { describe, expect, it } from 'vitest';

import { stepContext } from '../../testing/fakes.test-helper';
import { executeSetData } from './execute';
import { SetDataNodeSchema, defaultSetDataNode } from './schema';

describe('set_data', () => {
  it('assigns in order, so later expressions see earlier variables', () => {
    const context = stepContext({ payload: { first: 'Ana', last: 'Rao' } });
    const node = {
      ...defaultSetDataNode('set'),
      assignments: [
        { variable: 'name', expression: "payload.first + ' ' + payload.last" },
        { variable: 'greeting', expression: "'Hi ' + vars.name" },
      ],
    };
    const outcome = executeSetData(node, context);
    expect(context.variables).toEqual({ name: 'Ana Rao', greeting: 'Hi Ana Rao' });
    expect(outcome).toMatchObject({
      kind: 'continue',
      detail: { variables: ['name', 'greeting'] },
    });
  });

  it('stores a variable named __proto__ as data, not as the prototype', () => {
    const context = stepContext();
    executeSetData(
      { ...defaultSetDataNode('set'), assignments: [{ variable: '__proto__', expression: '1' }] },
      context,
    );
    expect(Object.getPrototypeOf(context.variables)).toBe(Object.prototype);
    expect(Object.hasOwn(context.variables, '__proto__')).toBe(true);
  });

  it('refuses variable names that are not identifiers', () => {
    const parsed = SetDataNodeSchema.safeParse({
      ...defaultSetDataNode('s'),
      assignments: [{ variable: 'a-b', expression: '1' }],
    });
    expect(parsed.success).toBe(false);
  });
});
