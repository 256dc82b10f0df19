import pino from 'pino';
import type { Logger, DestinationStream } from 'pino';

import { CENSOR, redactLogLine } from './logger-redact';

export type { Logger };

/**
 * Paths removed from every log line. Secrets and personal data are redacted here, once,
 * rather than at each call site; `redactLogLine` then catches the same at any depth and in
 * free text (messages, error messages).
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-sflow-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.appSecret',
  '*.privateKey',
  '*.webhookVerifyToken',
  '*.masterKey',
  '*.databaseUrl',
  'req.query["hub.verify_token"]',
];

/** Query parameters whose values are secrets: removed from logged URLs too. */
const SECRET_QUERY_PARAMETERS = /([?&]hub\.verify_token=)[^&]*/g;

/**
 * For pino-http's request serializer: the URL is one string, which path redaction cannot
 * reach into, so secret query parameters are replaced in it here.
 */
export function withoutSecretsInUrl<T extends { url?: string }>(req: T): T {
  return req.url === undefined
    ? req
    : { ...req, url: req.url.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]') };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sanjay-flow' },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: redactLogLine },
    },
    destination,
  );
}
