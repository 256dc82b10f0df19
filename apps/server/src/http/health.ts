import type { RequestHandler } from 'express';

import type { Database } from '@sanjay-flow/db';

/** `{"status":"ok"}` only while the database answers; load balancers route on this. */
export function healthHandler(db: Database): RequestHandler {
  return async (req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ok' });
    } catch (error) {
      req.log.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  };
}
