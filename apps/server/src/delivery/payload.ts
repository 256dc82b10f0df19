import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SubmissionRecord } from '@sanjay-flow/db';

import { StoredAnswersSchema, StringListSchema } from '../submissions/answers';

export const SIGNATURE_HEADER = 'X-Sflow-Signature';
export const TIMESTAMP_HEADER = 'X-Sflow-Timestamp';
export const DELIVERY_HEADER = 'X-Sflow-Delivery';

/** A submission's file as delivery reads it (`submission_file`). */
export interface PayloadFile {
  id: string;
  field: string;
  mediaId: string;
  fileName: string | null;
  mimeType: string | null;
  sha256: string | null;
  size: number | null;
  status: string;
  error: string | null;
}

export interface PayloadContext {
  flow: { id: string; name: string } | null;
  version: { id: string; number: number } | null;
  files: readonly PayloadFile[];
  sentAt: Date;
}

/**
 * Where the business fetches a file, relative to the product's address (the one its API token
 * works at): the product cannot know the name it is reached by behind a proxy.
 */
export function fileDownloadPath(submissionId: string, fileId: string): string {
  return `/api/submissions/${submissionId}/files/${fileId}`;
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
    files: context.files.map((file) => ({
      id: file.id,
      field: file.field,
      media_id: file.mediaId,
      file_name: file.fileName,
      mime_type: file.mimeType,
      sha256: file.sha256,
      size: file.size,
      status: file.status,
      download_path: file.status === 'stored' ? fileDownloadPath(submission.id, file.id) : null,
      error: file.error,
    })),
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
