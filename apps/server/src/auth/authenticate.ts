import type { PrismaClient } from '@sanjay-flow/db';
import type { IncomingHttpHeaders } from 'node:http';

import type { Role } from '../trpc/context';
import { RoleSchema } from './accounts';
import { authenticateApiToken } from './api-tokens';
import { readCookies, SESSION_COOKIE, WORKSPACE_COOKIE } from './cookies';
import { sameSecret } from './secrets';
import { findSignInSession } from './sessions';

/** The header a member of several workspaces names one with (the cookie is a fallback). */
export const WORKSPACE_HEADER = 'x-sflow-workspace';
/** The header the editor echoes its session's CSRF token in, on every change it asks for. */
export const CSRF_HEADER = 'x-csrf-token';

/** Who acts: a signed-in member, or an API token. */
export type Actor = { kind: 'user'; userId: string } | { kind: 'token'; tokenId: string };

export interface Caller {
  workspaceId: string;
  role: Role;
  actor: Actor;
}

export type Authentication =
  | { ok: true; caller: Caller }
  | {
      ok: false;
      status: 401 | 403 | 404;
      code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
      message: string;
    };

export interface AuthRequest {
  method: string;
  headers: IncomingHttpHeaders;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(status: 401 | 403 | 404, message: string): Authentication {
  const code = status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : 'NOT_FOUND';

  return { ok: false, status, code, message };
}

/**
 * Who a request comes from, in which workspace, with which role. A bearer API token acts in
 * its own workspace; a session cookie acts in the workspace the request names (header, then
 * cookie) among the user's, else in the user's first. Cookie-authenticated changes must echo
 * the session's CSRF token: a page of another site can make the browser send the cookie, but
 * cannot read the token.
 */
export async function authenticate(
  prisma: PrismaClient,
  request: AuthRequest,
): Promise<Authentication> {
  const authorization = request.headers.authorization;
  const named = headerValue(request.headers[WORKSPACE_HEADER]);
  if (authorization !== undefined) {
    return byToken(prisma, authorization, named);
  }
  const cookies = readCookies(request.headers.cookie);
  const token = cookies.get(SESSION_COOKIE);
  if (token === undefined || token === '') {
    return refuse(401, 'Sign in first, or send an API token as "Authorization: Bearer <token>"');
  }
  const session = await findSignInSession(prisma, token);
  if (!session) {
    return refuse(401, 'Your session has ended: sign in again');
  }
  if (!READ_METHODS.has(request.method.toUpperCase())) {
    const given = headerValue(request.headers[CSRF_HEADER]);
    if (given === undefined || !sameSecret(given, session.csrfToken)) {
      return refuse(403, `A change made with a session cookie needs the ${CSRF_HEADER} header`);
    }
  }

  return inWorkspace(prisma, session.userId, named, cookies.get(WORKSPACE_COOKIE));
}

async function byToken(
  prisma: PrismaClient,
  authorization: string,
  named: string | undefined,
): Promise<Authentication> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const caller = match?.[1] === undefined ? null : await authenticateApiToken(prisma, match[1]);
  if (!caller) {
    return refuse(401, 'The API token is unknown, revoked or expired');
  }
  if (named !== undefined && named !== caller.workspaceId) {
    return refuse(404, 'No workspace with this id is open to this token');
  }

  return {
    ok: true,
    caller: {
      workspaceId: caller.workspaceId,
      role: caller.role,
      actor: { kind: 'token', tokenId: caller.tokenId },
    },
  };
}

async function inWorkspace(
  prisma: PrismaClient,
  userId: string,
  named: string | undefined,
  remembered: string | undefined,
): Promise<Authentication> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'asc' }, { workspaceId: 'asc' }],
  });
  // An explicit choice of another workspace is refused; a remembered one that is no longer the
  // user's falls back to the first, so a removed member's editor still opens.
  const chosen =
    named !== undefined
      ? memberships.find((membership) => membership.workspaceId === named)
      : (memberships.find((membership) => membership.workspaceId === remembered) ?? memberships[0]);
  if (!chosen) {
    return named !== undefined
      ? refuse(404, 'No workspace with this id is among yours')
      : refuse(403, 'You are not a member of any workspace: ask an owner to add you');
  }

  return {
    ok: true,
    caller: {
      workspaceId: chosen.workspaceId,
      role: RoleSchema.parse(chosen.role),
      actor: { kind: 'user', userId },
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;

  return first === undefined || first.trim() === '' ? undefined : first.trim();
}
