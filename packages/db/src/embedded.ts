import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import lockfile from 'proper-lockfile';

import { type DbLogger, silentLogger } from './logger';
import { servePgliteInThread } from './pglite-server';

export interface EmbeddedDatabaseOptions {
  /**
   * Where PGlite keeps its files. Defaults to `<cwd>/.sflow/database`. `memory://` keeps the
   * database in memory only, lost on close (for tests).
   */
  dataDir?: string;
  /** Sockets the server accepts; keep it above the sum of every pool that connects. */
  maxConnections?: number;
  log?: DbLogger;
  /**
   * Told, after it is logged, when the database's thread fails or ends while the database is
   * open: every query fails from then on, and the caller decides whether to stop.
   */
  onFailure?: (error: Error) => void;
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

  constructor(
    readonly dataDir: string,
    readonly holderPid?: number,
  ) {
    super(
      `database folder ${dataDir} is in use by another process${holderPid ? ` (pid ${holderPid})` : ''}`,
    );
  }
}

// The server's layout: `SFLOW_DATA_DIR` (default `.sflow`) holds the database in `database/`.
export const DEFAULT_DATA_DIR = path.join('.sflow', 'database');
export const IN_MEMORY = 'memory://';
const DEFAULT_MAX_CONNECTIONS = 16;
// A lock whose holder stopped refreshing it is taken over after this long; one whose holder's
// process is gone is taken over at once.
const LOCK_STALE_MS = 10_000;

/**
 * Starts PGlite on a data folder and serves it on a Unix socket only this user can reach, both
 * in a thread of their own: the database's work runs beside the server's, not in its turn.
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
    if (!inMemory) {
      await refuseForeignFolder(dataDir);
    }
    const served = await servePgliteInThread(dataDir, {
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      onFailure: (error) => {
        log.error({ err: error, dataDir }, 'the embedded database stopped');
        options.onFailure?.(error);
      },
    });
    const stop = async (): Promise<void> => {
      try {
        await served.stop();
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

/**
 * PGlite makes a new cluster in any folder without `PG_VERSION`, over whatever is there: a
 * folder that holds files but no database is refused rather than written over.
 */
async function refuseForeignFolder(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir);
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new Error(
      `${dataDir} holds files but no database (it has no PG_VERSION): the embedded database ` +
        'is not made over them. Choose an empty folder, or move the files away.',
    );
  }
}

async function lockDataDir(dataDir: string, log: DbLogger): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // PGlite makes its files readable (and some writable) by everyone: the folder keeps other
  // local users out of all of them, even when it existed before with a laxer mode.
  await chmod(dataDir, 0o700).catch((error: unknown) => {
    log.warn({ err: error, dataDir }, 'could not make the database folder private (mode 0700)');
  });
  try {
    return await takeLock(dataDir, log);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ELOCKED') {
      throw error;
    }
    // The lock records its holder's process id: a holder that no longer runs (killed, or the
    // machine restarted) has left the lock behind, and waiting for it to go stale helps no one.
    const holder = await lockHolder(dataDir);
    if (holder === undefined || isRunning(holder)) {
      throw new DatabaseFolderInUseError(dataDir, holder);
    }
    log.warn({ dataDir, pid: holder }, 'taking over the lock of a process that no longer runs');
    await rm(lockPath(dataDir), { recursive: true, force: true });

    return takeLock(dataDir, log);
  }
}

async function takeLock(dataDir: string, log: DbLogger): Promise<() => Promise<void>> {
  const release = await lockfile.lock(dataDir, {
    lockfilePath: lockPath(dataDir),
    stale: LOCK_STALE_MS,
    onCompromised: (error) => {
      log.error({ err: error, dataDir }, 'lost the lock on the database folder');
    },
  });
  await writeFile(holderPath(dataDir), String(process.pid));

  return async () => {
    await rm(holderPath(dataDir), { force: true });
    await release().catch(ignoreReleased);
  };
}

function lockPath(dataDir: string): string {
  return `${dataDir}.lock`;
}

/** Beside the lock, not in it: the lock is a directory its library removes when empty. */
function holderPath(dataDir: string): string {
  return `${dataDir}.lock.pid`;
}

/** The process holding the embedded database folder `dataDir`, when one still runs. */
export async function runningHolderOf(dataDir: string): Promise<number | undefined> {
  const holder = await lockHolder(path.resolve(dataDir));

  return holder !== undefined && isRunning(holder) ? holder : undefined;
}

async function lockHolder(dataDir: string): Promise<number | undefined> {
  const text = await readFile(holderPath(dataDir), 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);

  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

// After a compromised lock (reported through the logger) there is nothing left to release.
function ignoreReleased(error: unknown): void {
  if ((error as { code?: unknown }).code !== 'ERELEASED') {
    throw error;
  }
}
