import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseDynamicValue } from './parse';
import { referencesOf, typeExpression } from './types';
import type { Expression, ValueType } from '.';

function expression(text: string): Expression {
  const parsed = parseDynamicValue(text);
  if (parsed.kind !== 'expression') {
    throw new Error(`not an expression: ${JSON.stringify(parsed)}`);
  }

  return parsed.expression;
}

/** The expression written back with full parentheses, to check its structure. */
function show(node: Expression): string {
  switch (node.kind) {
    case 'reference':
      return `${node.reference.screen === undefined ? '' : `screen.${node.reference.screen}.`}${node.reference.scope}.${node.reference.path.join('.')}`;
    case 'string':
      return `'${node.value}'`;
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'unary':
      return `(${node.operator}${show(node.operand)})`;
    case 'binary':
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
    case 'concat':
      return `[${node.parts.map(show).join(' ')}]`;
  }
}

describe('parseDynamicValue', () => {
  it('reads plain text, references and global references', () => {
    expect(parseDynamicValue('Hello')).toEqual({ kind: 'static', text: 'Hello' });
    expect(parseDynamicValue('${data.user.name}')).toMatchObject({
      kind: 'reference',
      reference: { scope: 'data', path: ['user', 'name'], start: 0, end: 17 },
    });
    expect(parseDynamicValue('${screen.WELCOME.form.email}')).toMatchObject({
      kind: 'reference',
      reference: { scope: 'form', screen: 'WELCOME', path: ['email'] },
    });
  });

  it('refuses text mixed with a reference, and unknown scopes', () => {
    expect(parseDynamicValue('Hi ${data.name}')).toMatchObject({ kind: 'error', offset: 3 });
    expect(parseDynamicValue('${user.name}')).toMatchObject({ kind: 'error', offset: 0 });
    expect(parseDynamicValue('${screen.A.name}')).toMatchObject({ kind: 'error' });
  });

  it('binds operators by precedence, juxtaposition tightest', () => {
    expect(show(expression("`${data.a} + 1 > 2 && !${data.b} || ${data.c} == 'x'`"))).toBe(
      "((((data.a + 1) > 2) && (!data.b)) || (data.c == 'x'))",
    );
    expect(show(expression("`'Hi ' ${form.name} '!'`"))).toBe("['Hi ' form.name '!']");
    expect(show(expression('`(${data.a} - 2) % 3 / 4`'))).toBe('(((data.a - 2) % 3) / 4)');
    expect(show(expression('`-1 <= 2.5 != false`'))).toBe('(((-1) <= 2.5) != false)');
  });

  it('reads escaped quotes in text literals', () => {
    expect(show(expression("`'it\\'s' ${data.x}`"))).toBe("['it's' data.x]");
  });

  it.each([
    ["`'open`", 1],
    ['`${data.a`', 1],
    ['`${data.a} *  2`', 11],
    ['`${data.a} +`', 12],
    ['`()`', 2],
    ['`(${data.a}`', 1],
    ['`${data.a})`', 10],
    ['`1.2.3`', 1],
  ])('reports %s as an error at offset %i', (text, offset) => {
    expect(parseDynamicValue(text)).toMatchObject({ kind: 'error', offset });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseDynamicValue(text);
        expect(['static', 'reference', 'expression', 'error']).toContain(parsed.kind);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '${data.a}',
            '${form.b}',
            "'t'",
            '1',
            'true',
            '(',
            ')',
            '==',
            '<',
            '&&',
            '||',
            '!',
            '+',
            '-',
            '%',
            ' ',
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const parsed = parseDynamicValue(`\`${parts.join(' ')}\``);
          expect(['expression', 'error']).toContain(parsed.kind);
        },
      ),
    );
  });
});

describe('typeExpression', () => {
  const types: Record<string, ValueType> = { age: 'number', name: 'string', ok: 'boolean' };
  const typeOf = (text: string) =>
    typeExpression(expression(text), (reference) => types[reference.path[0] ?? ''] ?? 'unknown');

  it('types comparisons, logic, arithmetic and concatenation', () => {
    expect(typeOf('`${data.age} > 18 && ${data.ok}`')).toEqual({ type: 'boolean', issues: [] });
    expect(typeOf('`${data.age} % 2`')).toEqual({ type: 'number', issues: [] });
    expect(typeOf("`'Hi ' ${data.name}`")).toEqual({ type: 'string', issues: [] });
  });

  it('finds operands of the wrong type', () => {
    expect(typeOf('`${data.name} > 1`').issues).toHaveLength(1);
    expect(typeOf('`${data.name} == 1`').issues[0]?.message).toContain('same type');
    expect(typeOf('`!${data.age}`').issues[0]?.message).toContain('needs a boolean');
    expect(typeOf('`${data.unknown} + 1`').issues).toEqual([]);
  });

  it('lists the references of a value in order', () => {
    const parsed = parseDynamicValue("`${data.a} ' ' ${screen.S.form.b}`");
    expect(
      parsed.kind === 'error' ? [] : referencesOf(parsed).map((reference) => reference.path[0]),
    ).toEqual(['a', 'b']);
  });
});
