import { errors, jwtVerify } from 'jose';

export type FlowTokenSignatureCheck = { ok: true } | { ok: false; message: string };

// Claim names that may carry the flow token. TODO: Meta has not published the claims of
// `flow_token_signature`; until it does, a token whose claims name no flow token is accepted on
// its signature alone, and one that names another flow token is refused.
const FLOW_TOKEN_CLAIMS = ['flow_token', 'flowToken'] as const;

/**
 * Verifies `flow_token_signature` (Data API 4.0, Flow JSON 7.3 and later, spec B6): a JWT
 * signed with HS256 under the Meta app's secret, whose payload carries the flow token. A
 * request without one is accepted as before; `exp` and `nbf` are checked when present.
 */
export async function checkFlowTokenSignature(
  request: { flow_token?: string | undefined; flow_token_signature?: unknown },
  appSecret: string,
): Promise<FlowTokenSignatureCheck> {
  const signature = request.flow_token_signature;
  if (signature === undefined) {
    return { ok: true };
  }
  if (typeof signature !== 'string' || signature === '') {
    return { ok: false, message: 'flow_token_signature is not a JWT' };
  }
  try {
    const { payload } = await jwtVerify(signature, new TextEncoder().encode(appSecret), {
      algorithms: ['HS256'],
    });
    const named = FLOW_TOKEN_CLAIMS.map((claim) => payload[claim]).find((v) => v !== undefined);
    if (named !== undefined && named !== request.flow_token) {
      return { ok: false, message: 'flow_token_signature names another flow token' };
    }

    return { ok: true };
  } catch (error) {
    return { ok: false, message: `flow_token_signature: ${reasonOf(error)}` };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return 'expired';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the signature does not match the app secret';
  }
  if (error instanceof errors.JOSEError) {
    return error.code;
  }
  throw error;
}
