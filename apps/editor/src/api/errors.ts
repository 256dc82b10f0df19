import { TRPCClientError } from '@trpc/client';

export class PayloadTooLargeError extends Error {
  constructor() {
    super('The file is too large for the server (the limit is 10 MB).');
    this.name = 'PayloadTooLargeError';
  }
}

export interface ImportProblem {
  pointer: string;
  code: string;
  message: string;
  line?: number;
  column?: number;
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  problems?: unknown;
}

function errorData(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) {
    return undefined;
  }
  const data: unknown = error.data;

  return typeof data === 'object' && data !== null ? data : undefined;
}

/** The tRPC error code (`CONFLICT`, `BAD_REQUEST`, …) when the server sent one. */
export function errorCode(error: unknown): string | undefined {
  const code = errorData(error)?.code;

  return typeof code === 'string' ? code : undefined;
}

/** The HTTP status of a tRPC error answer, when the server sent one. */
export function errorHttpStatus(error: unknown): number | undefined {
  const status = errorData(error)?.httpStatus;

  return typeof status === 'number' ? status : undefined;
}

export function isPayloadTooLarge(error: unknown): boolean {
  if (error instanceof TRPCClientError && error.cause instanceof PayloadTooLargeError) {
    return true;
  }
  const data = errorData(error);

  return data?.httpStatus === 413 || data?.code === 'PAYLOAD_TOO_LARGE';
}

function isImportProblem(value: unknown): value is ImportProblem {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Record<string, unknown>;

  return typeof candidate.pointer === 'string' && typeof candidate.message === 'string';
}

export function importProblems(error: unknown): ImportProblem[] {
  const problems = errorData(error)?.problems;

  return Array.isArray(problems) ? problems.filter(isImportProblem) : [];
}

/** A sentence safe to show: the server's own message, or a plain fallback. */
export function errorMessage(error: unknown): string {
  if (isPayloadTooLarge(error)) {
    return new PayloadTooLargeError().message;
  }
  if (error instanceof TRPCClientError && error.message !== '') {
    return error.message;
  }

  return 'The server could not be reached. Check that it is running and try again.';
}
