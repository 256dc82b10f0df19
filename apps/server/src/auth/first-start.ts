import type { PrismaClient } from '@sanjay-flow/db';

import { putMember } from './accounts';
import { createSignInLink, signInLinkPath } from './sign-in-links';

/** The account first start makes; its owner chooses a password after the first sign-in. */
export const FIRST_OWNER_EMAIL = 'owner@localhost';

/**
 * On a database without any user, makes the owner of `workspaceId` and a one-time sign-in
 * link for them; otherwise does nothing. Server processes starting together on one database
 * race on the unique email: only the one whose insert lands makes the link.
 */
export async function ensureFirstOwner(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<{ email: string; linkPath: string; expiresAt: Date } | null> {
  if ((await prisma.user.count()) > 0) {
    return null;
  }
  const inserted = await prisma.user.createManyAndReturn({
    data: [{ email: FIRST_OWNER_EMAIL }],
    skipDuplicates: true,
    select: { id: true },
  });
  const owner = inserted[0];
  if (!owner) {
    return null;
  }
  await putMember(prisma, workspaceId, owner.id, 'owner');
  const link = await createSignInLink(prisma, owner.id);

  return {
    email: FIRST_OWNER_EMAIL,
    linkPath: signInLinkPath(link.token),
    expiresAt: link.expiresAt,
  };
}
