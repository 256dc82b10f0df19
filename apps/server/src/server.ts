import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Database, ensureDefaultWorkspace, openDatabase } from '@sanjay-flow/db';

import { createApp } from './app';
import { createApiToken } from './auth/api-tokens';
import { ensureFirstOwner } from './auth/first-start';
import { configuredGraphApiPolicy } from './connections/graph-api-policy';
import { DEFAULT_ENDPOINT_OPTIONS } from './endpoint/options';
import { listenHttps, listening } from './http/tls';
import { type Config, embeddedDatabaseDir, isEveryAddress, serverUrl } from './config';
import type { Logger } from './logger';
import { startPurgeWorker } from './privacy/purge-worker';
import { loadMasterKey } from './secrets/master-key';
import { createSecretBox } from './secrets/secret-box';
import type { InboxHandlers } from './webhooks/handlers';
import type { Role } from './trpc/context';
import { createWorkerRegistry } from './workers/registry';

export interface RunningServer {
  url: string;
  /** The workspace made on first start (the oldest), which `issueApiToken` acts in. */
  workspaceId: string;
  /** A bearer token for a process started beside the server (the Meta stand-in's demo seed). */
  issueApiToken(input: { name: string; role: Role; expiresInMs: number }): Promise<string>;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

/** For embedding and tests: other inbox handlers, or no background workers at all. */
export interface ServerOptions {
  inboxHandlers?: (db: Database) => InboxHandlers;
  workers?: boolean;
  /** Where the first start's one-time sign-in link goes; by default standard error. */
  printSignInLink?: (text: string) => void;
  /**
   * Told when the embedded database stops while the server runs (it has been logged): every
   * request that needs the database fails from then on, and the folder stays locked.
   */
  onDatabaseFailure?: (error: Error) => void;
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const masterKey = await loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir });
  const secrets = createSecretBox(masterKey.key);
  logger.info(
    { masterKeyId: secrets.keyId, source: masterKey.source, file: masterKey.file },
    'master key loaded',
  );
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: embeddedDatabaseDir(config),
    log: logger.child({ component: 'db' }),
    ...(options.onDatabaseFailure === undefined
      ? {}
      : { onEmbeddedFailure: options.onDatabaseFailure }),
  });
  const workers = createWorkerRegistry();
  try {
    const workspace = await ensureDefaultWorkspace(db.prisma);
    const app = createApp({
      db,
      workspaceId: workspace.id,
      logger,
      secrets,
      editorDir: config.editorDir,
      allowedHosts: [...config.allowedHosts, ...listenedName(config.host)],
      trustProxy: config.trustProxy,
      https: config.tls !== undefined,
      rateLimits: config.rateLimits,
      endpoint: {
        ...DEFAULT_ENDPOINT_OPTIONS,
        budgetMs: config.endpointBudgetMs,
        httpAllowedHosts: config.httpAllowedHosts,
      },
      graphApiPolicy: configuredGraphApiPolicy(config),
      keyRotationGraceHours: config.keyRotationGraceHours,
      sendsPerSecond: config.sendsPerSecond,
      ...(options.workers === false ? {} : { workers }),
      ...(options.inboxHandlers ? { inboxHandlers: options.inboxHandlers(db) } : {}),
    });
    if (options.workers !== false) {
      startPurgeWorker(workers, {
        prisma: db.prisma,
        log: logger,
        embedded: db.kind === 'embedded',
      });
    }
    const server = config.tls
      ? await listenHttps(app, config.tls, config.port, config.host)
      : await listen(app, config.port, config.host);
    const { port } = server.address() as AddressInfo;
    const url = serverUrl(config, port);
    logger.info({ url, database: db.kind }, 'Sanjay Flow is listening');
    await announceFirstOwner(db, workspace.id, url, logger, options.printSignInLink);

    return {
      url,
      workspaceId: workspace.id,
      issueApiToken: async ({ name, role, expiresInMs }) => {
        const expiresAt = new Date(Date.now() + expiresInMs);
        const issued = await createApiToken(db.prisma, {
          workspaceId: workspace.id,
          name,
          role,
          expiresAt,
        });

        return issued.token;
      },
      close: closeOnce(() => shutdown(server, workers, db, config.shutdownTimeoutMs, logger)),
    };
  } catch (error) {
    await workers.stop();
    await db.close();
    throw error;
  }
}

/**
 * On an empty database, makes the owner account and prints its one-time sign-in link, so that
 * `npm start` alone leads to a signed-in editor. The log line says where, never the link.
 */
async function announceFirstOwner(
  db: Database,
  workspaceId: string,
  url: string,
  logger: Logger,
  print: (text: string) => void = (text) => {
    process.stderr.write(text);
  },
) {
  const owner = await ensureFirstOwner(db.prisma, workspaceId);
  if (!owner) {
    return;
  }
  logger.info(
    { email: owner.email, expiresAt: owner.expiresAt },
    'first start: owner created, one-time sign-in link printed on standard error',
  );
  print(
    `\nFirst start: sign in as ${owner.email} with this one-time link (valid until ` +
      `${owner.expiresAt.toISOString()}), then choose a password:\n\n  ${url}${owner.linkPath}\n\n`,
  );
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return listening(createServer(app), port, host);
}

async function shutdown(
  server: Server,
  workers: { stop(): Promise<void> },
  db: { close(): Promise<void> },
  timeoutMs: number,
  logger: Logger,
) {
  logger.info('shutting down: finishing in-flight requests');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs }, 'shutdown timeout: closing remaining connections');
    server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearTimeout(timer);
  // Requests have drained; the workers finish the jobs in hand before the database closes.
  await workers.stop();
  await db.close();
  logger.info('stopped');
}

function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;

  return () => (closing ??= close());
}

/** A server bound to one specific name or address answers to it. */
function listenedName(host: string): string[] {
  return isEveryAddress(host) ? [] : [host];
}
