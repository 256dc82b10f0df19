import type { Database } from '@sanjay-flow/db';

import { putMember } from '../auth/accounts';
import { createApiToken } from '../auth/api-tokens';
import { startSignInSession } from '../auth/sessions';
import type { Role } from '../trpc/context';

/**
 * A bearer token acting with `role` in the workspace, made as `sflow token create` makes one:
 * spread `authHeaders(token)` into the headers of each request to `/trpc`.
 */
export async function apiTokenFor(db: Database, workspaceId: string, role: Role = 'owner') {
  const { token } = await createApiToken(db.prisma, { workspaceId, name: `test ${role}`, role });

  return token;
}

export function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A member of the workspace signed in as the editor is: the cookie and the CSRF token. */
export async function signedInMember(db: Database, workspaceId: string, role: Role = 'owner') {
  const user = await db.prisma.user.create({
    data: { email: `${role}-${crypto.randomUUID()}@example.test` },
  });
  await putMember(db.prisma, workspaceId, user.id, role);
  const session = await startSignInSession(db.prisma, user.id);

  return {
    userId: user.id,
    cookie: `sflow_session=${session.token}`,
    csrfToken: session.csrfToken,
  };
}
