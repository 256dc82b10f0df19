export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** How long this attempt may take; the runtime also races it against `delay`. */
  timeoutMs: number;
  /** Aborted when the runtime gives up on the attempt. */
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/**
 * Performs one outbound request. The server's implementation refuses unsafe destinations
 * (see `checkOutboundUrl` and `checkResolvedAddress`), caps the response size, and rejects on
 * network errors.
 */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Everything the runtime needs from the outside world. It performs no I/O of its own. */
export interface RuntimePorts {
  http: HttpPort;
  /** Resolves after `ms` milliseconds; may reject or resolve early once `signal` aborts. */
  delay(ms: number, signal: AbortSignal): Promise<void>;
}
