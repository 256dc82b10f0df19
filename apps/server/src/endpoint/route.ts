import express from 'express';
import type { Request, Response, Router } from 'express';

import { anyType } from '../http/intake-limits';
import type { Logger } from '../logger';
import { newCallFacts } from './answer';
import type { EndpointHandler } from './handle-call';

/** Meta's limit for a request (spec B1): base64 images in lists made it this large. */
export const MAX_ENDPOINT_BODY = '10mb';

/**
 * `POST /endpoint/:flowId`. The body is kept as raw bytes: the signature covers exactly the
 * bytes received, so nothing may parse and re-serialise it first.
 */
export function endpointRoutes(handler: EndpointHandler): Router {
  const router = express.Router();
  router.post(
    '/:flowId',
    express.raw({ type: anyType, limit: MAX_ENDPOINT_BODY }),
    (req: Request<{ flowId: string }>, res: Response) => {
      void answerCall(handler, req, res);
    },
  );

  return router;
}

async function answerCall(
  handler: EndpointHandler,
  req: Request<{ flowId: string }>,
  res: Response,
) {
  const log: Logger = req.log;
  try {
    const answer = await handler.handle({
      flowId: req.params.flowId,
      rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      signature: req.get('x-hub-signature-256'),
      facts: newCallFacts(req.params.flowId),
      log,
    });
    res.status(answer.status).type(answer.contentType).send(answer.body);
  } catch (error) {
    // The stack goes to the log, never into the answer.
    log.error({ err: error, flowId: req.params.flowId }, 'data endpoint call failed');
    if (!res.headersSent) {
      res.status(500).type('text/plain').send('Internal error');
    }
  }
}
