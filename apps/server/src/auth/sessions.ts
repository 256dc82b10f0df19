import type { PrismaClient } from '@sanjay-flow/db';

import { randomToken, tokenHash } from './secrets';

/** How long a sign-in lasts; signing in again starts a new one. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewSignInSession {
  /** The cookie value: shown to the browser once, stored only as its hash. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SignInSessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function startSignInSession(
  prisma: PrismaClient,
  userId: string,
  now = new Date(),
): Promise<NewSignInSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await prisma.signInSession.create({
    data: { tokenHash: tokenHash(token), userId, csrfSecret: csrfToken, expiresAt },
  });

  return { token, csrfToken, expiresAt };
}

/** The live session of a cookie value, or null when it is unknown or expired. */
export async function findSignInSession(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<SignInSessionRecord | null> {
  const row = await prisma.signInSession.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.expiresAt <= now) {
    return null;
  }

  return { id: row.id, userId: row.userId, csrfToken: row.csrfSecret, expiresAt: row.expiresAt };
}

export async function endSignInSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.signInSession.deleteMany({ where: { tokenHash: tokenHash(token) } });
}
