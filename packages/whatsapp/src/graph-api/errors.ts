import { z } from 'zod';

/**
 * `graph`: Meta answered with an error body; `http`: an error status without Meta's body;
 * `timeout`: no answer in time; `network`: the request did not reach a server;
 * `refused`: the caller's outbound rules stopped the request before anything was sent;
 * `invalid_response`: a success status whose body is not the documented shape.
 */
export type GraphApiErrorKind =
  'graph' | 'http' | 'timeout' | 'network' | 'refused' | 'invalid_response';

/**
 * The error for a request the injected `fetch` would not send (its error is named
 * `OutboundRefusedError`, e.g. a private address); `undefined` for any other failure.
 */
export function refusedRequest(cause: unknown, what: string): GraphApiError | undefined {
  if (!(cause instanceof Error) || cause.name !== 'OutboundRefusedError') {
    return undefined;
  }

  return new GraphApiError(
    `${what} was refused: ${cause.message}`,
    { kind: 'refused', isTransient: false },
    { cause },
  );
}

/** Meta's error body (spec D3). Branch on `code` and `error_data.details`, never the message. */
export const GraphErrorBodySchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export type GraphErrorBody = z.infer<typeof GraphErrorBodySchema>;

// Codes Meta documents as throttling or temporary unavailability: retrying later can succeed.
// 1 unknown, 2 service, 4 app rate limit, 17 user rate limit, 341 app limit, 613 call rate,
// 80007 WABA rate limit, 80008 WABA management calls, 130429 throughput, 131016 service
// unavailable.
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 341, 613, 80_007, 80_008, 130_429, 131_016, 131_056]);

// Throttling codes: wait longer before the next attempt. 131056 is the per-recipient pair limit.
const RATE_LIMIT_CODES = new Set([4, 17, 341, 613, 80_007, 80_008, 130_429, 131_056]);

interface GraphApiErrorDetails {
  kind: GraphApiErrorKind;
  httpStatus?: number | undefined;
  code?: number | undefined;
  subcode?: number | undefined;
  type?: string | undefined;
  details?: string | undefined;
  fbtraceId?: string | undefined;
  isTransient: boolean;
}

/** A failed Graph API call, with what a caller needs to decide whether to retry. */
export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  readonly kind: GraphApiErrorKind;
  /** Absent when no response arrived (timeout, network). */
  readonly httpStatus: number | undefined;
  readonly code: number | undefined;
  readonly subcode: number | undefined;
  readonly type: string | undefined;
  /** `error_data.details`: Meta's precise reason, when it gives one. */
  readonly details: string | undefined;
  /** Quote it when asking Meta's support about a failed call. */
  readonly fbtraceId: string | undefined;
  readonly isTransient: boolean;

  constructor(message: string, details: GraphApiErrorDetails, options?: ErrorOptions) {
    super(message, options);
    this.kind = details.kind;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.subcode = details.subcode;
    this.type = details.type;
    this.details = details.details;
    this.fbtraceId = details.fbtraceId;
    this.isTransient = details.isTransient;
  }

  /** Meta is throttling the app, the account, the number or this recipient. */
  get isRateLimit(): boolean {
    return this.httpStatus === 429 || (this.code !== undefined && RATE_LIMIT_CODES.has(this.code));
  }
}

/** The error for a response with an error status, from Meta's body when it has one. */
export function graphApiErrorFromResponse(httpStatus: number, body: unknown): GraphApiError {
  const parsed = GraphErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    return new GraphApiError(`Graph API answered HTTP ${httpStatus}`, {
      kind: 'http',
      httpStatus,
      isTransient: httpStatus >= 500 || httpStatus === 429,
    });
  }
  const { error } = parsed.data;
  // Throttling and server errors are worth retrying whatever the body says; a 4xx only when
  // Meta flags it transient or its code is one of the throttling or availability codes.
  const isTransient =
    httpStatus === 429 ||
    httpStatus >= 500 ||
    (error.is_transient ?? (error.code !== undefined && TRANSIENT_CODES.has(error.code)));

  return new GraphApiError(error.message ?? `Graph API answered HTTP ${httpStatus}`, {
    kind: 'graph',
    httpStatus,
    code: error.code,
    subcode: error.error_subcode,
    type: error.type,
    details: error.error_data?.details,
    fbtraceId: error.fbtrace_id,
    isTransient,
  });
}
