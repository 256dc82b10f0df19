import type { HttpMethod } from '@sanjay-flow/runtime';

import { createByteHttpPort, type ResolvedAddress } from '../endpoint/http-port';
import { graphApiPolicy, type GraphApiPolicyOptions } from './graph-api-policy';

/** Largest Graph API answer read: a Flow JSON file is at most 10 MB. */
const MAX_GRAPH_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The Graph API client times out the whole call; this only ends a connection gone silent. */
const IDLE_TIMEOUT_MS = 60_000;
// Statuses whose answer has no body: a `Response` refuses one.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export interface GraphApiFetchOptions extends GraphApiPolicyOptions {
  /** DNS resolution; tests replace it to return addresses without a resolver. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/**
 * A `fetch` for the Graph API client that goes through the server's outbound HTTP port under the
 * Graph API's policy: the URL is checked, then every address its host resolves to, the socket is
 * pinned to the checked address, and redirects come back as answers, never followed. A refused
 * call throws `OutboundRefusedError` before anything is sent.
 */
export function createGraphApiFetch(options: GraphApiFetchOptions): typeof fetch {
  const port = createByteHttpPort({
    allowedHosts: options.allowedHosts,
    policy: graphApiPolicy(options),
    maxResponseBytes: MAX_GRAPH_RESPONSE_BYTES,
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
  });

  return async (input, init) => {
    // A `Request` encodes the body as `fetch` would: a form as multipart, with its boundary.
    const request = new Request(input, init);
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const signal = init?.signal ?? request.signal;
    try {
      const answer = await port.request({
        method: request.method as HttpMethod,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        ...(body === undefined ? {} : { body }),
        timeoutMs: IDLE_TIMEOUT_MS,
        signal,
      });

      // Copied into a Uint8Array of its own: a Buffer may view a SharedArrayBuffer, which a
      // `Response` body may not be.
      const answerBody = NULL_BODY_STATUSES.has(answer.status) ? null : new Uint8Array(answer.body);

      return new Response(answerBody, {
        status: answer.status,
        headers: answer.contentType === undefined ? {} : { 'content-type': answer.contentType },
      });
    } catch (error) {
      // Like `fetch`, a call cut off by its signal fails with the signal's reason (a timeout).
      throw signal.aborted ? signal.reason : error;
    }
  };
}
