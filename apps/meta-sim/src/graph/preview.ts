import type { RequestHandler } from 'express';

import type { SimContext } from '../context';

/**
 * The preview link of `fields=preview`: Meta serves an interactive phone; the stand-in serves
 * the draft Flow JSON the link would show, while the link is valid.
 */
export function previewPage(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const flow = ctx.state.flows.get(String(req.params.flowId));
    const valid =
      flow !== undefined &&
      flow.previewToken === req.query.token &&
      flow.previewExpiresAt.getTime() > Date.now();
    if (!valid) {
      res.status(404).json({ error: { message: 'This preview link is invalid or has expired.' } });

      return;
    }
    res
      .status(200)
      .type('application/json')
      .send(flow.asset?.text ?? '{}');
  };
}
