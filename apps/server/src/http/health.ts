import type { RequestHandler } from 'express';

import type { Database } from '@sanjay-flow/db';

/** A probe waits this long for the database; one stuck in a statement is not healthy. */
export const HEALTH_DEADLINE_MS = 5_000;

/** `{"status":"ok"}` only while the database answers in time; load balancers route on this. */
export function healthHandler(db: Database, deadlineMs = HEALTH_DEADLINE_MS): RequestHandler {
  // Probes that arrive while one is waiting share its query: a stuck database is asked once,
  // not once per probe.
  let pinging: Promise<void> | undefined;
  const ping = () =>
    (pinging ??= db.ping().finally(() => {
      pinging = undefined;
    }));

  return async (req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    try {
      if ((await Promise.race([ping(), late])) === 'late') {
        req.log.warn({ deadlineMs }, 'health check: the database did not answer in time');
        res.status(503).json({ status: 'unavailable', reason: 'database did not answer in time' });

        return;
      }
      res.json({ status: 'ok' });
    } catch (error) {
      req.log.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  };
}
