import express from 'express';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

import { routeOfBody } from '../webhooks/webhook-connections';
import { rateLimited } from './rate-limits';

const MINUTE_MS = 60_000;

/** Every body is read, labelled or not: the signature covers the bytes, whatever their label. */
export const anyType = () => true;

/**
 * Reads a POST body as raw bytes up to `limit`, and answers a larger one 413 with the limit
 * in words. The route behind it finds the bytes already read and uses them unchanged.
 */
export function rawBodyWithin(limit: string, what: string): RequestHandler[] {
  const tooLarge: ErrorRequestHandler = (error: { type?: unknown }, _req, res, next) => {
    if (error.type !== 'entity.too.large') {
      next(error);

      return;
    }
    res
      .status(413)
      .type('text/plain')
      .send(`Request body too large: ${what} accepts at most ${limit}.`);
  };

  return [express.raw({ type: anyType, limit }), tooLarge as unknown as RequestHandler];
}

/**
 * The data endpoint's limit: accepted calls per minute per Flow (each endpoint URL is one
 * Flow of one workspace). Calls refused for their signature or key are not counted, so
 * nobody without the app secret can use up a Flow's allowance.
 */
export function endpointRateLimit(perMinute: number): RequestHandler {
  return rateLimited({
    limit: perMinute,
    windowMs: MINUTE_MS,
    keyOf: (req) => `flow:${req.path.split('/')[1] ?? ''}`,
    countAcceptedOnly: true,
    scope: 'for this Flow',
  });
}

/**
 * The webhook's limit: accepted webhooks per minute per connection (the WhatsApp Business
 * Account or phone number the body names). A refused webhook was not stored, and Meta sends
 * it again later; a stored one is always answered 200. Unsigned bodies are not counted.
 */
export function webhookRateLimit(perMinute: number): RequestHandler {
  return rateLimited({
    limit: perMinute,
    windowMs: MINUTE_MS,
    keyOf: connectionKeyOf,
    countAcceptedOnly: true,
    scope: 'for this connection',
  });
}

function connectionKeyOf(req: Request): string {
  const body: unknown = req.body;
  const route = Buffer.isBuffer(body) ? routeOfBody(body) : null;
  const waba = route?.wabaIds[0];
  const phone = route?.phoneNumberIds[0];

  return waba ? `waba:${waba}` : phone ? `phone:${phone}` : 'unnamed';
}
