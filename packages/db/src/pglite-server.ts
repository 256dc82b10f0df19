import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

import type { CreateShadowDatabase, ShadowDatabase } from './migrate/migration-adapter';

export interface ServedPglite {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`; PGlite takes any user and password. */
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface MemoryPglite extends ServedPglite {
  /** A copy of the data folder, to start another in-memory instance from this state. */
  dump(): Promise<Blob>;
}

const LOOPBACK = '127.0.0.1';
const SHADOW_MAX_CONNECTIONS = 4;
/** The socket file's name in its folder, as PostgreSQL's clients look for it (default port). */
const SOCKET_PORT = 5432;
/** The longest Unix socket path the system takes; Linux cuts a longer one short silently. */
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;
/** How long the database thread may take to close before it is terminated. */
const THREAD_STOP_TIMEOUT_MS = 10_000;

/** Served on a Unix socket: the URL's `host` is the socket's folder. */
export interface PrivatePglite {
  url: string;
  stop(): Promise<void>;
}

export interface ThreadOptions {
  maxConnections: number;
  /** Told when the thread fails or ends before `stop`: the database then answers nothing. */
  onFailure: (error: Error) => void;
  /** How long the thread may take to close before it is terminated; 10 s by default. */
  stopTimeoutMs?: number;
  /** The thread's script; by default `pglite-thread.mjs` (tests stand in for it). */
  script?: string;
}

/**
 * Starts PGlite on `dataDir` in a worker thread and serves it on a Unix socket in a new folder
 * only this user may enter (0700, in the system's temporary folder, so that its path stays
 * under the socket path limit). The socket server has no authentication: on loopback TCP any
 * local user or process could read and change the database; the folder's permissions keep
 * them out.
 */
export async function servePgliteInThread(
  dataDir: string,
  options: ThreadOptions,
): Promise<PrivatePglite> {
  // A relative TMPDIR would name a socket only this process's folder can reach.
  const temporary = path.resolve(os.tmpdir());
  const socketPath = socketIn(path.join(temporary, 'sflow-db-XXXXXX'));
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(
      `the embedded database's socket path ${socketPath} is longer than the system allows ` +
        `(${MAX_SOCKET_PATH} bytes): set TMPDIR to a shorter folder`,
    );
  }
  const socketDir = await mkdtemp(path.join(temporary, 'sflow-db-'));
  const thread = new Worker(options.script ?? pgliteThreadPath(), {
    workerData: {
      dataDir,
      socketPath: socketIn(socketDir),
      maxConnections: options.maxConnections,
    },
  });
  const ended = new Promise<number>((resolve) => thread.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      thread.once('message', () => resolve());
      thread.once('error', reject);
      void ended.then((code) => reject(endedWith(code)));
    });
  } catch (error) {
    await thread.terminate();
    await rm(socketDir, { recursive: true, force: true });
    throw new Error(`the embedded database in ${dataDir} could not start: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  let stopping = false;
  thread.removeAllListeners('error');
  thread.on('error', (error) => options.onFailure(error));
  void ended.then((code) => {
    if (!stopping) {
      options.onFailure(endedWith(code));
    }
  });

  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`,
    stop: async () => {
      stopping = true;
      thread.postMessage('stop');
      // A database that does not close in time (stuck in a statement) is stopped as a killed
      // process would be: what it committed is on disk.
      const timer = setTimeout(
        () => void thread.terminate(),
        options.stopTimeoutMs ?? THREAD_STOP_TIMEOUT_MS,
      );
      try {
        await ended;
      } finally {
        clearTimeout(timer);
        await rm(socketDir, { recursive: true, force: true });
      }
    },
  };
}

/** The socket's path in its folder, named as PostgreSQL's clients look for it. */
function socketIn(folder: string): string {
  return path.join(folder, `.s.PGSQL.${SOCKET_PORT}`);
}

function endedWith(code: number): Error {
  return new Error(`the database thread ended with code ${code}`);
}

/** WASI's numbers for the file system errors PGlite reports on a folder it cannot use. */
const FILE_SYSTEM_ERRORS: Record<number, string> = {
  2: 'permission denied',
  20: 'a file exists where a folder is expected',
  28: 'invalid argument',
  29: 'input/output error',
  31: 'a folder where a file is expected',
  44: 'no such file or folder',
  51: 'no space left on the device',
  54: 'a file where a folder is expected',
  63: 'operation not permitted',
};

// PGlite's file system throws plain objects (`{ name: 'ErrnoError', errno }`), not errors.
function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  const errno = (error as { errno?: unknown } | null)?.errno;
  if (typeof errno === 'number') {
    return `${FILE_SYSTEM_ERRORS[errno] ?? 'a file system error'} (errno ${errno})`;
  }

  return String(error);
}

// Found through the package's own name, from the sources and from a bundle of them alike.
function pgliteThreadPath(): string {
  return createRequire(import.meta.url).resolve('@sanjay-flow/db/pglite-thread');
}

/**
 * Serves a PGlite instance over the PostgreSQL wire protocol on a free loopback port.
 *
 * The socket server has no authentication, so it listens on 127.0.0.1 only. It accepts
 * `maxConnections` sockets (default 1, which makes a pool of ten fail with "Connection
 * terminated unexpectedly"), so callers size it above every pool that will connect. All
 * connections share one queue in front of the single backend: an open transaction holds
 * everyone else until it ends.
 */
export async function servePglite(db: PGlite, maxConnections: number): Promise<ServedPglite> {
  const server = new PGLiteSocketServer({ db, host: LOOPBACK, port: 0, maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(':').at(-1));

  return {
    url: `postgresql://postgres@${LOOPBACK}:${port}/postgres`,
    host: LOOPBACK,
    port,
    stop: () => server.stop(),
  };
}

/**
 * A throwaway in-memory PGlite behind its own socket server, new or started from a dump
 * (about 1 s instead of the 2–4 s a new cluster takes).
 */
export async function startMemoryPglite(
  maxConnections: number,
  fromDump?: Blob,
): Promise<MemoryPglite> {
  const db = await PGlite.create(fromDump ? { loadDataDir: fromDump } : {});
  try {
    const served = await servePglite(db, maxConnections);

    return {
      ...served,
      dump: () => db.dumpDataDir('none'),
      stop: async () => {
        await served.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * Shadow databases for PGlite. The socket server serves one database whatever name a client
 * asks for, so a shadow cannot live beside the main database: each one is a separate
 * in-memory PGlite behind its own socket server, started from `template` (a dump of an empty
 * cluster).
 */
export function memoryShadows(template: Blob): CreateShadowDatabase {
  return async (): Promise<ShadowDatabase> => {
    const shadow = await startMemoryPglite(SHADOW_MAX_CONNECTIONS, template);

    return {
      poolConfig: { host: shadow.host, port: shadow.port, user: 'postgres', database: 'postgres' },
      drop: () => shadow.stop(),
    };
  };
}
