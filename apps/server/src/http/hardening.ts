import type { RequestHandler } from 'express';

import { rateLimited } from './rate-limits';
import { onPostOnly } from './security-headers';
import { createWindowCounter, type WindowCounter } from './window-counter';

const MINUTE_MS = 60_000;

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

/** The counters behind Meta's two routes, in this process's memory. */
export interface MachineLimits {
  /** Accepted data-endpoint calls per Flow (each endpoint URL is one Flow of one workspace). */
  perFlow: WindowCounter;
  /** Accepted webhooks per connection. */
  perConnection: WindowCounter;
}

export function machineLimits(limits: Partial<RateLimits> = {}): MachineLimits {
  return {
    perFlow: createWindowCounter(
      limits.endpointPerMinute ?? DEFAULT_RATE_LIMITS.endpointPerMinute,
      MINUTE_MS,
    ),
    perConnection: createWindowCounter(
      limits.webhookPerMinute ?? DEFAULT_RATE_LIMITS.webhookPerMinute,
      MINUTE_MS,
    ),
  };
}

/** In front of the pages anyone may post to without signing in: a limit per client address. */
export function publicGuard(limits: Partial<RateLimits> = {}): RequestHandler {
  return onPostOnly(
    rateLimited({
      limit: limits.publicPerMinute ?? DEFAULT_RATE_LIMITS.publicPerMinute,
      windowMs: MINUTE_MS,
      scope: 'from this address',
    }),
  );
}
