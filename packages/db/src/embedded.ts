import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import lockfile from 'proper-lockfile';

import { type DbLogger, silentLogger } from './logger';
import { servePglite } from './pglite-server';

export interface EmbeddedDatabaseOptions {
  /**
   * Where PGlite keeps its files. Defaults to `<cwd>/.sflow/data`. `memory://` keeps the
   * database in memory only, lost on close (for tests).
   */
  dataDir?: string;
  /** Sockets the server accepts; keep it above the sum of every pool that connects. */
  maxConnections?: number;
  log?: DbLogger;
}

export interface EmbeddedDatabase {
  /** A PostgreSQL connection string for the local socket server. */
  url: string;
  dataDir: string;
  /** Stops the socket server, closes PGlite and releases the folder lock. Safe to call twice. */
  close(): Promise<void>;
}

export class DatabaseFolderInUseError extends Error {
  override readonly name = 'DatabaseFolderInUseError';

  constructor(readonly dataDir: string) {
    super(`database folder ${dataDir} is in use by another process`);
  }
}

export const DEFAULT_DATA_DIR = path.join('.sflow', 'data');
export const IN_MEMORY = 'memory://';
const DEFAULT_MAX_CONNECTIONS = 16;
// A lock whose holder stopped refreshing it (the process died) is taken over after this long.
// TODO: a restart within this time after a crash is refused as "in use"; a supervisor that
// restarts at once sees one failed start before the folder opens again.
const LOCK_STALE_MS = 10_000;

/**
 * Starts PGlite on a data folder and serves it on a free loopback port.
 *
 * PGlite does not lock its folder, and two processes writing the same folder corrupt it, so a
 * lockfile (`<dataDir>.lock`) is taken first and held until `close()`.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const inMemory = options.dataDir === IN_MEMORY;
  const dataDir = inMemory ? IN_MEMORY : path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const log = options.log ?? silentLogger;
  const release = inMemory ? async () => {} : await lockDataDir(dataDir, log);

  try {
    const db = await PGlite.create(dataDir);
    const served = await servePglite(db, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS).catch(
      async (error: unknown) => {
        await db.close();
        throw error;
      },
    );
    const stop = async (): Promise<void> => {
      try {
        await served.stop();
        await db.close();
      } finally {
        await release();
      }
    };
    let closing: Promise<void> | undefined;

    return { url: served.url, dataDir, close: () => (closing ??= stop()) };
  } catch (error) {
    await release();
    throw error;
  }
}

async function lockDataDir(dataDir: string, log: DbLogger): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  try {
    const release = await lockfile.lock(dataDir, {
      stale: LOCK_STALE_MS,
      onCompromised: (error) => {
        log.error({ err: error, dataDir }, 'lost the lock on the database folder');
      },
    });

    return () => release().catch(ignoreReleased);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ELOCKED') {
      throw new DatabaseFolderInUseError(dataDir);
    }
    throw error;
  }
}

// After a compromised lock (reported through the logger) there is nothing left to release.
function ignoreReleased(error: unknown): void {
  if ((error as { code?: unknown }).code !== 'ERELEASED') {
    throw error;
  }
}
