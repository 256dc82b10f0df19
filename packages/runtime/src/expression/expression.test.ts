import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { JsonValue } from '../json';
import type { ExpressionScope } from './evaluate';
import { evaluateExpression } from './evaluate';
import { EXPRESSION_LIMITS } from './limits';
import { parseExpression } from './parse';

const NOW = Date.UTC(2026, 2, 14, 9, 30, 0);

function scope(overrides: Partial<ExpressionScope> = {}): ExpressionScope {
  return {
    payload: {
      name: ' Ana ',
      age: '41',
      slots: [{ id: 's1', title: '08:00' }],
      tags: ['vip', 'new'],
    },
    vars: { count: 3, city: 'Pune', empty: '', nested: { deep: { value: 7 } } },
    flowToken: 'token-1',
    screen: 'CHOOSE_DATE',
    now: () => NOW,
    ...overrides,
  };
}

function run(text: string, overrides: Partial<ExpressionScope> = {}) {
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    return parsed;
  }

  return evaluateExpression(parsed.value, scope(overrides));
}

const values: [string, JsonValue][] = [
  ['1 + 2 * 3', 7],
  ['(1 + 2) * 3', 9],
  ['10 - 4 - 3', 3],
  ['20 / 4 / 5', 1],
  ['7 % 4', 3],
  ['-2 * 3', -6],
  ['!true || true', true],
  ['true || false && false', true],
  ['1 + 2 == 3 && 2 < 3', true],
  ['1 == 1 == true', true],
  ["'a' + 1", 'a1'],
  ["1 + 2 + 'x'", '3x'],
  ["'x' + 1 + 2", 'x12'],
  ['"double" + \'single\'', 'doublesingle'],
  ["'it\\'s'", "it's"],
  ['1.5 * 2', 3],
  ['null == null', true],
  ["1 == '1'", false],
  ['[1, 2] == [1, 2]', true],
  ["'b' > 'a'", true],
  ['2 >= 2', true],
  ['3 <= 2', false],
  ["'vip' in payload.tags", true],
  ["'old' in payload.tags", false],
  ["'un' in 'Pune'", true],
  ["'x' in 'Pune'", false],
  ["'un' in vars.city", true],
  ["'city' in vars", true],
  ['2 in [1, 2, 3]', true],
  ['1 in null', false],
  ['payload.slots[0].title', '08:00'],
  ['payload.slots[5]', null],
  ["payload['age']", '41'],
  ['payload.missing.deeper', null],
  ['vars.nested.deep.value * 2', 14],
  ['vars.__proto__', null],
  ['vars.constructor', null],
  ['session.flow_token', 'token-1'],
  ['screen', 'CHOOSE_DATE'],
  ['len(payload.tags)', 2],
  ['len(vars.city)', 4],
  ['len(null)', 0],
  ['len(vars)', 4],
  ['lower(vars.city)', 'pune'],
  ['upper(vars.city)', 'PUNE'],
  ['trim(payload.name)', 'Ana'],
  ["concat('a', 1, true, null)", 'a1true'],
  ['concat([1], [2, 3])', [1, 2, 3]],
  ["join(payload.tags, ' & ')", 'vip & new'],
  ['join([1, 2])', '1, 2'],
  ['now_iso()', '2026-03-14T09:30:00.000Z'],
  ["date_add_days('2026-02-27', 2)", '2026-03-01'],
  ["date_add_days('2026-03-01', -1)", '2026-02-28'],
  ['date_add_days(now_iso(), 1)', '2026-03-15T09:30:00.000Z'],
  ["default(vars.empty, 'friend')", 'friend'],
  ["default(vars.missing, 'friend')", 'friend'],
  ["default(vars.city, 'friend')", 'Pune'],
  ['number(payload.age) + 1', 42],
  ["number(' 2.5 ')", 2.5],
  ['number(true)', 1],
  ['string(12) + string(null)', '12'],
  ['string([1, "a"])', '[1,"a"]'],
  ['!vars.empty', true],
  ['![]', false],
];

describe('expressions: values', () => {
  it.each(values)('%s', (text, expected) => {
    expect(run(text)).toEqual({ ok: true, value: expected });
  });
});

const parseErrors: [string, number, RegExp][] = [
  ['', 0, /Expected a value/],
  ['1 +', 3, /Expected a value/],
  ['(1 + 2', 6, /Expected '\)'/],
  ['1 2', 2, /Unexpected number 2/],
  ['vars.', 5, /property name/],
  ["'open", 0, /Unterminated string/],
  ['1 # 2', 2, /Unexpected character '#'/],
  ['foo.bar', 0, /Unknown name 'foo'/],
  ['eval(1)', 0, /Unknown function 'eval'/],
  ['len()', 0, /len\(\) takes 1 argument, got 0/],
  ['default(1)', 0, /takes 2 arguments/],
  ['now_iso(1)', 0, /takes 0 arguments/],
  ['[1, 2', 5, /Expected ',' or '\]'/],
  ['12abc', 2, /run into letters/],
  ["'a\\q'", 2, /Unknown escape/],
  ['vars[1', 6, /Expected '\]'/],
  ['payload.x )', 10, /Unexpected '\)'/],
];

describe('expressions: parse errors', () => {
  it.each(parseErrors)('%j fails at %i', (text, offset, message) => {
    const result = parseExpression(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.offset).toBe(offset);
      expect(result.error.message).toMatch(message);
    }
  });

  it('refuses roots that are not available in the context', () => {
    const result = parseExpression('response.items', { roots: ['payload', 'vars'] });
    expect(result).toEqual({
      ok: false,
      error: { offset: 0, message: "'response' is not available here" },
    });
  });
});

const evaluationErrors: [string, number, RegExp][] = [
  ["1 - 'a'", 2, /'-' needs a number, got a string/],
  ['1 / 0', 2, /Division by zero/],
  ['5 % 0', 2, /Division by zero/],
  ["1 < 'a'", 2, /compares two numbers or two strings/],
  ["-'a'", 0, /needs a number/],
  ['vars.city.x', 9, /Cannot read 'x' of a string/],
  ["payload.tags['a']", 12, /whole number/],
  ['vars[1]', 4, /must be a string/],
  ['1 in 2', 2, /'in' cannot look/],
  ['response.x', 0, /only available in an HTTP response mapping/],
  ["number('12abc')", 0, /cannot convert a string '12abc'/],
  ['lower(1)', 0, /lower\(\) needs a string/],
  ['join(1)', 0, /needs a list/],
  ["date_add_days('soon', 1)", 0, /YYYY-MM-DD/],
  ["date_add_days('2026-01-01', 0.5)", 0, /whole number of days/],
  ['len(1)', 0, /len\(\) needs/],
  ['2 * 1e308', 5, /run into letters/],
];

describe('expressions: evaluation errors', () => {
  it.each(evaluationErrors)('%j fails at %i', (text, offset, message) => {
    const result = run(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.offset).toBe(offset);
      expect(result.error.message).toMatch(message);
    }
  });

  it('does not evaluate the right side of && and || when the left decides', () => {
    expect(run('false && 1 / 0')).toEqual({ ok: true, value: false });
    expect(run('true || 1 / 0')).toEqual({ ok: true, value: true });
  });

  it('refuses results that are not finite numbers', () => {
    const result = run('vars.big * vars.big', { vars: { big: 1e200 } });
    expect(result.ok).toBe(false);
  });
});

describe('expressions: bounds', () => {
  it('refuses nesting deeper than the limit', () => {
    const deep =
      '('.repeat(EXPRESSION_LIMITS.maxDepth + 5) + '1' + ')'.repeat(EXPRESSION_LIMITS.maxDepth + 5);
    const result = parseExpression(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/nested deeper/);
    }
  });

  it('refuses long texts', () => {
    const result = parseExpression('1 + '.repeat(2_000) + '1');
    expect(result.ok).toBe(false);
  });

  it('stops a doubling string before it grows without bound', () => {
    const doubling = 'concat(' + Array.from({ length: 40 }, () => 'vars.long').join(', ') + ')';
    const result = run(doubling, { vars: { long: 'x'.repeat(5_000) } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/longer than/);
    }
  });

  it('stops string growth through +', () => {
    const result = run('vars.a + vars.a + vars.a', { vars: { a: 'y'.repeat(40_000) } });
    expect(result.ok).toBe(false);
  });
});

describe('expressions: arbitrary input', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseExpression(text);
        if (parsed.ok) {
          const result = evaluateExpression(parsed.value, scope());
          expect(typeof result.ok).toBe('boolean');
        } else {
          expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.error.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on text built from the language tokens', () => {
    const piece = fc.constantFrom(
      'payload',
      'vars',
      '.',
      'x',
      '[',
      ']',
      '(',
      ')',
      '1',
      "'s'",
      '+',
      '-',
      '*',
      '/',
      '%',
      '==',
      '<',
      '&&',
      '||',
      '!',
      'in',
      ',',
      'len',
      'concat',
      'null',
      'true',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const parsed = parseExpression(pieces.join(''));
        if (parsed.ok) {
          expect(typeof evaluateExpression(parsed.value, scope()).ok).toBe('boolean');
        } else {
          expect(parsed.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
