/**
 * Address classification for outbound requests. Addresses are parsed into numbers so every
 * spelling of one address (decimal, octal, hex, compressed or IPv4-mapped IPv6) is judged the
 * same way.
 */

export type AddressVerdict =
  { blocked: false } | { blocked: true; reason: string; scope: AddressScope };

/**
 * Where a refused address leads: this machine, the link (where clouds answer their metadata
 * service), a cloud metadata service by its own address, or any other network that is not the
 * internet. Callers that let some of them through (the Graph API's local stand-in on loopback)
 * tell them apart by it.
 */
export type AddressScope = 'loopback' | 'link-local' | 'metadata' | 'internal';

interface Range {
  base: bigint;
  prefix: number;
  reason: string;
  scope: AddressScope;
}

const ALLOWED: AddressVerdict = { blocked: false };

function v4(text: string, prefix: number, reason: string, scope: AddressScope = 'internal'): Range {
  return { base: BigInt(parseIPv4(text) ?? 0), prefix, reason, scope };
}

const IPV4_BLOCKED: Range[] = [
  v4('0.0.0.0', 8, 'unspecified ("this network") address'),
  v4('10.0.0.0', 8, 'private address'),
  // Alibaba Cloud's metadata service sits inside the shared range below; the first match wins.
  v4('100.100.100.200', 32, 'cloud metadata address', 'metadata'),
  v4('100.64.0.0', 10, 'shared (carrier-grade NAT) address'),
  v4('127.0.0.0', 8, 'loopback address', 'loopback'),
  v4('169.254.0.0', 16, 'link-local address (includes cloud metadata)', 'link-local'),
  v4('172.16.0.0', 12, 'private address'),
  v4('192.0.0.0', 24, 'IETF protocol assignment'),
  v4('192.0.2.0', 24, 'documentation address'),
  v4('192.168.0.0', 16, 'private address'),
  v4('198.18.0.0', 15, 'benchmarking address'),
  v4('198.51.100.0', 24, 'documentation address'),
  v4('203.0.113.0', 24, 'documentation address'),
  v4('224.0.0.0', 4, 'multicast address'),
  v4('240.0.0.0', 4, 'reserved or broadcast address'),
];

function inRange(value: bigint, bits: number, range: Range): boolean {
  const shift = BigInt(bits - range.prefix);

  return value >> shift === range.base >> shift;
}

/** Strict dotted-quad IPv4 (`a.b.c.d`, decimal, no leading zeros) to a 32-bit number. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (
    parts.length !== 4 ||
    !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)
  ) {
    return null;
  }

  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** IPv6 text (with `::` and an optional trailing dotted quad) to a 128-bit number. */
export function parseIPv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) {
    return null;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  if (headGroups === null || tailGroups === null) {
    return null;
  }
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) {
    return null;
  }
  const groups = [
    ...headGroups,
    ...Array<number>(tail === undefined ? 0 : missing).fill(0),
    ...tailGroups,
  ];

  return groups.reduce((value, group) => (value << 16n) + BigInt(group), 0n);
}

function groupsOf(text: string): number[] | null {
  if (text === '') {
    return [];
  }
  const parts = text.split(':');
  const last = parts[parts.length - 1] ?? '';
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && last.includes('.')) {
      const ipv4 = parseIPv4(part);
      if (ipv4 === null) {
        return null;
      }
      groups.push(ipv4 >>> 16, ipv4 & 0xffff);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }

  return groups;
}

export function classifyIPv4(address: number): AddressVerdict {
  const range = IPV4_BLOCKED.find((candidate) => inRange(BigInt(address), 32, candidate));

  return range === undefined ? ALLOWED : blockedBy(range);
}

function blockedBy(range: Range): AddressVerdict {
  return { blocked: true, reason: range.reason, scope: range.scope };
}

function v6(text: string, prefix: number, reason: string, scope: AddressScope = 'internal'): Range {
  return { base: parseIPv6(text) ?? 0n, prefix, reason, scope };
}

const IPV6_BLOCKED: Range[] = [
  v6('::', 128, 'unspecified address'),
  v6('::1', 128, 'loopback address', 'loopback'),
  v6('100::', 64, 'discard-only address'),
  v6('2001::', 32, 'Teredo tunnel address'),
  v6('2001:db8::', 32, 'documentation address'),
  // AWS's metadata service over IPv6 (Nitro), inside the unique local range below.
  v6('fd00:ec2::254', 128, 'cloud metadata address', 'metadata'),
  v6('fc00::', 7, 'unique local (private) address'),
  v6('fe80::', 10, 'link-local address', 'link-local'),
  v6('fec0::', 10, 'site-local address'),
  v6('ff00::', 8, 'multicast address'),
];

// Prefixes that carry an IPv4 address, which is judged in its own right.
const IPV4_CARRIERS: { range: Range; extract: (value: bigint) => number }[] = [
  { range: v6('::ffff:0:0', 96, ''), extract: (value) => Number(value & 0xffffffffn) },
  { range: v6('::', 96, ''), extract: (value) => Number(value & 0xffffffffn) },
  { range: v6('64:ff9b::', 96, ''), extract: (value) => Number(value & 0xffffffffn) },
  { range: v6('64:ff9b:1::', 48, ''), extract: (value) => Number(value & 0xffffffffn) },
  { range: v6('2002::', 16, ''), extract: (value) => Number((value >> 80n) & 0xffffffffn) },
];

export function classifyIPv6(address: bigint): AddressVerdict {
  const range = IPV6_BLOCKED.find((candidate) => inRange(address, 128, candidate));
  if (range !== undefined) {
    return blockedBy(range);
  }
  const carrier = IPV4_CARRIERS.find((candidate) => inRange(address, 128, candidate.range));
  if (carrier === undefined) {
    return ALLOWED;
  }
  const inner = classifyIPv4(carrier.extract(address));

  return inner.blocked
    ? { blocked: true, reason: `${inner.reason} inside an IPv6 address`, scope: inner.scope }
    : ALLOWED;
}
