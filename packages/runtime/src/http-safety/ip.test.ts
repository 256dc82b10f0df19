import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { classifyIPv4, classifyIPv6, parseIPv4, parseIPv6 } from './ip';

describe('IP parsing', () => {
  it('parses strict dotted quads only', () => {
    expect(parseIPv4('192.168.1.1')).toBe(0xc0a80101);
    for (const text of ['1.2.3', '01.2.3.4', '256.1.1.1', '1.2.3.4.', 'a.b.c.d', '']) {
      expect(parseIPv4(text)).toBeNull();
    }
  });

  it('parses IPv6 forms to the same number', () => {
    const loopback = 1n;
    expect(parseIPv6('::1')).toBe(loopback);
    expect(parseIPv6('0:0:0:0:0:0:0:1')).toBe(loopback);
    expect(parseIPv6('::ffff:127.0.0.1')).toBe(parseIPv6('::ffff:7f00:1'));
    for (const text of [
      '1::2::3',
      ':::',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      'g::1',
      '1:2:3:4:5:6:7',
    ]) {
      expect(parseIPv6(text)).toBeNull();
    }
  });

  it('judges every IPv4-mapped IPv6 address like the IPv4 address it carries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (address) => {
        const mapped = (0xffffn << 32n) + BigInt(address);
        expect(classifyIPv6(mapped).blocked).toBe(classifyIPv4(address).blocked);
      }),
      { numRuns: 1_000 },
    );
  });

  it('round-trips generated IPv4 addresses through the parser', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(parseIPv4(text)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('parses every generated IPv6 address', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        expect(parseIPv6(text)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
