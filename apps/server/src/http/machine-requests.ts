import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { RequestHandler } from 'express';

import { type Logger, withoutSecretsInUrl } from '../logger';
import { outcomeFields, outcomeMessage } from './request-outcome';

/** Browsers remember to use HTTPS for a year once they have seen the header. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * In front of Meta's paths that Express answers (the webhook's handshake, unknown paths under
 * `/endpoint` and `/webhooks`), instead of the request logger and the browser headers the
 * editor's routes get. Meta's POSTs are answered before Express, the same way
 * (`machine-intake.ts`):
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
    const id = startMachineRequest(req, res, { logger, https, url: req.originalUrl });
    req.log = lazyChild(logger, { req: { id } });
    next();
  };
}

/**
 * What every request of Meta's gets, on either path: its id and headers, and its completion
 * line when it finishes (a warning when the client went away first). Returns the request id.
 */
export function startMachineRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { logger: Logger; https: boolean; url: string | undefined },
): string {
  const { logger } = options;
  const started = performance.now();
  const id = randomUUID();
  res.setHeader('X-Request-Id', id);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  if (options.https) {
    res.setHeader('Strict-Transport-Security', HSTS);
  }
  // 'close' comes after 'finish', or alone when the client went away before the answer.
  res.once('close', () => {
    const answered = res.writableFinished;
    const status = res.statusCode;
    const level = !answered || status >= 400 ? (status >= 500 ? 'error' : 'warn') : 'debug';
    if (!logger.isLevelEnabled(level)) {
      return;
    }
    logger[level](
      {
        req: withoutSecretsInUrl({ id, method: req.method, url: options.url }),
        res: answered ? { statusCode: status } : { statusCode: null },
        responseTime: Math.round(performance.now() - started),
        ...outcomeFields(req, res),
      },
      answered ? outcomeMessage(req, res) : 'the client went away before the answer',
    );
  });

  return id;
}

/**
 * The logger's child with these bindings, made the first time a line is written through it:
 * most calls log nothing, and making a child costs as much as reading a small body. A line
 * below the logger's level is not written, and makes no child.
 */
export function lazyChild(logger: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;

  return new Proxy(logger, {
    get: (_target, property) => {
      if (child === undefined && isSilencedLevel(logger, property)) {
        return ignore;
      }
      child ??= logger.child(bindings);
      const value: unknown = Reflect.get(child, property, child);

      return typeof value === 'function' ? (value.bind(child) as unknown) : value;
    },
  });
}

function isSilencedLevel(logger: Logger, property: string | symbol): boolean {
  return (
    typeof property === 'string' &&
    Object.hasOwn(logger.levels.values, property) &&
    !logger.isLevelEnabled(property)
  );
}

function ignore(): void {}
