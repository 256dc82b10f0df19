import { randomBytes } from 'node:crypto';

export interface GraphErrorOptions {
  subcode?: number;
  type?: string;
  /** `error_data.details`: the precise reason, which callers are told to branch on. */
  details?: string;
  userTitle?: string;
  userMessage?: string;
  isTransient?: boolean;
}

/** A Graph API failure, answered with Meta's error body (spec D3). */
export class GraphError extends Error {
  override readonly name = 'GraphError';

  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly options: GraphErrorOptions = {},
  ) {
    super(message);
  }

  toBody(): { error: Record<string, unknown> } {
    const { subcode, type, details, userTitle, userMessage, isTransient } = this.options;

    return {
      error: {
        message: this.message,
        type: type ?? 'OAuthException',
        code: this.code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        ...(userTitle === undefined ? {} : { error_user_title: userTitle }),
        ...(userMessage === undefined ? {} : { error_user_msg: userMessage }),
        ...(details === undefined
          ? {}
          : { error_data: { messaging_product: 'whatsapp', details } }),
        ...(isTransient === undefined ? {} : { is_transient: isTransient }),
        fbtrace_id: randomBytes(12).toString('base64url'),
      },
    };
  }
}

/** Which limit a rate-limit answer names: the app's, the WABA's or the phone number's. */
export type RateLimitScope = 'app' | 'waba' | 'phone' | 'call' | 'business';

/** The errors the stand-in answers, with Meta's codes, statuses and wording. */
export const graphErrors = {
  missingToken: () =>
    new GraphError(400, 2500, 'An active access token must be used to query information.'),

  badToken: () =>
    new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token'),

  unknownObject: (id: string) =>
    new GraphError(
      400,
      100,
      `Unsupported request - method type or object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
      { subcode: 33, type: 'GraphMethodException' },
    ),

  unknownPath: (path: string) =>
    new GraphError(400, 2500, `Unknown path components: ${path}`, { type: 'OAuthException' }),

  badParameter: (details: string, subcode?: number) =>
    new GraphError(400, 100, '(#100) Invalid parameter', {
      details,
      ...(subcode === undefined ? {} : { subcode }),
    }),

  messageParameter: (details: string) =>
    new GraphError(400, 131_009, '(#131009) Parameter value is not valid', { details }),

  missingMessageParameter: (details: string) =>
    new GraphError(400, 131_008, '(#131008) Required parameter is missing', { details }),

  rateLimit: (scope: RateLimitScope) => rateLimitError(scope),

  serverError: () =>
    new GraphError(500, 2, 'An unexpected error has occurred. Please retry your request later.', {
      isTransient: true,
    }),

  flowState: (code: number, title: string, details: string) =>
    new GraphError(400, code, `(#${code}) ${title}`, { details }),
};

// Meta answers these limits with HTTP 400 in places; the stand-in uses 429, which every
// caller must treat the same way, so that a test of back-off sees the status it keys on.
function rateLimitError(scope: RateLimitScope): GraphError {
  switch (scope) {
    case 'app':
      return new GraphError(429, 4, '(#4) Application request limit reached', {
        isTransient: true,
      });
    case 'waba':
      return new GraphError(429, 80_007, '(#80007) Rate limit hit for WhatsApp Business Account', {
        isTransient: true,
      });
    case 'call':
      return new GraphError(429, 613, '(#613) Calls to this api have exceeded the rate limit.', {
        isTransient: true,
      });
    case 'business':
      return new GraphError(
        429,
        80_008,
        '(#80008) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
        { isTransient: true },
      );
    case 'phone':
      return new GraphError(429, 130_429, '(#130429) Rate limit hit', {
        details: 'Cloud API message throughput has been reached.',
        isTransient: true,
      });
  }
}
