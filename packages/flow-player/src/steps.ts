import { FlowPlayerError } from './errors';
import type { JsonObject, PlayerState } from './state';

/** Something on the screen that stops the Footer from acting. */
export interface InputError {
  /** The input's name, or "footer" when the Footer itself is disabled. */
  name: string;
  message: string;
}

/**
 * What a customer's action led to. Every step carries the state to continue from; for
 * `data_exchange` the caller sends `payload` to the endpoint (as `action` from `screen`) and
 * hands its reply to `receive`.
 */
export type Step =
  | { kind: 'update'; state: PlayerState }
  | { kind: 'navigate'; state: PlayerState }
  | {
      kind: 'data_exchange';
      action: 'data_exchange' | 'BACK';
      screen: string;
      payload: JsonObject;
      state: PlayerState;
    }
  | { kind: 'complete'; payload: JsonObject; state: PlayerState }
  | { kind: 'open_url'; url: string; state: PlayerState }
  | { kind: 'close'; state: PlayerState }
  | { kind: 'invalid'; errors: InputError[]; state: PlayerState };

/** Refuses to act on a Flow that has finished or waits for the endpoint's reply. */
export function ensureActive(state: PlayerState): void {
  if (state.status !== 'open') {
    throw new FlowPlayerError('FLOW_FINISHED', `the Flow is ${state.status}`);
  }
  if (state.pending !== undefined) {
    throw new FlowPlayerError(
      'AWAITING_REPLY',
      `the Flow waits for the endpoint's reply to ${state.pending.action} from ${state.pending.screen}; pass it to receive first`,
    );
  }
}
