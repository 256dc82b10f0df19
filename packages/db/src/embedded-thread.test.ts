import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startEmbeddedDatabase } from './embedded';
import type { DbLogger } from './logger';
import { servePgliteInThread } from './pglite-server';

let parent: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'sflow-thread-'));
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const PAUSE_MS = 500;
const TICK_MS = 20;
// A blocked event loop runs its timer once at most during the pause; a free one about 25 times,
// and still several times on a machine busy with other tests.
const FREE_LOOP_TICKS = 5;

describe('the embedded database thread', () => {
  it("runs the database's work beside the caller's event loop, not in it", async () => {
    const database = await startEmbeddedDatabase({ dataDir: path.join(parent, 'data') });
    const client = new pg.Client({ connectionString: database.url });
    try {
      await client.connect();
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), TICK_MS);
      // PGlite sleeps by blocking the thread it runs in.
      await client.query(`SELECT pg_sleep(${PAUSE_MS / 1000})`);
      clearInterval(timer);

      expect(ticks).toBeGreaterThanOrEqual(FREE_LOOP_TICKS);
    } finally {
      await client.end();
      await database.close();
    }
  });

  it('fails the start with the reason when the folder holds no database it can open', async () => {
    const dataDir = path.join(parent, 'data');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'PG_VERSION'), '9\n');

    const failure = 'PGlite failed to initialize properly';

    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(failure);
    // The failed start let go of the folder: a second try fails the same way, not on the lock.
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(failure);
  });

  it('names the folder and the file system error PGlite reports', async () => {
    const dataDir = path.join(parent, 'data');
    await mkdir(dataDir);
    execFileSync('mkfifo', [path.join(dataDir, 'PG_VERSION')]);

    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(
      `the embedded database in ${dataDir} could not start: invalid argument (errno 28)`,
    );
  });

  it('makes no database over a folder that holds other files', async () => {
    const dataDir = path.join(parent, 'data');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'notes.txt'), 'keep me');

    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(
      `${dataDir} holds files but no database (it has no PG_VERSION)`,
    );
    expect(await readdir(dataDir)).toEqual(['notes.txt']);
  });

  it('refuses a temporary folder whose path leaves no room for the socket', async () => {
    const longFolder = path.join(parent, 'x'.repeat(100));
    await mkdir(longFolder);
    const temporary = process.env.TMPDIR;
    process.env.TMPDIR = longFolder;
    try {
      await expect(startEmbeddedDatabase({ dataDir: path.join(parent, 'data') })).rejects.toThrow(
        'is longer than the system allows (107 bytes): set TMPDIR to a shorter folder',
      );
    } finally {
      restoreTmpdir(temporary);
    }
    expect((await readdir(longFolder)).length).toBe(0);
  });

  it('serves its socket under a relative TMPDIR, made absolute', async () => {
    const temporary = process.env.TMPDIR;
    process.env.TMPDIR = path.relative(process.cwd(), parent);
    try {
      const database = await startEmbeddedDatabase({ dataDir: path.join(parent, 'data') });
      // A socket's folder that is not absolute reads to a client as a host name.
      const client = new pg.Client({ connectionString: database.url });
      try {
        await client.connect();

        expect(path.dirname(socketDirOf(database.url))).toBe(parent);
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
        await database.close();
      }
    } finally {
      restoreTmpdir(temporary);
    }
  });

  it('logs nothing as a failure when it is closed', async () => {
    const errors: unknown[] = [];
    const log: DbLogger = { info: () => {}, warn: () => {}, error: (obj) => errors.push(obj) };
    const database = await startEmbeddedDatabase({ dataDir: path.join(parent, 'data'), log });
    await database.close();

    expect(errors).toEqual([]);
  });
});

function restoreTmpdir(value: string | undefined): void {
  if (value === undefined) {
    delete process.env.TMPDIR;
  } else {
    process.env.TMPDIR = value;
  }
}

/** The folder of the socket a served database's URL names. */
function socketDirOf(url: string): string {
  return new URL(url).searchParams.get('host') ?? '';
}

const standIn = fileURLToPath(new URL('./testing/stand-in-thread.mjs', import.meta.url));

describe('stopping the database thread', () => {
  it('tells of a thread that ended on its own, and still stops and cleans up', async () => {
    const failures: Error[] = [];
    const served = await servePgliteInThread('ends', {
      maxConnections: 1,
      onFailure: (error) => failures.push(error),
      script: standIn,
    });
    await vi.waitFor(() => expect(failures).toHaveLength(1));

    expect(failures[0]?.message).toBe('the database thread ended with code 3');
    await served.stop();
    await expect(stat(socketDirOf(served.url))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('terminates a thread that does not close in time', async () => {
    const failures: Error[] = [];
    const served = await servePgliteInThread('deaf', {
      maxConnections: 1,
      onFailure: (error) => failures.push(error),
      stopTimeoutMs: 300,
      script: standIn,
    });
    const startedAt = performance.now();
    await served.stop();

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(250);
    expect(failures).toEqual([]);
    await expect(stat(socketDirOf(served.url))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
