import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SubmissionRecord } from '@sanjay-flow/db';

import { StoredAnswersSchema, StringListSchema } from '../submissions/answers';

export const SIGNATURE_HEADER = 'X-Sflow-Signature';
export const TIMESTAMP_HEADER = 'X-Sflow-Timestamp';
export const DELIVERY_HEADER = 'X-Sflow-Delivery';

export interface PayloadContext {
  flow: { id: string; name: string } | null;
  version: { id: string; number: number } | null;
  sentAt: Date;
}

/**
 * The JSON a destination receives. `sent_at` is inside the signed body as well as in the
 * timestamp header, so a receiver that checks the signature can trust the time and refuse
 * old copies (replays).
 */
export function deliveryPayload(submission: SubmissionRecord, context: PayloadContext) {
  const answers = StoredAnswersSchema.nullable().parse(submission.answers) ?? {};

  return {
    submission_id: submission.id,
    source: submission.source,
    sent_at: Math.floor(context.sentAt.getTime() / 1000),
    flow: context.flow,
    flow_version: context.version,
    session_id: submission.sessionId,
    customer: { wa_id: submission.customerWaId, user_id: submission.customerUserId },
    answers: Object.entries(answers).map(([field, answer]) => ({ field, ...answer })),
    missing_required: StringListSchema.parse(submission.missingRequired),
    response_error: submission.responseError,
    raw_response: submission.rawResponse,
    received_at: submission.receivedAt.toISOString(),
  };
}

/** `sha256=<hex HMAC-SHA256(secret, body)>` over the exact bytes sent. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: compares in constant time. Exported for tests and receivers in JS. */
export function verifyBody(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(signature);

  return expected.length === given.length && timingSafeEqual(expected, given);
}
