import {
  type ConnectionRecord,
  createConnectionRepository,
  type JobRepository,
  type OutboundMessageRepository,
  type PrismaClient,
} from '@sanjay-flow/db';
import {
  createGraphApiClient,
  type GraphApiClient,
  type GraphApiClientOptions,
} from '@sanjay-flow/whatsapp';

import { connectionSecretPurpose } from '../connections/connection-input';
import { createGraphApiFetch, type GraphApiFetchOptions } from '../connections/graph-api-fetch';
import { LOCAL_GRAPH_API_POLICY } from '../connections/graph-api-policy';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import {
  DEFAULT_JOB_WORKER,
  type JobWorker,
  type JobWorkerOptions,
  startJobWorker,
} from '../workers/job-worker';
import { OUTBOX_QUEUE } from './queue-message';
import { createSendRateLimiter, type SendRateLimiter } from './rate-limiter';
import { createSendHandler } from './send-outbound';

/** Graph API calls time out after 10 s; a claim outlives that, so a slow send is not doubled. */
const OUTBOX_LEASE_MS = 60_000;

export interface OutboxWorkerOptions {
  prisma: PrismaClient;
  jobs: JobRepository;
  messages: OutboundMessageRepository;
  secrets: SecretBox;
  log: Logger;
  limiter?: SendRateLimiter;
  graphApi?: (options: GraphApiClientOptions) => GraphApiClient;
  /** Where connections' Graph API URLs may lead; loopback (the local stand-in) by default. */
  graphApiPolicy?: GraphApiFetchOptions;
  maxAttempts?: number;
  pollMs?: number;
  concurrency?: number;
  backoff?: (attempts: number) => number;
  leaseMs?: number;
  workerId?: string;
}

/** Sends queued messages until stopped; the server stops it on shutdown. */
export function startOutboxWorker(options: OutboxWorkerOptions): JobWorker {
  return startJobWorker(outboxWorkerOptions(options));
}

/** The outbox's job worker settings, for `startJobWorker` or the server's worker registry. */
export function outboxWorkerOptions(options: OutboxWorkerOptions): JobWorkerOptions {
  const maxAttempts = options.maxAttempts ?? DEFAULT_JOB_WORKER.maxAttempts;
  const log = options.log.child({ component: 'outbox' });
  const connections = createConnectionRepository(options.prisma);
  const graphFetch = createGraphApiFetch(options.graphApiPolicy ?? LOCAL_GRAPH_API_POLICY);
  const graphApi = options.graphApi ?? createGraphApiClient;

  return {
    jobs: options.jobs,
    queue: OUTBOX_QUEUE,
    log,
    maxAttempts,
    leaseMs: options.leaseMs ?? OUTBOX_LEASE_MS,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    ...(options.workerId === undefined ? {} : { workerId: options.workerId }),
    handle: createSendHandler({
      messages: options.messages,
      connection: recentConnections((workspaceId, id) => connections.get(workspaceId, id)),
      accessToken: (connection) =>
        options.secrets.open(
          connection.accessToken,
          connectionSecretPurpose(connection.id, 'accessToken'),
        ),
      graphApi: (client) => graphApi({ ...client, fetch: graphFetch }),
      limiter: options.limiter ?? createSendRateLimiter(),
      maxAttempts,
      log,
    }),
  };
}

/** A changed token or Graph API URL reaches the sender within this time. */
const CONNECTION_CACHE_MS = 10_000;

// The sender reads the same few connections for every message; a short memory saves a query
// per send without keeping a removed or edited connection for long.
function recentConnections(
  read: (workspaceId: string, id: string) => Promise<ConnectionRecord | null>,
): (workspaceId: string, id: string) => Promise<ConnectionRecord | null> {
  const recent = new Map<string, { at: number; connection: ConnectionRecord | null }>();

  return async (workspaceId, id) => {
    const key = `${workspaceId}:${id}`;
    const hit = recent.get(key);
    if (hit !== undefined && Date.now() - hit.at < CONNECTION_CACHE_MS) {
      return hit.connection;
    }
    const connection = await read(workspaceId, id);
    recent.set(key, { at: Date.now(), connection });

    return connection;
  };
}
