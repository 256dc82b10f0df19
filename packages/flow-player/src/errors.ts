/** What went wrong when a Flow cannot be played or a call does not fit the Flow. */
export type FlowPlayerErrorCode =
  | 'INVALID_FLOW_JSON'
  | 'UNKNOWN_SCREEN'
  | 'UNKNOWN_INPUT'
  | 'UNKNOWN_TARGET'
  | 'INVALID_INPUT'
  | 'INVALID_REPLY'
  | 'INVALID_SCREEN_TRANSITION'
  | 'AWAITING_REPLY'
  | 'NO_REQUEST'
  | 'FLOW_FINISHED';

/** Detail for a problem at one place of the Flow, as a JSON pointer. */
export interface FlowPlayerIssue {
  pointer: string;
  message: string;
}

/**
 * The one error type of this package. It stands for misuse (a name the screen does not have,
 * an option that is not offered, an endpoint reply the phone would refuse); what a customer
 * could get wrong while filling in a screen is a value (`InputError`), never an exception.
 */
export class FlowPlayerError extends Error {
  override readonly name = 'FlowPlayerError';

  constructor(
    readonly code: FlowPlayerErrorCode,
    message: string,
    readonly issues: readonly FlowPlayerIssue[] = [],
  ) {
    super(message);
  }

  /**
   * For an endpoint reply the phone refuses: the client error type the phone then reports to
   * the endpoint in an error notification (spec B3, B8).
   */
  get clientError(): ClientErrorType | undefined {
    return CLIENT_ERRORS[this.code];
  }
}

export type ClientErrorType = 'invalid-screen-transition' | 'payload-schema-error';

const CLIENT_ERRORS: Partial<Record<FlowPlayerErrorCode, ClientErrorType>> = {
  INVALID_SCREEN_TRANSITION: 'invalid-screen-transition',
  INVALID_REPLY: 'payload-schema-error',
};
