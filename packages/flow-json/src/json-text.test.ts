import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseJsonText } from './json-text';

function acceptsLikeJsonParse(text: string): boolean {
  try {
    JSON.parse(text);

    return true;
  } catch {
    return false;
  }
}

describe('parseJsonText', () => {
  it('gives the line and column where each value starts', () => {
    const text = '{\n  "a": [1, {"b~/c": true}],\n  "d": "x"\n}';
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      throw new Error(parsed.message);
    }
    expect(parsed.positionOf('')).toEqual({ line: 1, column: 1 });
    expect(parsed.positionOf('/a')).toEqual({ line: 2, column: 8 });
    expect(parsed.positionOf('/a/1')).toEqual({ line: 2, column: 12 });
    expect(parsed.positionOf('/a/1/b~0~1c')).toEqual({ line: 2, column: 21 });
    expect(parsed.positionOf('/d')).toEqual({ line: 3, column: 8 });
    expect(parsed.positionOf('/missing')).toBeUndefined();
  });

  it('reports a syntax error with its position', () => {
    const parsed = parseJsonText('{\n  "a": 1\n  "b": 2\n}');
    expect(parsed).toMatchObject({ ok: false, position: { line: 3, column: 3 } });
    expect(parsed.ok ? '' : parsed.message).toContain('comma');
  });

  it('rejects empty text, trailing text and unterminated strings', () => {
    expect(parseJsonText('   ')).toMatchObject({ ok: false, message: 'the file is empty' });
    expect(parseJsonText('{} x')).toMatchObject({ ok: false, position: { line: 1, column: 4 } });
    expect(parseJsonText('"abc')).toMatchObject({ ok: false, position: { line: 1, column: 1 } });
  });

  it('keeps "__proto__" as a plain key, as JSON.parse does', () => {
    const parsed = parseJsonText('{"__proto__": {"polluted": true}}');
    expect(parsed.ok && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    expect(parsed.ok && Object.keys(parsed.value as object)).toEqual(['__proto__']);
  });

  it('reads any JSON text to the same value as JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const parsed = parseJsonText(text);
        expect(parsed.ok && parsed.value).toStrictEqual(JSON.parse(text));
      }),
    );
  });

  it('accepts and rejects exactly the texts JSON.parse accepts', () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9eE.+\-tfrueanl\\u]{0,20}$/);
    fc.assert(
      fc.property(jsonish, (text) => {
        expect(parseJsonText(text).ok).toBe(acceptsLikeJsonParse(text));
      }),
      { numRuns: 2000 },
    );
  });
});
