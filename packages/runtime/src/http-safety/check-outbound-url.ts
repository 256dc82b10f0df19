import type { AddressScope, AddressVerdict } from './ip';
import { classifyIPv4, classifyIPv6, parseIPv4, parseIPv6 } from './ip';

export interface OutboundOptions {
  /**
   * Host names or addresses the operator trusts even though they are private, e.g. an intranet
   * API of a self-hosted install. Compared exactly, after lower-casing.
   */
  allowedHosts?: readonly string[];
}

export type OutboundRefusal =
  | 'INVALID_URL'
  | 'SCHEME_NOT_ALLOWED'
  | 'CREDENTIALS_IN_URL'
  | 'BLOCKED_HOSTNAME'
  | 'BLOCKED_ADDRESS'
  | 'INVALID_ADDRESS';

export type OutboundCheck =
  { ok: true; url: URL; hostname: string } | { ok: false; code: OutboundRefusal; message: string };

// Names that resolve inside the operator's own network rather than on the internet.
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan'];

// The names clouds give their metadata services (Google; AWS's older name), which answer with
// the machine's credentials.
const METADATA_HOSTNAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Where a host leads, as far as its text tells without DNS; `public` for any other name. */
export type HostScope =
  { scope: 'public' } | { scope: AddressScope; reason: string; address: boolean };

/**
 * Decides whether the server may send a request to `url`. Run it before connecting, and run
 * `checkResolvedAddress` on the address DNS returned, since a public name can resolve to a
 * private address.
 */
export function checkOutboundUrl(url: string, options: OutboundOptions = {}): OutboundCheck {
  if (!URL.canParse(url)) {
    return refuse('INVALID_URL', 'Not a valid URL');
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return refuse(
      'SCHEME_NOT_ALLOWED',
      `Only http and https are allowed, not ${parsed.protocol.slice(0, -1)}`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return refuse(
      'CREDENTIALS_IN_URL',
      'User names and passwords do not belong in the URL; send them in a header',
    );
  }
  const hostname = normalizeHost(parsed.hostname);
  if (isAllowed(hostname, options)) {
    return { ok: true, url: parsed, hostname };
  }
  const verdict = classifyHost(hostname);
  if (verdict !== null) {
    return verdict;
  }

  return { ok: true, url: parsed, hostname };
}

/** Decides whether a connection to `address` (as DNS returned it) may go ahead. */
export function checkResolvedAddress(
  address: string,
  options: OutboundOptions & { hostname?: string } = {},
): { ok: true } | { ok: false; code: OutboundRefusal; message: string } {
  if (options.hostname !== undefined && isAllowed(normalizeHost(options.hostname), options)) {
    return { ok: true };
  }
  // A zone index (`fe80::1%eth0`) only ever appears on link-local addresses, which stay refused.
  const normalized = normalizeHost(address.replace(/%.*$/, ''));
  if (isAllowed(normalized, options)) {
    return { ok: true };
  }
  const verdict = normalized.includes(':') ? verdictOfIPv6(normalized) : verdictOfIPv4(normalized);
  if (verdict === null) {
    return refuse('INVALID_ADDRESS', `'${address.slice(0, 60)}' is not an IP address`);
  }

  return verdict.blocked ? refuse('BLOCKED_ADDRESS', `Refused ${verdict.reason}`) : { ok: true };
}

/**
 * Where `host` (a name, or an address in any spelling) leads: for rules stricter than the ones
 * above, which refuse some scopes even for hosts the operator allowed.
 */
export function hostScope(host: string): HostScope {
  const hostname = normalizeHost(host.replace(/%.*$/, ''));
  const address = hostname.includes(':') ? verdictOfIPv6(hostname) : verdictOfIPv4(hostname);
  if (address !== null) {
    return address.blocked
      ? { scope: address.scope, reason: address.reason, address: true }
      : { scope: 'public' };
  }
  if (METADATA_HOSTNAMES.has(hostname)) {
    return { scope: 'metadata', reason: 'cloud metadata host name', address: false };
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    return { scope: 'loopback', reason: 'loopback host name', address: false };
  }
  if (INTERNAL_SUFFIXES.some((suffix) => hostname.endsWith(suffix)) || !hostname.includes('.')) {
    return { scope: 'internal', reason: 'local network host name', address: false };
  }

  return { scope: 'public' };
}

function classifyHost(
  hostname: string,
): { ok: false; code: OutboundRefusal; message: string } | null {
  const address = hostname.includes(':') ? verdictOfIPv6(hostname) : verdictOfIPv4(hostname);
  if (address !== null) {
    return address.blocked ? refuse('BLOCKED_ADDRESS', `Refused ${address.reason}`) : null;
  }
  if (hostname === 'localhost' || INTERNAL_SUFFIXES.some((suffix) => hostname.endsWith(suffix))) {
    return refuse('BLOCKED_HOSTNAME', `'${hostname}' names a host on the local network`);
  }
  // A single-label name is completed by the resolver's search domains, i.e. the local network.
  if (!hostname.includes('.')) {
    return refuse('BLOCKED_HOSTNAME', `'${hostname}' is not a fully qualified host name`);
  }

  return null;
}

function verdictOfIPv4(text: string): AddressVerdict | null {
  const address = parseIPv4(text);

  return address === null ? null : classifyIPv4(address);
}

function verdictOfIPv6(text: string): AddressVerdict | null {
  const address = parseIPv6(text);

  return address === null ? null : classifyIPv6(address);
}

/** Lower-case, without IPv6 brackets or trailing dots, IPv6 in canonical form. */
function normalizeHost(host: string): string {
  const bare = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  if (bare.includes(':') && URL.canParse(`http://[${bare}]/`)) {
    return new URL(`http://[${bare}]/`).hostname.replace(/^\[|\]$/g, '');
  }
  if (!bare.includes(':') && URL.canParse(`http://${bare}/`)) {
    return new URL(`http://${bare}/`).hostname.replace(/\.+$/, '');
  }

  return bare;
}

function isAllowed(hostname: string, options: OutboundOptions): boolean {
  return (options.allowedHosts ?? []).some((entry) => normalizeHost(entry) === hostname);
}

function refuse(
  code: OutboundRefusal,
  message: string,
): { ok: false; code: OutboundRefusal; message: string } {
  return { ok: false, code, message };
}
