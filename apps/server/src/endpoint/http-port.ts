import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';

import { checkOutboundUrl, checkResolvedAddress } from '@sanjay-flow/runtime';
import type { HttpPort, HttpRequest, OutboundCheck, OutboundRefusal } from '@sanjay-flow/runtime';

/** Largest response body an HTTP step may read. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface HttpPortOptions {
  /** Private hosts the operator trusts (`SFLOW_HTTP_ALLOWED_HOSTS`). */
  allowedHosts: readonly string[];
  /** DNS resolution; tests replace it to return addresses without a resolver. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  maxResponseBytes?: number;
  /** Rules other than those of HTTP steps for where requests may go (the Graph API's). */
  policy?: OutboundPolicy;
}

/** Decides where requests may go: the URL before DNS, then every address the host resolves to. */
export interface OutboundPolicy {
  checkUrl(url: string): OutboundCheck;
  checkAddress(
    address: string,
    hostname: string,
  ): { ok: true } | { ok: false; code: OutboundRefusal; message: string };
}

/** The rules of HTTP steps and deliveries: private hosts only when the operator lists them. */
export function stepPolicy(allowedHosts: readonly string[]): OutboundPolicy {
  return {
    checkUrl: (url) => checkOutboundUrl(url, { allowedHosts }),
    checkAddress: (address, hostname) => checkResolvedAddress(address, { hostname, allowedHosts }),
  };
}

/** Why an outbound request was refused before anything was sent. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const resolveWithDns = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The server's HTTP port for the runtime. The destination is checked before connecting, the
 * host is resolved here and every address it resolves to is checked (a public name may point
 * inside the network), and the socket connects to the checked address only, so a second DNS
 * answer cannot slip in between check and connect. No redirects are followed.
 */
export function createHttpPort(options: HttpPortOptions): HttpPort {
  const port = createByteHttpPort(options);

  return {
    async request(request) {
      const response = await port.request(request);

      return { status: response.status, body: response.body.toString('utf8') };
    },
  };
}

/** An answer read as bytes (a downloaded file), with its declared content type. */
export interface ByteHttpResponse {
  status: number;
  body: Buffer;
  contentType: string | undefined;
}

/** A request whose body may be bytes (a multipart form with a file). */
export interface ByteHttpRequest extends Omit<HttpRequest, 'body'> {
  body?: string | Uint8Array;
}

export interface ByteHttpPort {
  request(request: ByteHttpRequest): Promise<ByteHttpResponse>;
}

/** `createHttpPort`'s checks, with the answer kept as bytes. */
export function createByteHttpPort(options: HttpPortOptions): ByteHttpPort {
  const resolve = options.resolve ?? resolveWithDns;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const policy = options.policy ?? stepPolicy(options.allowedHosts);

  return {
    async request(request) {
      const target = await checkedTarget(request.url, policy, resolve);

      return send(request, target, maxBytes);
    },
  };
}

interface CheckedTarget {
  url: URL;
  address: ResolvedAddress;
}

async function checkedTarget(
  url: string,
  policy: OutboundPolicy,
  resolve: (hostname: string) => Promise<ResolvedAddress[]>,
): Promise<CheckedTarget> {
  const checked = policy.checkUrl(url);
  if (!checked.ok) {
    throw new OutboundRefusedError(checked.code, checked.message);
  }
  const literal = isIP(checked.hostname);
  const addresses =
    literal === 0
      ? await resolve(checked.hostname)
      : [{ address: checked.hostname, family: literal }];
  for (const { address } of addresses) {
    const verdict = policy.checkAddress(address, checked.hostname);
    if (!verdict.ok) {
      throw new OutboundRefusedError(verdict.code, verdict.message);
    }
  }
  const [first] = addresses;
  if (first === undefined) {
    throw new OutboundRefusedError('INVALID_ADDRESS', `${checked.hostname} has no address`);
  }

  return { url: checked.url, address: first };
}

function send(request: ByteHttpRequest, target: CheckedTarget, maxBytes: number) {
  const { url, address } = target;
  const client = url.protocol === 'https:' ? https : http;
  // The socket connects to the address that was checked; the name still goes in the Host
  // header and the TLS server name.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) {
      callback(null, [address]);
    } else {
      callback(null, address.address, address.family);
    }
  };

  return new Promise<ByteHttpResponse>((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: request.method,
        headers: request.headers,
        lookup: pinned,
        signal: request.signal,
        timeout: request.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(new Error(`The response is larger than ${maxBytes} bytes`));

            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            contentType: response.headers['content-type'],
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('The request timed out')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
