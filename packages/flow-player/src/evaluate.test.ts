import { parseDynamicValue } from '@sanjay-flow/flow-json';
import { describe, expect, it } from 'vitest';

import { evaluateExpression } from './evaluate';

const values: Record<string, unknown> = {
  name: 'Ana',
  age: '42',
  count: 3,
  zero: 0,
  yes: true,
  no: false,
  list: ['a', 'b'],
};

function run(text: string): unknown {
  const parsed = parseDynamicValue(text);
  if (parsed.kind !== 'expression') {
    throw new Error(`not an expression: ${text}`);
  }

  return evaluateExpression(parsed.expression, (reference) => values[reference.path[0] ?? '']);
}

describe('evaluateExpression', () => {
  it.each([
    ["`'Hi ' ${form.name}`", 'Hi Ana'],
    ["`${data.count} ' items'`", '3 items'],
    ["`'Missing: ' ${data.nothing}`", 'Missing: '],
    ['`${data.count} + 2`', 5],
    ['`${data.count} - 5`', -2],
    ['`${data.count} / 2`', 1.5],
    ['`${data.count} / ${data.zero}`', 0],
    ['`${data.count} % ${data.nothing}`', 0],
    ['`${data.count} % 2`', 1],
    ['`-${data.count}`', -3],
    ['`${form.age} > 18`', true],
    ['`${form.age} == 42`', true],
    ["`${form.name} == 'Ana'`", true],
    ["`${form.name} != 'Ana'`", false],
    ['`${data.count} >= 3 && ${data.count} < 4`', true],
    ['`${data.no} || ${data.yes}`', true],
    ['`!${data.yes}`', false],
    ['`(${data.count} + 1) / 2`', 2],
    ['`${data.count} + 1 / 2`', 3.5],
    ['`${data.list} == ${data.list}`', true],
  ])('%s gives %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
