import { describe, expect, it } from 'vitest';

import { portableSha256Hex, sha256Hex } from './hash';

describe('sha256Hex', () => {
  it('gives the same digest natively and portably, for any text', () => {
    for (const text of ['', 'abc', 'Flow “é” 🚀', 'x'.repeat(100_000)]) {
      expect(sha256Hex(text)).toBe(portableSha256Hex(text));
    }
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
