/** Every way a request can fail inside the runtime, closed so callers can map each one. */
export const RUNTIME_ERROR_CODES = [
  'INVALID_REQUEST',
  'NO_PROGRAM',
  'NO_SESSION',
  'NO_TRIGGER',
  'DEAD_END',
  'STEP_LIMIT',
  'DEADLINE_EXCEEDED',
  'EXPRESSION_ERROR',
  'HTTP_FAILED',
  'UNKNOWN_SCREEN',
  'INVALID_TRANSITION',
  'REPLY_SCHEMA_MISMATCH',
  'SESSION_TOO_LARGE',
  'NODE_FAILED',
] as const;

export type RuntimeErrorCode = (typeof RUNTIME_ERROR_CODES)[number];

/** Who has to act: the Flow's author, the business's API, or the caller of the endpoint. */
export type RuntimeFault = 'program' | 'business_api' | 'request';

interface CodeInfo {
  fault: RuntimeFault;
  /** Safe to show on the phone: says nothing about the program or the business's systems. */
  userMessage: string;
}

const TRY_AGAIN = 'Something went wrong. Please try again.';

export const RUNTIME_ERROR_INFO: Record<RuntimeErrorCode, CodeInfo> = {
  INVALID_REQUEST: { fault: 'request', userMessage: TRY_AGAIN },
  NO_PROGRAM: { fault: 'program', userMessage: TRY_AGAIN },
  NO_SESSION: { fault: 'request', userMessage: 'This form has expired. Please open it again.' },
  NO_TRIGGER: { fault: 'program', userMessage: TRY_AGAIN },
  DEAD_END: { fault: 'program', userMessage: TRY_AGAIN },
  STEP_LIMIT: { fault: 'program', userMessage: TRY_AGAIN },
  DEADLINE_EXCEEDED: {
    fault: 'business_api',
    userMessage: 'This is taking too long. Please try again.',
  },
  EXPRESSION_ERROR: { fault: 'program', userMessage: TRY_AGAIN },
  HTTP_FAILED: { fault: 'business_api', userMessage: TRY_AGAIN },
  UNKNOWN_SCREEN: { fault: 'program', userMessage: TRY_AGAIN },
  INVALID_TRANSITION: { fault: 'program', userMessage: TRY_AGAIN },
  REPLY_SCHEMA_MISMATCH: { fault: 'program', userMessage: TRY_AGAIN },
  SESSION_TOO_LARGE: { fault: 'program', userMessage: TRY_AGAIN },
  NODE_FAILED: { fault: 'program', userMessage: TRY_AGAIN },
};

export type RuntimeErrorDetails = Record<string, string | number | boolean | null>;

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  /** The logic node that failed, when one did. */
  readonly nodeId: string | undefined;
  readonly details: RuntimeErrorDetails;

  constructor(
    code: RuntimeErrorCode,
    message: string,
    options: { nodeId?: string; details?: RuntimeErrorDetails; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'RuntimeError';
    this.code = code;
    this.nodeId = options.nodeId;
    this.details = options.details ?? {};
  }

  get fault(): RuntimeFault {
    return RUNTIME_ERROR_INFO[this.code].fault;
  }

  get userMessage(): string {
    return RUNTIME_ERROR_INFO[this.code].userMessage;
  }
}
