import express from 'express';
import type { Request, Response, Router } from 'express';

import { anyType } from '../http/intake-limits';
import { noteOutcome } from '../http/request-outcome';
import type { Logger } from '../logger';
import { answerHandshake, type ReceiveAnswer } from './receive-webhook';
import type { WebhookConnections } from './webhook-connections';

/** Meta sends at most 3 MB (spec C1); a little room above that. */
export const MAX_WEBHOOK_BODY = '4mb';

type Receive = (
  rawBody: Buffer,
  signature: string | undefined,
  log: Logger,
) => Promise<ReceiveAnswer>;

/**
 * `GET` and `POST /webhooks/whatsapp`: the URL to give Meta as the app's callback. The limit
 * per connection is applied in front of this router (`http/hardening.ts`).
 */
export function webhookRoutes(receive: Receive, connections: WebhookConnections): Router {
  const router = express.Router();
  router.get('/whatsapp', (req, res) => {
    void handshake(connections, req, res);
  });
  router.post('/whatsapp', express.raw({ type: anyType, limit: MAX_WEBHOOK_BODY }), (req, res) => {
    void take(receive, req, res);
  });

  return router;
}

async function handshake(connections: WebhookConnections, req: Request, res: Response) {
  try {
    const answer = await answerHandshake(connections, {
      mode: req.query['hub.mode'],
      token: req.query['hub.verify_token'],
      challenge: req.query['hub.challenge'],
    });
    if (answer.status === 200) {
      res.status(200).type('text/plain').send(answer.challenge);

      return;
    }
    noteOutcome(res, 'webhook verification refused', { reason: answer.reason });
    res.status(answer.status).type('text/plain').send(answer.reason);
  } catch (error) {
    req.log.error({ err: error }, 'webhook verification failed');
    res.status(500).type('text/plain').send('Internal error');
  }
}

async function take(receive: Receive, req: Request, res: Response) {
  const log: Logger = req.log;
  try {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receive(rawBody, req.get('x-hub-signature-256'), log);
    if (answer.status === 401) {
      // One line per request: the request logger's completion line carries the reason.
      noteOutcome(res, 'webhook refused', { reason: answer.reason, bytes: rawBody.length });
      res.status(401).type('text/plain').send(answer.reason);

      return;
    }
    res.status(200).type('text/plain').send('OK');
  } catch (error) {
    // Not stored: Meta retries a webhook that was not answered 200.
    log.error({ err: error }, 'webhook could not be stored');
    res.status(500).type('text/plain').send('Internal error');
  }
}
