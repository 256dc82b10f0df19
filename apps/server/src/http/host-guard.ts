import type { RequestHandler } from 'express';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Answers only requests addressed to a known host name. Without this, a web page whose
 * domain is re-pointed at 127.0.0.1 (DNS rebinding) could drive the API from the user's
 * browser. Health checks are exempt; Meta's calls (data endpoint, webhooks), which carry the
 * public name and are authenticated by signature, not by the browser, are answered before it.
 */
export function hostGuard(allowedHosts: string[]): RequestHandler {
  const allowAny = allowedHosts.includes('*');
  const allowed = new Set([...LOOPBACK_NAMES, ...allowedHosts.map(normalize)]);

  return (req, res, next) => {
    const host = hostName(req.headers.host ?? '');
    if (allowAny || allowed.has(host) || req.path === '/healthz') {
      next();

      return;
    }
    req.log.warn({ host }, 'request for an unknown host name refused');
    res
      .status(421)
      .type('text/plain')
      .send(
        `This server does not answer to the host name “${host}”. Add it to SFLOW_ALLOWED_HOSTS.`,
      );
  };
}

/** `Example.com:3000` → `example.com`; `[::1]:3000` → `[::1]`. */
function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) {
    return host.slice(0, host.indexOf(']') + 1);
  }

  return host.split(':')[0] ?? '';
}

function normalize(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
