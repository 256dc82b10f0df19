import type {
  EndpointExchangeRepository,
  ExchangeWrite,
  OpenedExchange,
  OpenExchangeInput,
} from '@sanjay-flow/db';

import { createBatcher } from './statement-batcher';

/** Calls carried by one statement at most; bounds the statement's size and its latency. */
const MAX_BATCH = 64;

export interface ExchangeStore {
  open(input: OpenExchangeInput): Promise<OpenedExchange>;
  /** Resolves when the write, with the session change it carries, has committed. */
  write(write: ExchangeWrite): Promise<void>;
}

/**
 * The data endpoint's two statements per call (open the session and claim the request; store
 * the session, the log row and the answer), each shared by all the calls that arrive while the
 * previous one runs.
 */
export function createExchangeStore(exchanges: EndpointExchangeRepository): ExchangeStore {
  const open = createBatcher<OpenExchangeInput, OpenedExchange>({
    run: (inputs) => exchanges.open(inputs),
    keyOf: (input) => input.fingerprint,
    maxBatch: MAX_BATCH,
  });
  let unkeyed = 0;
  const write = createBatcher<ExchangeWrite, undefined>({
    run: async (writes) => {
      await exchanges.write(writes);

      return writes.map(() => undefined);
    },
    // Two changes of one session in one UPDATE would keep only one of them.
    keyOf: (entry) => entry.change?.id ?? `call:${(unkeyed += 1)}`,
    maxBatch: MAX_BATCH,
  });

  return { open, write };
}
