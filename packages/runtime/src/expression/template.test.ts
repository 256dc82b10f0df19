import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { ExpressionScope } from './evaluate';
import { evaluateTemplate, parseTemplate, renderTemplate } from './template';

const scope: ExpressionScope = {
  payload: { name: 'Ana', slots: [1, 2] },
  vars: { city: 'São Paulo' },
  flowToken: 'tok',
  screen: 'START',
  now: () => 0,
};

function render(text: string, encode?: (text: string) => string) {
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    return parsed;
  }

  return renderTemplate(parsed.value, scope, encode === undefined ? {} : { encode });
}

describe('templates', () => {
  it.each([
    ['Hello {{ payload.name }}!', 'Hello Ana!'],
    ['{{payload.name}}{{ vars.city }}', 'AnaSão Paulo'],
    ['no placeholders', 'no placeholders'],
    ['', ''],
    ['{{ len(payload.slots) }} slots', '2 slots'],
    ['list: {{ payload.slots }}', 'list: [1,2]'],
    ['missing: "{{ payload.nothing }}"', 'missing: ""'],
    ['a single } or }} stays', 'a single } or }} stays'],
  ])('renders %j', (text, expected) => {
    expect(render(text)).toEqual({ ok: true, value: expected });
  });

  it('encodes only the placeholders', () => {
    expect(
      render('https://x.example.com/{{ vars.city }}?q={{ "a&b" }}', encodeURIComponent),
    ).toEqual({
      ok: true,
      value: 'https://x.example.com/S%C3%A3o%20Paulo?q=a%26b',
    });
  });

  it('reports errors at their offset in the template text', () => {
    expect(parseTemplate('Hi {{ payload.name')).toEqual({
      ok: false,
      error: { offset: 3, message: "Unclosed '{{' in template" },
    });
    const inner = parseTemplate('Hi {{ payload. }}');
    expect(inner).toMatchObject({ ok: false, error: { offset: 15 } });
    expect(render('x {{ 1 / 0 }}')).toMatchObject({
      ok: false,
      error: { offset: 7, message: 'Division by zero' },
    });
  });

  it('keeps the type of a template that is one placeholder', () => {
    const parsed = parseTemplate('{{ payload.slots }}');
    expect(parsed.ok && evaluateTemplate(parsed.value, scope)).toEqual({ ok: true, value: [1, 2] });
    const mixed = parseTemplate(' {{ payload.slots }}');
    expect(mixed.ok && evaluateTemplate(mixed.value, scope)).toEqual({ ok: true, value: ' [1,2]' });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const parsed = parseTemplate(`a{{${text}}}b`);
        const result = parsed.ok ? renderTemplate(parsed.value, scope) : parsed;
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1_000 },
    );
  });
});
