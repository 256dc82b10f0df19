import { describe, expect, it } from 'vitest';

import { decodeBase64Strict } from './base64';

describe('decodeBase64Strict', () => {
  it('decodes standard padded base64', () => {
    expect(decodeBase64Strict('aGk=')?.toString()).toBe('hi');
    expect(decodeBase64Strict('aGkh')?.toString()).toBe('hi!');
    expect(decodeBase64Strict('aA==')?.toString()).toBe('h');
    expect(decodeBase64Strict('')?.length).toBe(0);
  });

  it.each(['aGk', 'aGk!', 'aG=k', 'a===', 'aGk-', 'aGk_', 'aA==aA==', ' aGk='])(
    'refuses %j',
    (text) => {
      expect(decodeBase64Strict(text)).toBeUndefined();
    },
  );

  it('checks a field as large as a 10 MB request without running out of stack', () => {
    const large = Buffer.alloc(7_500_000, 7).toString('base64');

    expect(large.length).toBeGreaterThan(9_900_000);
    expect(decodeBase64Strict(large)?.length).toBe(7_500_000);
    expect(decodeBase64Strict(`${large.slice(0, -4)}AA=A`)).toBeUndefined();
  });
});
