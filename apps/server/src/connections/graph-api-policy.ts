import {
  checkOutboundUrl,
  checkResolvedAddress,
  hostScope,
  type OutboundCheck,
  type OutboundRefusal,
} from '@sanjay-flow/runtime';

import type { Config } from '../config';
import type { OutboundPolicy } from '../endpoint/http-port';

/** Meta's Graph API host, always allowed, over https only: the access token goes with every call. */
const META_GRAPH_HOST = 'graph.facebook.com';

/**
 * Where a connection's Graph API URL may lead. The access token goes with every call, and an
 * editor sets the URL, so it gets the checks of HTTP steps and a few more:
 * - link-local and cloud metadata addresses and names: never, even when the operator lists them
 *   (they answer with the machine's own credentials);
 * - loopback: only when `allowLoopback` (the local Meta stand-in) or the host is listed;
 * - other private addresses and local names: only for hosts in `allowedHosts`.
 */
export interface GraphApiPolicyOptions {
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts the operator trusts. */
  allowedHosts: readonly string[];
  /** The server runs the local Meta stand-in (`SFLOW_META_SIM=1`); tests run one too. */
  allowLoopback: boolean;
}

/** The server's policy: loopback only beside the local Meta stand-in; private hosts as listed. */
export function configuredGraphApiPolicy(
  config: Pick<Config, 'httpAllowedHosts' | 'metaSim'>,
): GraphApiPolicyOptions {
  return { allowedHosts: config.httpAllowedHosts, allowLoopback: config.metaSim.enabled };
}

/** Tests' default, like the local Meta stand-in's: loopback allowed, no private host listed. */
export const LOCAL_GRAPH_API_POLICY: GraphApiPolicyOptions = {
  allowedHosts: [],
  allowLoopback: true,
};

type Refusal = { ok: false; code: OutboundRefusal; message: string };

export function graphApiPolicy(options: GraphApiPolicyOptions): OutboundPolicy {
  return {
    checkUrl: (url) => checkGraphApiUrl(url, options),
    checkAddress: (address, hostname) => checkGraphApiAddress(address, hostname, options),
  };
}

/** Checks a Graph API URL without DNS: when it is saved, and before every call. */
export function checkGraphApiUrl(url: string, options: GraphApiPolicyOptions): OutboundCheck {
  const checked = checkOutboundUrl(url, { allowedHosts: options.allowedHosts });
  if (!checked.ok && !isBlockedHost(checked.code)) {
    return refuse(checked.code, `the Graph API URL is not usable: ${checked.message}`);
  }
  const parsed = new URL(url);
  const scope = hostScope(parsed.hostname);
  if (scope.scope === 'link-local' || scope.scope === 'metadata') {
    return refuse(
      blockedCode(scope.address),
      neverCalled('the Graph API URL points at', scope.reason),
    );
  }
  if (checked.ok && checked.hostname === META_GRAPH_HOST && parsed.protocol !== 'https:') {
    return refuse('SCHEME_NOT_ALLOWED', `the Graph API URL must use https with ${META_GRAPH_HOST}`);
  }
  if (checked.ok) {
    return checked;
  }
  if (scope.scope === 'loopback' && options.allowLoopback) {
    return checkOutboundUrl(url, { allowedHosts: [parsed.hostname] });
  }
  const reason =
    scope.scope === 'public' ? `is refused: ${checked.message}` : `points at a ${scope.reason}`;

  return refuse(checked.code, `the Graph API URL ${reason}; ${howToAllow(scope.scope)}`);
}

/** Checks one address the Graph API host resolved to, just before connecting to it. */
export function checkGraphApiAddress(
  address: string,
  hostname: string,
  options: GraphApiPolicyOptions,
): { ok: true } | Refusal {
  const scope = hostScope(address);
  if (scope.scope === 'link-local' || scope.scope === 'metadata') {
    return refuse('BLOCKED_ADDRESS', neverCalled(`${hostname} resolves to`, scope.reason));
  }
  if (scope.scope === 'loopback' && options.allowLoopback) {
    return { ok: true };
  }
  const checked = checkResolvedAddress(address, { hostname, allowedHosts: options.allowedHosts });
  if (checked.ok || checked.code === 'INVALID_ADDRESS') {
    return checked;
  }

  return refuse(
    checked.code,
    `${hostname} resolves to a ${scope.scope === 'public' ? 'refused address' : scope.reason}; ` +
      howToAllow(scope.scope),
  );
}

function neverCalled(subject: string, reason: string): string {
  return `${subject} a ${reason}, where the Graph API is never called`;
}

function howToAllow(scope: string): string {
  const listing = 'an operator can list its host in SFLOW_HTTP_ALLOWED_HOSTS';

  return scope === 'loopback'
    ? `loopback is for the local Meta stand-in (SFLOW_META_SIM=1), or ${listing}`
    : `Meta's is https://${META_GRAPH_HOST}; for a private host, ${listing}`;
}

function isBlockedHost(code: OutboundRefusal): boolean {
  return code === 'BLOCKED_ADDRESS' || code === 'BLOCKED_HOSTNAME';
}

function blockedCode(address: boolean): OutboundRefusal {
  return address ? 'BLOCKED_ADDRESS' : 'BLOCKED_HOSTNAME';
}

function refuse(code: OutboundRefusal, message: string): Refusal {
  return { ok: false, code, message };
}
