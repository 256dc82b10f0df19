import type { PrismaClient } from '@sanjay-flow/db';

import { EmailSchema } from './accounts';
import { verifyPassword } from './passwords';
import { startSignInSession, type NewSignInSession } from './sessions';
import type { SignInLimiter } from './sign-in-limiter';

export type SignInResult =
  | { status: 'signed_in'; userId: string; session: NewSignInSession }
  | { status: 'refused' }
  | { status: 'blocked'; retryAfterSeconds: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks an email and password and starts a session. Each refusal is held a little longer
 * than the one before (per email and per address), and once either has failed too often in
 * the window, attempts are refused without checking the password at all.
 */
export async function signIn(
  dependencies: { prisma: PrismaClient; limiter: SignInLimiter },
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const { prisma, limiter } = dependencies;
  const email = EmailSchema.safeParse(input.email).data ?? input.email.trim().toLowerCase();
  const attempt = await limiter.begin(email, input.ip);
  if (!attempt.allowed) {
    return { status: 'blocked', retryAfterSeconds: attempt.retryAfterSeconds };
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) {
    await sleep(limiter.delayFor(attempt.failures));

    return { status: 'refused' };
  }
  await limiter.succeeded(email, input.ip, attempt.id);
  await limiter.prune();

  return {
    status: 'signed_in',
    userId: user.id,
    session: await startSignInSession(prisma, user.id),
  };
}
