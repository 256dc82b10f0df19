import type { PrismaClient } from '@sanjay-flow/db';
import type { RequestHandler, Response } from 'express';

import { authenticate, type Caller } from './authenticate';

/**
 * Guards a REST route that serves a workspace's data: answers 401/403/404 as JSON, or puts the
 * caller in `res.locals.caller` for the route (read it with `callerOf(res)`). Routes look
 * records up within `callerOf(res).workspaceId` and answer 404 for any other workspace's.
 */
export function requireMember(prisma: PrismaClient): RequestHandler {
  return (req, res, next) => {
    authenticate(prisma, req).then((authentication) => {
      if (!authentication.ok) {
        res
          .status(authentication.status)
          .json({ error: { code: authentication.code, message: authentication.message } });

        return;
      }
      res.locals.caller = authentication.caller;
      next();
    }, next);
  };
}

export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) {
    throw new Error('callerOf: the route is not behind requireMember');
  }

  return caller;
}
