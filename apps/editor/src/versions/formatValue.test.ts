import { describe, expect, it } from 'vitest';

import { describeChange, formatValue } from './formatValue';

describe('diff wording', () => {
  it('quotes text, writes other values as JSON and shortens long ones', () => {
    expect(formatValue('Email')).toBe('“Email”');
    expect(formatValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue('x'.repeat(200), 10)).toBe('“xxxxxxxx…');
  });

  it('says what changed where', () => {
    expect(
      describeChange({ change: 'changed', path: ['Screen “ASK”', 'TextInput “email”', 'label'] }),
    ).toBe('Changed Screen “ASK” › TextInput “email” › label');
  });
});
