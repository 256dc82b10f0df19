import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route adds to its request's one completion line: a message and a few fields. */
interface RequestOutcome {
  message: string;
  fields: Record<string, unknown>;
}

const OUTCOME = Symbol('requestOutcome');

type WithOutcome = ServerResponse & { [OUTCOME]?: RequestOutcome };

/**
 * Says why a request ended as it did, on the line the request logger writes when it completes,
 * so that a refused request is one log line, not a route's line and the logger's line.
 */
export function noteOutcome(res: ServerResponse, message: string, fields: Record<string, unknown>) {
  (res as WithOutcome)[OUTCOME] = { message, fields };
}

/** For pino-http's `customProps`: the noted fields (none until the route notes them). */
export function outcomeFields(_req: IncomingMessage, res: ServerResponse): object {
  return (res as WithOutcome)[OUTCOME]?.fields ?? {};
}

/** For pino-http's `customSuccessMessage`: the noted message, else pino-http's own. */
export function outcomeMessage(_req: IncomingMessage, res: ServerResponse): string {
  return (res as WithOutcome)[OUTCOME]?.message ?? 'request completed';
}
