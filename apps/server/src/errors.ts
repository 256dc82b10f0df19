import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** Every failure the product reports on purpose. Anything else is an internal error. */
export type AppErrorCode =
  | 'FLOW_NOT_FOUND'
  | 'INVALID_FLOW_JSON'
  | 'INVALID_GRAPH'
  | 'UNSUPPORTED_FILE_TYPE'
  | 'FILE_TOO_LARGE'
  | 'STALE_REVISION'
  | 'CONNECTION_NOT_FOUND'
  | 'INVALID_CONNECTION'
  | 'CONNECTION_NAME_TAKEN'
  | 'KEY_PAIR_NOT_FOUND'
  | 'KEY_PAIR_EXISTS'
  | 'INVALID_PRIVATE_KEY'
  | 'GRAPH_API_FAILED'
  | 'SUBMISSION_NOT_FOUND'
  | 'DESTINATION_NOT_FOUND'
  | 'INVALID_DESTINATION'
  | 'FLOW_NOT_LINKED'
  | 'INVALID_MESSAGE'
  | 'MESSAGE_NOT_FOUND'
  | 'VERSION_NOT_FOUND';

interface ErrorMapping {
  trpc: TRPC_ERROR_CODE_KEY;
  http: number;
}

export const ERROR_MAPPINGS: Record<AppErrorCode, ErrorMapping> = {
  FLOW_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  INVALID_FLOW_JSON: { trpc: 'BAD_REQUEST', http: 400 },
  INVALID_GRAPH: { trpc: 'BAD_REQUEST', http: 400 },
  UNSUPPORTED_FILE_TYPE: { trpc: 'BAD_REQUEST', http: 400 },
  FILE_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', http: 413 },
  STALE_REVISION: { trpc: 'CONFLICT', http: 409 },
  CONNECTION_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  INVALID_CONNECTION: { trpc: 'BAD_REQUEST', http: 400 },
  CONNECTION_NAME_TAKEN: { trpc: 'CONFLICT', http: 409 },
  KEY_PAIR_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  KEY_PAIR_EXISTS: { trpc: 'CONFLICT', http: 409 },
  INVALID_PRIVATE_KEY: { trpc: 'BAD_REQUEST', http: 400 },
  GRAPH_API_FAILED: { trpc: 'BAD_GATEWAY', http: 502 },
  SUBMISSION_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  DESTINATION_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  INVALID_DESTINATION: { trpc: 'BAD_REQUEST', http: 400 },
  FLOW_NOT_LINKED: { trpc: 'PRECONDITION_FAILED', http: 412 },
  INVALID_MESSAGE: { trpc: 'BAD_REQUEST', http: 400 },
  MESSAGE_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  VERSION_NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
};

/** One problem in a submitted document, located by a JSON pointer. */
export interface ProblemDetail {
  pointer: string;
  code: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * A failure that the caller caused or can act on. `message` is safe to show to a user;
 * `problems` lists each located defect of a submitted document.
 */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly problems: ProblemDetail[] = [],
  ) {
    super(message);
  }
}
