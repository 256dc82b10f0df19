import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';

import { noteOutcome } from './request-outcome';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  /** What is counted against: the client's address unless given. */
  keyOf?: (req: Request) => string;
  /** Count only the requests answered below 400 (accepted ones). */
  countAcceptedOnly?: boolean;
  /** Said in the 429 answer, e.g. "from this address". */
  scope: string;
}

/**
 * A fixed-window limit per key, in this process's memory. Over the limit the request is
 * answered 429 with `Retry-After` (seconds until the window ends) before any route runs, so
 * nothing of it is stored.
 */
export function rateLimited(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipFailedRequests: options.countAcceptedOnly ?? false,
    ...(options.keyOf ? { keyGenerator: options.keyOf } : {}),
    // The default key (the client address) honours `trust proxy`; express-rate-limit's
    // start-up checks would print to the console instead of the log.
    validate: false,
    handler: (req: Request, res: Response) => {
      const retryAfter = res.getHeader('retry-after');
      noteOutcome(res, 'rate limit reached', { scope: options.scope });
      res
        .status(429)
        .type('text/plain')
        .send(`Too many requests ${options.scope}: retry after ${String(retryAfter)} seconds.`);
    },
  });
}
