import type { MachinePost } from '../http/machine-intake';
import type { WindowCounter } from '../http/window-counter';
import { newCallFacts } from './answer';
import type { EndpointHandler } from './handle-call';

/** Meta's limit for a request (spec B1): base64 images in lists made it this large. */
const MAX_ENDPOINT_BODY_BYTES = 10 * 1024 * 1024;

// Flow ids are UUIDs: any other path is not a Flow's endpoint, and is answered 404 by the
// application without a lookup, a count or a log line carrying what the caller wrote.
const ENDPOINT_PATH =
  /^\/endpoint\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
 * `POST /endpoint/:flowId`. The body is kept as raw bytes: the signature covers exactly the
 * bytes received, so nothing may parse and re-serialise it first. Each endpoint URL is one Flow
 * of one workspace: the limit counts accepted calls per Flow, and a Flow whose window is full is
 * refused before the body is read.
 */
export function endpointPost(handler: EndpointHandler, perFlow: WindowCounter): MachinePost {
  return {
    path: '/endpoint/:flowId',
    match: flowIdOf,
    maxBodyBytes: MAX_ENDPOINT_BODY_BYTES,
    what: 'the data endpoint',
    limit: { counter: perFlow, scope: 'for this Flow', keyOf: { before: (flowId) => flowId } },
    failure: 'data endpoint call failed',
    answer: (call) =>
      handler.handle({
        flowId: call.param,
        rawBody: call.rawBody,
        signature: call.signature,
        facts: newCallFacts(call.param),
        log: call.log,
      }),
  };
}

function flowIdOf(path: string): string | undefined {
  return ENDPOINT_PATH.exec(path)?.[1]?.toLowerCase();
}
