import { describe, expect, it } from 'vitest';

import { hashOneTimeCode, newOneTimeCode, oneTimeCodeMatches } from './otp';

const REQUEST = '6f1c2d3e-0000-4000-8000-000000000001';
const OTHER_REQUEST = '6f1c2d3e-0000-4000-8000-000000000002';

describe('one-time codes', () => {
  it('are six digits, leading zeros kept, and differ from draw to draw', () => {
    const codes = Array.from({ length: 2000 }, () => newOneTimeCode());

    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // About one code in ten starts with 0; none would if leading zeros were dropped.
    expect(codes.filter((code) => code.startsWith('0')).length).toBeGreaterThan(100);
  });

  it('are stored as a hash bound to their request', () => {
    const hash = hashOneTimeCode(REQUEST, '012345');

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(hashOneTimeCode(OTHER_REQUEST, '012345'));
    expect(oneTimeCodeMatches(REQUEST, '012345', hash)).toBe(true);
    expect(oneTimeCodeMatches(REQUEST, '012 345', hash)).toBe(true);
    expect(oneTimeCodeMatches(OTHER_REQUEST, '012345', hash)).toBe(false);
    expect(oneTimeCodeMatches(REQUEST, '012346', hash)).toBe(false);
    expect(oneTimeCodeMatches(REQUEST, '12345', hash)).toBe(false);
    expect(oneTimeCodeMatches(REQUEST, '', hash)).toBe(false);
  });
});
