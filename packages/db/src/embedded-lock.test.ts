import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DatabaseFolderInUseError, startEmbeddedDatabase } from './embedded';

let parent: string;
let dataDir: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'sflow-lock-'));
  dataDir = path.join(parent, 'database');
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

async function leaveLockOf(pid: number): Promise<void> {
  await mkdir(`${dataDir}.lock`, { recursive: true });
  await writeFile(`${dataDir}.lock.pid`, String(pid));
}

describe('the embedded database folder lock', () => {
  it('takes over at once a lock left by a process that no longer runs', async () => {
    const finished = spawnSync(process.execPath, ['-e', '0']);
    await leaveLockOf(finished.pid ?? 0);
    const database = await startEmbeddedDatabase({ dataDir, maxConnections: 2 });

    await database.close();
    expect(database.dataDir).toBe(dataDir);
  });

  it('names the running process that holds the folder', async () => {
    await leaveLockOf(process.pid);
    const opening = startEmbeddedDatabase({ dataDir, maxConnections: 2 });

    await expect(opening).rejects.toBeInstanceOf(DatabaseFolderInUseError);
    await expect(opening).rejects.toThrow(`(pid ${process.pid})`);
  });
});
