import type { MachinePost } from '../http/machine-intake';
import type { WindowCounter } from '../http/window-counter';
import { newCallFacts } from './answer';
import type { EndpointHandler } from './handle-call';

/** Meta's limit for a request (spec B1): base64 images in lists made it this large. */
export const MAX_ENDPOINT_BODY_BYTES = 10 * 1024 * 1024;

const ENDPOINT_PATH = /^\/endpoint\/([^/]+)\/?$/i;

/**
 * `POST /endpoint/:flowId`. The body is kept as raw bytes: the signature covers exactly the
 * bytes received, so nothing may parse and re-serialise it first. Each endpoint URL is one Flow
 * of one workspace: the limit counts accepted calls per Flow, before the body is read.
 */
export function endpointPost(handler: EndpointHandler, perFlow: WindowCounter): MachinePost {
  return {
    path: '/endpoint/:flowId',
    match: (path) => flowIdOf(path),
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
  const segment = ENDPOINT_PATH.exec(path)?.[1];
  if (segment === undefined) {
    return undefined;
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
