import type { PrismaClient } from '@sanjay-flow/db';

import { randomToken, tokenHash } from './secrets';

/** A link printed to a console or handed to a new member is good for one day. */
export const SIGN_IN_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The path of the editor page that signs in with a link. The token travels in the fragment,
 * which browsers never send to a server, so it stays out of request logs and proxies; the page
 * posts it to `/auth/link`.
 */
export function signInLinkPath(token: string): string {
  return `/sign-in#link=${token}`;
}

export async function createSignInLink(
  prisma: PrismaClient,
  userId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken('sfl_');
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_LIFETIME_MS);
  await prisma.signInLink.create({ data: { tokenHash: tokenHash(token), userId, expiresAt } });

  return { token, expiresAt };
}

/**
 * Uses a link: the user it signs in, or null when it is unknown, expired or already used. One
 * conditional update marks it used, so two clicks racing (or two server processes) cannot
 * both succeed.
 */
export async function useSignInLink(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<string | null> {
  const hash = tokenHash(token);
  const used = await prisma.signInLink.updateMany({
    where: { tokenHash: hash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) {
    return null;
  }
  const link = await prisma.signInLink.findUnique({ where: { tokenHash: hash } });

  return link?.userId ?? null;
}
