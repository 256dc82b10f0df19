import type { PrismaClient } from '@sanjay-flow/db';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';

import { setPassword } from './accounts';
import { CSRF_HEADER } from './authenticate';
import {
  clearAuthCookie,
  readCookies,
  SESSION_COOKIE,
  setAuthCookie,
  WORKSPACE_COOKIE,
} from './cookies';
import { PasswordSchema, verifyPassword } from './passwords';
import { sameSecret } from './secrets';
import { sessionView } from './session-view';
import {
  endSignInSession,
  findSignInSession,
  type NewSignInSession,
  SESSION_LIFETIME_MS,
  startSignInSession,
} from './sessions';
import { signIn } from './sign-in';
import type { SignInLimiter } from './sign-in-limiter';
import { useSignInLink } from './sign-in-links';

const SignInBody = z.object({ email: z.string().max(254), password: z.string().max(256) });
const LinkBody = z.object({ token: z.string().min(1).max(200) });
const PasswordBody = z.object({
  password: PasswordSchema,
  currentPassword: z.string().max(256).optional(),
});
const WorkspaceBody = z.object({ workspaceId: z.uuid({ error: 'not a workspace id' }) });

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * `/auth/*`: sign in (password or one-time link), the current session, sign out, choose a
 * password, choose a workspace. Bodies are JSON only: a cross-site form cannot send JSON, and
 * a cross-site script cannot send it without the browser asking this server first.
 */
export function authRoutes(dependencies: { prisma: PrismaClient; limiter: SignInLimiter }): Router {
  const { prisma } = dependencies;
  const routes = express.Router();
  routes.use(express.json({ limit: '16kb' }));
  const handle = (handler: Handler) => (req: Request, res: Response) => handler(req, res);

  routes.post(
    '/sign-in',
    handle(async (req, res) => {
      const body = parseBody(SignInBody, req, res);
      if (!body) {
        return;
      }
      const result = await signIn(dependencies, { ...body, ip: req.ip ?? 'unknown' });
      if (result.status === 'blocked') {
        res.setHeader('Retry-After', String(result.retryAfterSeconds));
        fail(res, 429, 'TOO_MANY_ATTEMPTS', 'Too many failed sign-ins: wait and try again');
      } else if (result.status === 'refused') {
        fail(res, 401, 'INVALID_CREDENTIALS', 'Wrong email or password');
      } else {
        await answerSignedIn(req, res, prisma, result.userId, result.session);
      }
    }),
  );

  routes.post(
    '/link',
    handle(async (req, res) => {
      const body = parseBody(LinkBody, req, res);
      if (!body) {
        return;
      }
      const userId = await useSignInLink(prisma, body.token);
      if (userId === null) {
        fail(res, 401, 'INVALID_LINK', 'This sign-in link is unknown, used or expired');

        return;
      }
      await answerSignedIn(req, res, prisma, userId, await startSignInSession(prisma, userId));
    }),
  );

  routes.get(
    '/session',
    handle(async (req, res) => {
      const session = await currentSession(prisma, req);
      if (!session) {
        fail(res, 401, 'UNAUTHORIZED', 'Not signed in');

        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json(await viewFor(prisma, req, session.userId, session.csrfToken));
    }),
  );

  routes.post(
    '/sign-out',
    handle(async (req, res) => {
      const session = await changingSession(prisma, req, res);
      if (!session) {
        return;
      }
      await endSignInSession(prisma, session.token);
      clearAuthCookie(req, res, SESSION_COOKIE);
      res.status(204).end();
    }),
  );

  routes.post(
    '/password',
    handle(async (req, res) => {
      const session = await changingSession(prisma, req, res);
      const body = session && parseBody(PasswordBody, req, res);
      if (!session || !body) {
        return;
      }
      const user = await prisma.user.findUniqueOrThrow({ where: { id: session.userId } });
      if (
        user.passwordHash !== null &&
        !(await verifyPassword(user.passwordHash, body.currentPassword ?? ''))
      ) {
        fail(res, 403, 'INVALID_CREDENTIALS', 'The current password is wrong');

        return;
      }
      await setPassword(prisma, user.id, body.password, session.id);
      res.status(204).end();
    }),
  );

  routes.post(
    '/workspace',
    handle(async (req, res) => {
      const session = await changingSession(prisma, req, res);
      const body = session && parseBody(WorkspaceBody, req, res);
      if (!session || !body) {
        return;
      }
      const membership = await prisma.membership.findUnique({
        where: { userId_workspaceId: { userId: session.userId, workspaceId: body.workspaceId } },
      });
      if (!membership) {
        fail(res, 404, 'NOT_FOUND', 'No workspace with this id is among yours');

        return;
      }
      const expires = new Date(Date.now() + SESSION_LIFETIME_MS);
      setAuthCookie(req, res, WORKSPACE_COOKIE, body.workspaceId, expires);
      req.headers.cookie = `${WORKSPACE_COOKIE}=${body.workspaceId}`;
      res.json(await viewFor(prisma, req, session.userId, session.csrfToken));
    }),
  );

  return routes;
}

async function answerSignedIn(
  req: Request,
  res: Response,
  prisma: PrismaClient,
  userId: string,
  session: NewSignInSession,
) {
  setAuthCookie(req, res, SESSION_COOKIE, session.token, session.expiresAt);
  res.setHeader('Cache-Control', 'no-store');
  res.json(await viewFor(prisma, req, userId, session.csrfToken));
}

function viewFor(prisma: PrismaClient, req: Request, userId: string, csrfToken: string) {
  const remembered = readCookies(req.headers.cookie).get(WORKSPACE_COOKIE);

  return sessionView(prisma, { userId, csrfToken, remembered });
}

async function currentSession(prisma: PrismaClient, req: Request) {
  const token = readCookies(req.headers.cookie).get(SESSION_COOKIE);
  const session = token ? await findSignInSession(prisma, token) : null;

  return session && token ? { ...session, token } : null;
}

/** The session of a request that changes something: signed in, and the CSRF token echoed. */
async function changingSession(prisma: PrismaClient, req: Request, res: Response) {
  const session = await currentSession(prisma, req);
  if (!session) {
    fail(res, 401, 'UNAUTHORIZED', 'Not signed in');

    return null;
  }
  const given = req.get(CSRF_HEADER);
  if (given === undefined || !sameSecret(given, session.csrfToken)) {
    fail(res, 403, 'FORBIDDEN', `This request needs the ${CSRF_HEADER} header`);

    return null;
  }

  return session;
}

function parseBody<T>(schema: z.ZodType<T>, req: Request, res: Response): T | null {
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`,
    );
    const hint = req.is('application/json') ? '' : ' (JSON expected)';
    fail(res, 400, 'BAD_REQUEST', `Invalid request body${hint}: ${problems.join('; ')}`);

    return null;
  }

  return parsed.data;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}
