/** A control API call that cannot be done; answered as `{ error: { message } }` with `status`. */
export class SimControlError extends Error {
  override readonly name = 'SimControlError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
