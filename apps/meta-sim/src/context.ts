import type { Logger } from 'pino';

import type { Faults } from './graph/faults';
import type { SimState } from './state';
import type { Outbox } from './webhooks/outbox';

/** What every part of the stand-in shares: its state, its webhook outbox and its address. */
export interface SimContext {
  state: SimState;
  outbox: Outbox;
  faults: Faults;
  log: Logger;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  url(): string;
  /** Resolves after `ms`, or at once when the sim closes. */
  sleep(ms: number): Promise<void>;
}
