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
 * same counts. An attempt is recorded as a failure before the password is checked, and
 * counted with every other in the window: attempts racing in parallel see each other, and a
 * burst cannot slip through between a check and a write.
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
      const since = new Date(now.getTime() - limits.windowMs);
      const [emailFailures, ipFailures] = await Promise.all(
        [keys.email, keys.ip].map((key) =>
          prisma.signInAttempt.count({ where: { key, succeeded: false, at: { gt: since } } }),
        ),
      );
      if ((emailFailures ?? 0) >= limits.perEmail || (ipFailures ?? 0) >= limits.perIp) {
        return { allowed: false, retryAfterSeconds: Math.ceil(limits.windowMs / 1000) };
      }
      const rows = await prisma.signInAttempt.createManyAndReturn({
        data: [
          { key: keys.email, at: now },
          { key: keys.ip, at: now },
        ],
        select: { id: true },
      });

      return {
        allowed: true,
        id: rows.map((row) => row.id).join(','),
        failures: Math.max(emailFailures ?? 0, ipFailures ?? 0),
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
