import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

import getRawBody from 'raw-body';

import type { Logger } from '../logger';
import { lazyChild, startMachineRequest } from './machine-requests';
import { noteOutcome } from './request-outcome';
import type { WindowCounter } from './window-counter';

/** What a route answers: a status and a text body, never a stack trace. */
export interface MachineAnswer {
  status: number;
  contentType: 'text/plain' | 'application/json';
  body: string;
}

/** A POST the route accepted for reading: its parameter, its bytes, and what to log with. */
export interface MachineCall {
  param: string;
  rawBody: Buffer;
  signature: string | undefined;
  /** The server's logger bound to this request's id; made on first use. */
  log: Logger;
  /** Says why the call ended as it did, on its completion line (see `noteOutcome`). */
  note: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The limit on accepted calls per key: a key known from the path (`before`) refuses a full
 * window before the body is read; a key read from the body (`after`) once it is read.
 */
export interface MachineLimit {
  counter: WindowCounter;
  /** Said in the 429 answer, e.g. "for this Flow". */
  scope: string;
  keyOf:
    { before: (param: string) => string } | { after: (rawBody: Buffer, param: string) => string };
}

/** One of the POST routes only Meta calls. */
export interface MachinePost {
  /** The route as Express would write it: `/endpoint/:flowId`. */
  path: string;
  /** The route's parameter when the path (without its query) is this route's. */
  match: (path: string) => string | undefined;
  maxBodyBytes: number;
  /** The route in words, for the 413 answer: "the data endpoint". */
  what: string;
  limit: MachineLimit;
  answer: (call: MachineCall) => Promise<MachineAnswer>;
  /** Logged when `answer` throws: the call is answered 500, which Meta retries. */
  failure: string;
}

/**
 * Meta's POSTs (the data endpoint and the webhook) answered by plain Node handlers before the
 * editor's Express application sees them. These routes answer every call of every customer:
 * routing, body reading and the limit cost less here than through Express's layers, and the
 * request logger and browser headers the editor's routes get are not needed. Per request:
 *
 * - The request id, headers and completion line of `startMachineRequest`; `call.log` is the
 *   server's logger with that id, made only when a route writes to it.
 * - The limit per key counts accepted calls only: a call is counted once its body has arrived,
 *   and a call answered 400 or above gives its count back.
 * - The body read as raw bytes (the signature covers exactly those), inflated when labelled
 *   gzip, deflate or br, and refused with 413 beyond the route's limit.
 *
 * Returns whether it took the request; any other request is the caller's to route.
 */
export function machineIntake(
  routes: readonly MachinePost[],
  options: { logger: Logger; https: boolean },
) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') {
      return false;
    }
    const path = pathOf(req.url ?? '/');
    for (const route of routes) {
      const param = route.match(path);
      if (param !== undefined) {
        serve(route, param, req, res, options).catch((error: unknown) => {
          // A fault outside the route's own answer: still one answer, never a stack.
          options.logger.error({ err: error }, route.failure);
          if (!res.headersSent) {
            send(res, { status: 500, contentType: 'text/plain', body: 'Internal error' });
          }
        });

        return true;
      }
    }

    return false;
  };
}

/** The path of an origin-form target (`/a?b`) or an absolute-form one (`http://host/a?b`). */
function pathOf(target: string): string {
  if (target.startsWith('/')) {
    const queryAt = target.indexOf('?');

    return queryAt === -1 ? target : target.slice(0, queryAt);
  }
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

async function serve(
  route: MachinePost,
  param: string,
  req: IncomingMessage,
  res: ServerResponse,
  options: { logger: Logger; https: boolean },
) {
  const id = startMachineRequest(req, res, { ...options, url: req.url });
  const log = lazyChild(options.logger, { req: { id } });

  const { limit } = route;
  const refuse = (retryAfterSeconds: number) => {
    noteOutcome(res, 'rate limit reached', { scope: limit.scope });
    res.setHeader('Retry-After', String(retryAfterSeconds));
    send(res, {
      status: 429,
      contentType: 'text/plain',
      body: `Too many requests ${limit.scope}: retry after ${retryAfterSeconds} seconds.`,
    });
  };
  // A full window refuses before the body is read; a call is counted only once its body has
  // arrived, so slow or abandoned bodies hold no count.
  const keyBefore = 'before' in limit.keyOf ? limit.keyOf.before(param) : undefined;
  const fullFor = keyBefore === undefined ? undefined : limit.counter.refusal(keyBefore);
  if (fullFor !== undefined) {
    refuse(fullFor);

    return;
  }
  const body = await readBody(req, route);
  if (!body.ok) {
    send(res, body.answer);

    return;
  }
  const taken = limit.counter.take(
    'after' in limit.keyOf ? limit.keyOf.after(body.bytes, param) : limit.keyOf.before(param),
  );
  if (!taken.allowed) {
    refuse(taken.retryAfterSeconds);

    return;
  }
  let answer: MachineAnswer;
  try {
    answer = await route.answer({
      param,
      rawBody: body.bytes,
      signature: req.headers['x-hub-signature-256'] as string | undefined,
      log,
      note: (message, fields) => noteOutcome(res, message, fields),
    });
  } catch (error) {
    // The stack goes to the log, never into the answer.
    log.error({ err: error }, route.failure);
    answer = { status: 500, contentType: 'text/plain', body: 'Internal error' };
  }
  // Only accepted calls count: nobody without the app secret can use up an allowance.
  if (answer.status >= 400) {
    taken.giveBack();
  }
  send(res, answer);
}

type ReadBody = { ok: true; bytes: Buffer } | { ok: false; answer: MachineAnswer };

async function readBody(req: IncomingMessage, route: MachinePost): Promise<ReadBody> {
  // An empty header says nothing about the body, as a missing one.
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase() || 'identity';
  const inflated = inflating(req, encoding);
  if (inflated === undefined) {
    return refused(415, `Unsupported content encoding "${encoding}".`);
  }
  try {
    const bytes = await getRawBody(inflated, {
      limit: route.maxBodyBytes,
      // The declared length is the compressed one; only a plain body can be checked against it.
      length: inflated === req ? req.headers['content-length'] : undefined,
    });

    return { ok: true, bytes };
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      const limit = sizeInWords(route.maxBodyBytes);

      return refused(413, `Request body too large: ${route.what} accepts at most ${limit}.`);
    }
    if (type === 'request.aborted') {
      return refused(400, 'The request was aborted before its body arrived.');
    }

    return refused(
      400,
      inflated === req
        ? 'The request body could not be read.'
        : `The request body is not valid ${encoding} data.`,
    );
  }
}

// The request piped through the inflater: a client that goes away mid-body ends the read with
// an error instead of leaving it waiting for the inflater's end.
function inflating(req: IncomingMessage, encoding: string): Readable | undefined {
  const inflater = INFLATERS.get(encoding);
  if (inflater === undefined) {
    return undefined;
  }
  if (inflater === 'identity') {
    return req;
  }
  const inflated = inflater();
  pipeline(req, inflated, () => undefined);

  return inflated;
}

const INFLATERS = new Map<string, 'identity' | (() => Transform)>([
  ['identity', 'identity'],
  ['gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

/** `10mb`, `1kb` or `100 bytes`, as the limits are written. */
function sizeInWords(bytes: number): string {
  const KB = 1024;

  return bytes % (KB * KB) === 0
    ? `${bytes / (KB * KB)}mb`
    : bytes % KB === 0
      ? `${bytes / KB}kb`
      : `${bytes} bytes`;
}

function refused(status: number, body: string): ReadBody {
  return { ok: false, answer: { status, contentType: 'text/plain', body } };
}

function send(res: ServerResponse, answer: MachineAnswer) {
  res.statusCode = answer.status;
  res.setHeader('Content-Type', `${answer.contentType}; charset=utf-8`);
  res.setHeader('Content-Length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}
