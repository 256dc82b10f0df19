import express from 'express';
import type { Request, Response, Router } from 'express';

import type { MachineAnswer, MachinePost } from '../http/machine-intake';
import { noteOutcome } from '../http/request-outcome';
import type { WindowCounter } from '../http/window-counter';
import type { Logger } from '../logger';
import { answerHandshake, type ReceiveAnswer } from './receive-webhook';
import { routeOfBody, type WebhookConnections } from './webhook-connections';

/** Meta sends at most 3 MB (spec C1); a little room above that. */
const MAX_WEBHOOK_BODY_BYTES = 4 * 1024 * 1024;

const WEBHOOK_PATH = /^\/webhooks\/whatsapp\/?$/i;

type Receive = (
  rawBody: Buffer,
  signature: string | undefined,
  log: Logger,
) => Promise<ReceiveAnswer>;

/**
 * `GET /webhooks/whatsapp`, the verification handshake, on the editor's application. The URL
 * to give Meta as the app's callback; Meta posts its webhooks there (`webhookPost`).
 */
export function webhookRoutes(connections: WebhookConnections): Router {
  const router = express.Router();
  router.get('/whatsapp', (req, res) => {
    void handshake(connections, req, res);
  });

  return router;
}

/**
 * `POST /webhooks/whatsapp`. The limit counts accepted webhooks per connection (the WhatsApp
 * Business Account or phone number the body names), so it is applied once the body is read. A
 * refused webhook was not stored, and Meta sends it again later; a stored one is always
 * answered 200.
 */
export function webhookPost(receive: Receive, perConnection: WindowCounter): MachinePost {
  return {
    path: '/webhooks/whatsapp',
    match: (path) => (WEBHOOK_PATH.test(path) ? 'whatsapp' : undefined),
    maxBodyBytes: MAX_WEBHOOK_BODY_BYTES,
    what: 'the webhook',
    limit: {
      counter: perConnection,
      scope: 'for this connection',
      keyOf: { after: connectionKeyOf },
    },
    // Not stored: Meta retries a webhook that was not answered 200.
    failure: 'webhook could not be stored',
    answer: async (call): Promise<MachineAnswer> => {
      const answer = await receive(call.rawBody, call.signature, call.log);
      if (answer.status === 401) {
        // One line per request: the completion line carries the reason.
        call.note('webhook refused', { reason: answer.reason, bytes: call.rawBody.length });

        return { status: 401, contentType: 'text/plain', body: answer.reason };
      }

      return { status: 200, contentType: 'text/plain', body: 'OK' };
    },
  };
}

function connectionKeyOf(body: Buffer): string {
  const route = routeOfBody(body);
  const waba = route?.wabaIds[0];
  const phone = route?.phoneNumberIds[0];

  return waba ? `waba:${waba}` : phone ? `phone:${phone}` : 'unnamed';
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
