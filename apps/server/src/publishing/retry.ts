import { GraphApiError } from '@sanjay-flow/whatsapp';

import { AppError } from '../errors';

export interface RetryPolicy {
  /** Calls in all, the first included. */
  attempts: number;
  /** The wait after the first failure; doubled after each one, with up to 25 % jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'sleep'> = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/**
 * Worth calling again: Meta throttled the call (rate limits wait longer), failed on its side
 * (5xx, transient codes) or the network failed. Any other 4xx is the caller's to fix. A
 * timeout is not retried here: the call may have acted, and only the caller knows whether
 * repeating it is safe.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof GraphApiError) || error.kind === 'timeout') {
    return false;
  }

  return error.isRateLimit || error.isTransient || (error.httpStatus ?? 0) >= 500;
}

/**
 * Meta no longer has the object: deleted there (in Meta's builder, by hand) or never made on
 * this account. Meta answers code 100, subcode 33.
 */
export function isGoneAtMeta(error: unknown): boolean {
  return error instanceof GraphApiError && error.code === 100 && error.subcode === 33;
}

/**
 * Calls `call` until it succeeds, the error is not retryable, or the attempts run out.
 * `onAttempt` hears each attempt's number before it starts (the step's attempt counter).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  call: () => Promise<T>,
  onAttempt: (attempt: number) => Promise<void> | void = () => undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await onAttempt(attempt);
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) {
        throw error;
      }
      await policy.sleep(delayFor(policy, attempt, error));
    }
  }
}

function delayFor(policy: RetryPolicy, attempt: number, error: unknown): number {
  const rateLimited = error instanceof GraphApiError && error.isRateLimit;
  const base = policy.baseDelayMs * 2 ** (attempt - 1) * (rateLimited ? 2 : 1);

  return Math.min(policy.maxDelayMs, base) * (1 + Math.random() * 0.25);
}

/**
 * `withRetry` for calls made on a user's request: a Graph API failure becomes an `AppError`
 * whose message carries Meta's code and reason, so the editor and the CLI can show it.
 */
export async function metaCall<T>(policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  try {
    return await withRetry(policy, call);
  } catch (error) {
    if (error instanceof GraphApiError) {
      const code = error.code === undefined ? '' : ` (code ${error.code})`;
      const details = error.details === undefined ? '' : `: ${error.details}`;
      throw new AppError('GRAPH_API_FAILED', `${error.message}${code}${details}`);
    }
    throw error;
  }
}
