import type { PrismaClient } from '@sanjay-flow/db';

import { tokenHash } from './secrets';

export interface SignInLimits {
  /** The window failures are counted in. */
  windowMs: number;
  /** Failures for one email in the window before it is blocked. */
  perEmail: number;
  /** Failures from one IP address in the window before it is blocked. */
  perIp: number;
  /** Added to each refusal per failure already counted, up to `maxDelayMs`: slows guessing. */
  delayPerFailureMs: number;
  maxDelayMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60 * 1000,
  perEmail: 5,
  perIp: 30,
  delayPerFailureMs: 250,
  maxDelayMs: 2_000,
};

export type Attempt =
  { allowed: true; id: string; failures: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts sign-in attempts in the database, so that every server process sharing it sees the
 * same counts. An attempt is written as a failure first and only then are the failures in the
 * window counted, this one included: of attempts racing in parallel, the n-th to be written
 * sees at least n, so a burst cannot slip past the limit between a check and a write.
 */
export function createSignInLimiter(prisma: PrismaClient, limits = DEFAULT_SIGN_IN_LIMITS) {
  const keysOf = (email: string, ip: string) => ({
    email: tokenHash(`email:${email}`),
    ip: tokenHash(`ip:${ip}`),
  });

  return {
    limits,

    async begin(email: string, ip: string, now = new Date()): Promise<Attempt> {
      const keys = keysOf(email, ip);
      const rows = await prisma.signInAttempt.createManyAndReturn({
        data: [
          { key: keys.email, at: now },
          { key: keys.ip, at: now },
        ],
        select: { id: true },
      });
      const since = new Date(now.getTime() - limits.windowMs);
      const [emailFailures = 0, ipFailures = 0] = await Promise.all(
        [keys.email, keys.ip].map((key) =>
          prisma.signInAttempt.count({ where: { key, succeeded: false, at: { gt: since } } }),
        ),
      );
      // Both counts include this attempt. A refused attempt stays counted: guessing on while
      // blocked keeps the block.
      if (emailFailures > limits.perEmail || ipFailures > limits.perIp) {
        return { allowed: false, retryAfterSeconds: Math.ceil(limits.windowMs / 1000) };
      }

      return {
        allowed: true,
        id: rows.map((row) => row.id).join(','),
        failures: Math.max(emailFailures, ipFailures) - 1,
      };
    },

    /** A right password: the email's failures are forgiven; the address's stay counted. */
    async succeeded(email: string, ip: string, attemptId: string): Promise<void> {
      const keys = keysOf(email, ip);
      await prisma.signInAttempt.deleteMany({ where: { key: keys.email } });
      await prisma.signInAttempt.updateMany({
        where: { id: { in: attemptId.split(',') }, key: keys.ip },
        data: { succeeded: true },
      });
    },

    /** How long to hold a refusal: longer with every failure already counted. */
    delayFor(failures: number): number {
      return Math.min(limits.maxDelayMs, (failures + 1) * limits.delayPerFailureMs);
    },

    /** Attempts older than a day count for nothing: the window is shorter. */
    async prune(now = new Date()): Promise<void> {
      const dayAgo = new Date(now.getTime() - Math.max(limits.windowMs, 24 * 60 * 60 * 1000));
      await prisma.signInAttempt.deleteMany({ where: { at: { lt: dayAgo } } });
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
