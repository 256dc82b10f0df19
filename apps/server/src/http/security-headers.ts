import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Browsers remember to use HTTPS for a year once they have seen the header. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Helmet's headers. Over plain HTTP neither HSTS nor `upgrade-insecure-requests` is sent:
 * asking browsers to upgrade would break the editor on a LAN address. When the server itself
 * speaks HTTPS, both are on.
 */
export function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: https ? {} : { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS } : false,
  });
}

/** Limits on POST requests only: the webhook handshake and the editor's pages are GETs. */
export function onPostOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') {
      next();

      return;
    }
    void handler(req, res, next);
  };
}
