/**
 * Meta's default throughput is 80 messages per second per business phone number (higher tiers
 * reach 1000). Staying under it avoids error 130429; each number has its own bucket.
 */
export const DEFAULT_SENDS_PER_SECOND = 80;

export interface SendRateLimiter {
  /** Resolves when the number may send one more message. */
  acquire(phoneNumberId: string): Promise<void>;
  /** Holds the number's sends back, after Meta reported it is throttling them. */
  pause(phoneNumberId: string, ms: number): void;
}

export interface RateLimiterOptions {
  perSecond?: number;
  /** Sends allowed at once after a quiet spell; the rate by default. */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
}

/**
 * A token bucket per phone number id, in this process. Several server processes sharing one
 * database each keep their own buckets.
 * TODO: share the buckets (in the database or Redis) so that several processes together stay
 * under a number's throughput.
 */
export function createSendRateLimiter(options: RateLimiterOptions = {}): SendRateLimiter {
  const perSecond = options.perSecond ?? DEFAULT_SENDS_PER_SECOND;
  const burst = options.burst ?? perSecond;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const buckets = new Map<string, Bucket>();

  const bucketOf = (key: string): Bucket => {
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: burst, updatedAt: now(), pausedUntil: 0 };
      buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now() - bucket.updatedAt);
    bucket.tokens = Math.min(burst, bucket.tokens + (elapsed * perSecond) / 1000);
    bucket.updatedAt = now();

    return bucket;
  };

  // How long until the number may send, or 0 after taking its token.
  const waitFor = (key: string): number => {
    const bucket = bucketOf(key);
    const paused = bucket.pausedUntil - now();
    if (paused > 0) {
      return paused;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;

      return 0;
    }

    return Math.ceil(((1 - bucket.tokens) * 1000) / perSecond);
  };

  return {
    acquire: async (phoneNumberId) => {
      for (let wait = waitFor(phoneNumberId); wait > 0; wait = waitFor(phoneNumberId)) {
        await sleep(wait);
      }
    },
    pause: (phoneNumberId, ms) => {
      const bucket = bucketOf(phoneNumberId);
      bucket.pausedUntil = Math.max(bucket.pausedUntil, now() + ms);
      bucket.tokens = 0;
    },
  };
}
