import { setTimeout as sleep } from 'node:timers/promises';

import type { ConnectionRecord, PrismaClient } from '@sanjay-flow/db';
import {
  createGraphApiClient,
  createGraphFlowsClient,
  type GraphApiClient,
  type GraphApiClientOptions,
  type GraphFlowsClient,
} from '@sanjay-flow/whatsapp';

import type { Connections } from '../connections/manage-connections';
import type { Logger } from '../logger';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

export interface PublishingDependencies {
  prisma: PrismaClient;
  connections: Connections;
  log?: Logger;
  /** Back-off on rate limits and server errors; tests shorten it. */
  retry?: Partial<RetryPolicy>;
  /** How long one Graph API call may take before it counts as timed out. */
  graphTimeoutMs?: number;
  graphFlows?: (options: GraphApiClientOptions) => GraphFlowsClient;
  graphApi?: (options: GraphApiClientOptions) => GraphApiClient;
}

/** What one connection's Meta calls need: its clients and the retry policy. */
export interface MetaAccess {
  connection: ConnectionRecord;
  flows: GraphFlowsClient;
  graph: GraphApiClient;
  retry: RetryPolicy;
}

export function metaAccess(deps: PublishingDependencies, connection: ConnectionRecord): MetaAccess {
  const options: GraphApiClientOptions = {
    ...deps.connections.graphApiOptions(connection),
    ...(deps.graphTimeoutMs === undefined ? {} : { timeoutMs: deps.graphTimeoutMs }),
  };

  return {
    connection,
    flows: (deps.graphFlows ?? createGraphFlowsClient)(options),
    graph: (deps.graphApi ?? createGraphApiClient)(options),
    retry: {
      ...DEFAULT_RETRY_POLICY,
      sleep: (ms) => sleep(ms),
      ...deps.retry,
    },
  };
}
