import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Database, openDatabase } from './database';
import { DatabaseFolderInUseError, startEmbeddedDatabase } from './embedded';
import type { DbLogger } from './logger';
import { ensureDefaultWorkspace } from './repositories/workspaces';
import { testDatabaseTargets } from './testing/databases';

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

function recordingLogger(entries: LogEntry[]): DbLogger {
  return {
    info: (obj, msg) => entries.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => entries.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => entries.push({ level: 'error', obj, msg }),
  };
}

function appliedMigrations(entries: LogEntry[]): unknown[] {
  return entries
    .filter((entry) => entry.msg === 'applied database migrations')
    .map((entry) => (entry.obj as { migrations: unknown }).migrations);
}

describe('the embedded database', () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'sflow-embedded-'));
    dataDir = path.join(parent, 'data');
  });

  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('starts on a new folder, migrates it, and keeps its rows across a restart', async () => {
    // A folder made beforehand by someone else's umask: the database makes it private.
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const firstLog: LogEntry[] = [];
    const first = await openDatabase({ dataDir, log: recordingLogger(firstLog) });
    // Served on a Unix socket in a folder only this user may enter: the socket server has no
    // authentication of its own.
    const socketDir = new URL(first.url).searchParams.get('host') ?? '';
    let workspaceId: string;
    try {
      expect(first.kind).toBe('embedded');
      expect(first.url).toMatch(/^postgresql:\/\/postgres@localhost\/postgres\?host=/);
      expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
      // PGlite's own files are laxer: the database folder keeps other users out of them.
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      await first.ping();
      workspaceId = (await ensureDefaultWorkspace(first.prisma)).id;
      expect(appliedMigrations(firstLog)).toHaveLength(1);
    } finally {
      await first.close();
    }
    await first.close();
    await expect(stat(socketDir)).rejects.toMatchObject({ code: 'ENOENT' });

    const secondLog: LogEntry[] = [];
    const second = await openDatabase({ dataDir, log: recordingLogger(secondLog) });
    try {
      expect(await second.prisma.workspace.findMany({ select: { id: true } })).toEqual([
        { id: workspaceId },
      ]);
      expect(appliedMigrations(secondLog)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second opener of the same folder until the first one closes', async () => {
    const holder = await startEmbeddedDatabase({ dataDir });
    try {
      const second = startEmbeddedDatabase({ dataDir });

      await expect(second).rejects.toBeInstanceOf(DatabaseFolderInUseError);
      await expect(second).rejects.toThrow(
        `database folder ${dataDir} is in use by another process`,
      );
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DatabaseFolderInUseError);
    } finally {
      await holder.close();
    }
    await expect(stat(`${dataDir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });

    const reopened = await startEmbeddedDatabase({ dataDir });
    await reopened.close();
  });

  it('keeps a memory:// database in memory, without a folder or a lock', async () => {
    const cwd = process.cwd();
    process.chdir(parent);
    try {
      const database = await openDatabase({ dataDir: 'memory://' });
      try {
        expect(await database.prisma.workspace.count()).toBe(0);
      } finally {
        await database.close();
      }

      expect(await readdir(parent)).not.toContain('memory:');
    } finally {
      process.chdir(cwd);
    }
  });

  it('defaults to .sflow/database under the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(parent);
    try {
      const database = await startEmbeddedDatabase({ maxConnections: 2 });
      await database.close();

      expect(database.dataDir).toBe(path.join(parent, '.sflow', 'database'));
      expect((await stat(path.join(parent, '.sflow', 'database', 'PG_VERSION'))).isFile()).toBe(
        true,
      );
    } finally {
      process.chdir(cwd);
    }
  });
});

describe.each(testDatabaseTargets())('openDatabase with a URL ($name)', (target) => {
  it('connects without migrating when asked not to, then migrates by default', async () => {
    const server = await target.start();
    let unmigrated: Database | undefined;
    let migrated: Database | undefined;
    try {
      unmigrated = await openDatabase({ databaseUrl: server.url, migrate: false });
      expect(unmigrated.kind).toBe('postgres');
      await unmigrated.ping();
      await expect(unmigrated.prisma.workspace.count()).rejects.toThrow(/workspace/);

      migrated = await openDatabase({ databaseUrl: server.url });
      expect(await migrated.prisma.workspace.count()).toBe(0);
    } finally {
      await unmigrated?.close();
      await migrated?.close();
      await server.stop();
    }
  });
});

describe('openDatabase with a URL that does not lead to a database', () => {
  it('gives up on a server that takes the connection but never answers, and names it', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await expect(
        openDatabase({
          databaseUrl: `postgresql://user:secret@127.0.0.1:${port}/app`,
          answerTimeoutMs: 300,
        }),
      ).rejects.toThrow(`the database server at 127.0.0.1:${port} did not answer within 0.3 s`);
    } finally {
      silent.close();
    }
  });

  it('names the server that refused the connection, without its password', async () => {
    const refusal = openDatabase({ databaseUrl: 'postgresql://user:secret@127.0.0.1:1/app' });

    await expect(refusal).rejects.toThrow(
      'the database server at 127.0.0.1:1 refused the connection: connect ECONNREFUSED',
    );
    await expect(refusal).rejects.not.toThrow(/secret/);
  });
});
