import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';

import { type Logger, withoutSecretsInUrl } from '../logger';
import { outcomeFields, outcomeMessage } from './request-outcome';

/** Browsers remember to use HTTPS for a year once they have seen the header. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * In front of the routes only Meta calls (the data endpoint and the webhook), instead of the
 * request logger and the browser headers the editor's routes get. These routes answer every
 * call of every customer, so their per-request work is kept to what they need:
 *
 * - A request id in `X-Request-Id`; `req.log` is the server's logger with that id, made only
 *   when a route writes to it.
 * - One completion line with the same shape as the other routes' (`req`, `res`,
 *   `responseTime`, the noted outcome): a warning for 4xx, an error for 5xx, and debug for an
 *   answered call, which the call log or the inbox records already.
 * - `nosniff` and `no-store` on every answer (text for a phone, never a page), and HSTS when
 *   the server speaks HTTPS.
 */
export function machineRequests(logger: Logger, https: boolean): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = randomUUID();
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ req: { id } })),
    });
    res.setHeader('X-Request-Id', id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (https) {
      res.setHeader('Strict-Transport-Security', HSTS);
    }
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'debug';
      if (!logger.isLevelEnabled(level)) {
        return;
      }
      logger[level](
        {
          req: withoutSecretsInUrl({ id, method: req.method, url: req.originalUrl }),
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
          ...outcomeFields(req, res),
        },
        outcomeMessage(req, res),
      );
    });
    next();
  };
}
