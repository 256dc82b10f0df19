import { DEFAULT_BUDGET_MS } from '@sanjay-flow/runtime';

/** How the data endpoint runs, from the server's configuration. */
export interface EndpointOptions {
  /** The runtime's budget per request, at most 9000 ms. */
  budgetMs: number;
  /** Private hosts HTTP steps may call anyway. */
  httpAllowedHosts: readonly string[];
  /**
   * How long a Flow's record, a workspace's connections and a connection's keys are reused
   * between calls. A changed switch, connection or key takes effect after at most this long.
   */
  lookupCacheMs: number;
}

export const DEFAULT_ENDPOINT_OPTIONS: EndpointOptions = {
  budgetMs: DEFAULT_BUDGET_MS,
  httpAllowedHosts: [],
  lookupCacheMs: 2_000,
};

/** Sessions opened for a sent Flow stay usable this long. */
export const SESSION_TTL_MS = 24 * 3_600_000;

/** Sessions created for preview tokens in test mode. */
export const TEST_SESSION_TTL_MS = 3_600_000;
