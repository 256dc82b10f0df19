import type { Request, RequestHandler, Response } from 'express';

import type { SimContext } from '../context';
import type { GraphRoute } from './faults';
import { GraphError, graphErrors } from './graph-error';
import type { RateLimitScope } from './graph-error';
import { readGraphRequest } from './graph-request';
import type { GraphRequest } from './graph-request';

/** What a route handler returns; `after` runs once the answer is out (e.g. status webhooks). */
export interface GraphAnswer {
  status?: number;
  body: unknown;
  after?: () => void;
}

export type GraphHandler = (request: GraphRequest) => GraphAnswer | Promise<GraphAnswer>;

/** Wraps a handler with fault injection, Meta's error bodies and the `after` hook. */
export function graphRoute(
  ctx: SimContext,
  route: GraphRoute,
  scope: RateLimitScope,
  handler: GraphHandler,
): RequestHandler {
  return async (req: Request, res: Response) => {
    const fault = ctx.faults.take(route);
    if (fault?.kind === 'rate_limit') {
      sendError(res, graphErrors.rateLimit(fault.scope ?? scope));

      return;
    }
    if (fault?.kind === 'server_error') {
      sendError(res, graphErrors.serverError());

      return;
    }
    let answer: GraphAnswer;
    try {
      answer = await handler(await readGraphRequest(req));
    } catch (error) {
      sendError(res, asGraphError(ctx, route, error));

      return;
    }
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      answer.after?.();

      return;
    }
    if (fault?.kind === 'delay') {
      await ctx.sleep(fault.delayMs);
    }
    if (!res.destroyed) {
      res.status(answer.status ?? 200).json(answer.body);
    }
    answer.after?.();
  };
}

export function sendError(res: Response, error: GraphError): void {
  res.status(error.httpStatus).json(error.toBody());
}

function asGraphError(ctx: SimContext, route: GraphRoute, error: unknown): GraphError {
  if (error instanceof GraphError) {
    return error;
  }
  ctx.log.error({ err: error, route }, 'graph route failed');

  return new GraphError(500, 1, 'An unknown error has occurred.', { isTransient: true });
}
