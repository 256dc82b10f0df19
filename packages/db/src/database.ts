import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded';
import { PrismaClient } from './generated/prisma/client';
import { type DbLogger, silentLogger } from './logger';
import { applyMigrations } from './migrate/apply';
import { poolSqlRunner, type SqlRunner } from './sql-runner';

export interface Database {
  prisma: PrismaClient;
  kind: 'embedded' | 'postgres';
  /**
   * The connection string Prisma uses: for the embedded database, a private Unix socket; for a
   * server, `databaseUrl` itself, credentials included (do not log it).
   */
  url: string;
  /** Hand-written statements on Prisma's own connections, for the hottest paths. */
  sql: SqlRunner;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Disconnects and, for the embedded database, stops it and releases its folder. Idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server. Without it (or when empty), the embedded database (PGlite) starts. */
  databaseUrl?: string;
  /** The embedded database's folder; defaults to `<cwd>/.sflow/database`. */
  dataDir?: string;
  /** Apply pending migrations before returning. Defaults to true. */
  migrate?: boolean;
  log?: DbLogger;
  /** Told when the embedded database stops while open (see `EmbeddedDatabaseOptions`). */
  onEmbeddedFailure?: (error: Error) => void;
  /** How long a PostgreSQL server may take to accept the first connection; 10 s by default. */
  answerTimeoutMs?: number;
}

// The embedded socket server accepts more sockets than this pool opens, leaving room for the
// migration runner and an operator's psql session.
const POOL_SIZE = 10;
// PGlite has one backend, and its socket server interleaves the extended-protocol messages of
// concurrent connections ("portal does not exist" under load). One connection serialises the
// queries in the pool instead, where they are queued safely; PGlite ran them one at a time
// anyway.
const EMBEDDED_POOL_SIZE = 1;
const EMBEDDED_MAX_CONNECTIONS = 16;
const ANSWER_TIMEOUT_MS = 10_000;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const log = options.log ?? silentLogger;
  // An empty DATABASE_URL means "not set", as it does for most tools.
  const embedded = options.databaseUrl ? undefined : await startEmbedded(options, log);
  const url = embedded?.url ?? options.databaseUrl ?? '';

  try {
    if (!embedded) {
      await checkAnswers(url, options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS);
    }
    if (options.migrate ?? true) {
      const startedAt = performance.now();
      await applyMigrations(url, { log });
      log.info({ ms: elapsedSince(startedAt) }, 'database migrations checked');
    }
    // One pool for Prisma and the hand-written statements, so that the embedded database's
    // single connection stays single. That connection is never closed for being idle: its
    // prepared statements outlive it in the embedded database's one backend, and a new one
    // after every quiet spell would pile them up there.
    const pool = new pg.Pool({
      connectionString: url,
      max: embedded ? EMBEDDED_POOL_SIZE : POOL_SIZE,
      ...(embedded ? { idleTimeoutMillis: 0 } : {}),
    });
    // The message only: the error carries its client, cancel key included.
    pool.on('error', (error) =>
      log.warn({ error: error.message }, 'idle database connection failed'),
    );
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

    return connected({ prisma, pool, url, embedded });
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}

/**
 * A server that takes the connection but never answers (a wrong port, another service) would
 * hold the start forever: a first connection is given a deadline.
 */
async function checkAnswers(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(url);
    const where = `${hostname || 'localhost'}:${port || '5432'}`;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      /timeout/i.test(reason)
        ? `the database server at ${where} did not answer within ${timeoutMs / 1000} s`
        : `the database server at ${where} refused the connection: ${reason}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function startEmbedded(
  options: OpenDatabaseOptions,
  log: DbLogger,
): Promise<EmbeddedDatabase> {
  const startedAt = performance.now();
  const embedded = await startEmbeddedDatabase({
    dataDir: options.dataDir,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
    log,
    ...(options.onEmbeddedFailure === undefined ? {} : { onFailure: options.onEmbeddedFailure }),
  });
  log.info(
    { dataDir: embedded.dataDir, url: embedded.url, ms: elapsedSince(startedAt) },
    'embedded database started',
  );

  return embedded;
}

function connected({
  prisma,
  pool,
  url,
  embedded,
}: {
  prisma: PrismaClient;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedDatabase | undefined;
}): Database {
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    try {
      await prisma.$disconnect();
      await pool.end();
    } finally {
      await embedded?.close();
    }
  };

  return {
    prisma,
    kind: embedded ? 'embedded' : 'postgres',
    url,
    sql: poolSqlRunner(pool),
    ping: async () => {
      await prisma.$executeRaw`SELECT 1`;
    },
    close: () => (closing ??= close()),
  };
}

function elapsedSince(start: number): number {
  return Math.round(performance.now() - start);
}
