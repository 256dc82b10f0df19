import type { RequestHandler } from 'express';

import { MAX_ENDPOINT_BODY } from '../endpoint/route';
import { MAX_WEBHOOK_BODY } from '../webhooks/routes';
import { endpointRateLimit, rawBodyWithin, webhookRateLimit } from './intake-limits';
import { rateLimited } from './rate-limits';
import { onPostOnly } from './security-headers';

/** Requests per minute; the defaults are generous for Meta and tight for guessing. */
export interface RateLimits {
  /** Accepted data-endpoint calls per Flow. */
  endpointPerMinute: number;
  /** Accepted webhooks per connection. */
  webhookPerMinute: number;
  /** Posts per client address to the public pages (sign-in, data requests). */
  publicPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  endpointPerMinute: 6000,
  webhookPerMinute: 30_000,
  publicPerMinute: 20,
};

/** In front of `/endpoint`: the limit first (no body is read for a refused call), then the body. */
export function endpointGuards(limits: Partial<RateLimits> = {}): RequestHandler[] {
  const perMinute = limits.endpointPerMinute ?? DEFAULT_RATE_LIMITS.endpointPerMinute;

  return [
    onPostOnly(endpointRateLimit(perMinute)),
    ...rawBodyWithin(MAX_ENDPOINT_BODY, 'the data endpoint'),
  ];
}

/** In front of `/webhooks`: the body (it names the connection), then the limit. */
export function webhookGuards(limits: Partial<RateLimits> = {}): RequestHandler[] {
  const perMinute = limits.webhookPerMinute ?? DEFAULT_RATE_LIMITS.webhookPerMinute;

  return [
    ...rawBodyWithin(MAX_WEBHOOK_BODY, 'the webhook'),
    onPostOnly(webhookRateLimit(perMinute)),
  ];
}

/** In front of the pages anyone may post to without signing in: a limit per client address. */
export function publicGuard(limits: Partial<RateLimits> = {}): RequestHandler {
  return onPostOnly(
    rateLimited({
      limit: limits.publicPerMinute ?? DEFAULT_RATE_LIMITS.publicPerMinute,
      windowMs: 60_000,
      scope: 'from this address',
    }),
  );
}
