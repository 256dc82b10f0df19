/** A failure to parse or evaluate an expression: where it happened and why. */
export interface ExpressionError {
  /** Zero-based offset into the expression (or template) text. */
  offset: number;
  message: string;
}

export type ExpressionResult<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };

/**
 * Thrown only inside the expression modules and turned into an `ExpressionError` value at their
 * public boundary, so the recursive parser and evaluator stay free of result plumbing.
 */
export class ExpressionFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExpressionFailure';
  }

  toValue(): ExpressionError {
    return { offset: this.offset, message: this.message };
  }
}

export function captureFailure<T>(run: () => T): ExpressionResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof ExpressionFailure) {
      return { ok: false, error: error.toValue() };
    }
    throw error;
  }
}
