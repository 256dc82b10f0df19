import { describe, expect, it } from 'vitest';

import { RuntimeError } from '../../errors';
import { stepContext } from '../../testing/fakes.test-helper';
import { executeCondition } from './execute';
import { ConditionNodeSchema, defaultConditionNode } from './schema';

describe('condition', () => {
  it('leaves by port true when the expression is truthy and false otherwise', () => {
    const node = { ...defaultConditionNode('check'), expression: "payload.size in ['S', 'M']" };
    expect(executeCondition(node, stepContext({ payload: { size: 'M' } }))).toMatchObject({
      port: 'true',
    });
    expect(executeCondition(node, stepContext({ payload: { size: 'XL' } }))).toMatchObject({
      port: 'false',
    });
  });

  it('treats an empty string and null as false', () => {
    const node = { ...defaultConditionNode('check'), expression: 'payload.name' };
    expect(executeCondition(node, stepContext({ payload: { name: '' } }))).toMatchObject({
      port: 'false',
    });
    expect(executeCondition(node, stepContext())).toMatchObject({ port: 'false' });
  });

  it('turns an expression error into EXPRESSION_ERROR with the field and offset', () => {
    const node = { ...defaultConditionNode('check'), expression: 'vars.count > 1 +' };
    try {
      executeCondition(node, stepContext({ nodeId: 'check' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuntimeError);
      expect(error).toMatchObject({
        code: 'EXPRESSION_ERROR',
        nodeId: 'check',
        details: { field: 'expression', offset: 16 },
      });
    }
  });

  it('has defaults the schema accepts', () => {
    expect(ConditionNodeSchema.parse(defaultConditionNode('c'))).toEqual(defaultConditionNode('c'));
  });
});
