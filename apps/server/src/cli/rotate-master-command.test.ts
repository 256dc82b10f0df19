import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createConnections } from '../connections/manage-connections';
import { loadMasterKey } from '../secrets/master-key';
import { createSecretBox } from '../secrets/secret-box';
import { createTestConnection } from '../test-support/messaging';
import { runCli } from './index';
import type { CliIo } from './io';

let dataDir: string;
const saved = { dataDir: process.env.SFLOW_DATA_DIR, databaseUrl: process.env.DATABASE_URL };

beforeAll(async () => {
  // The command reads the server's environment: here an embedded database of its own.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-rotate-cli-'));
  process.env.SFLOW_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
});

afterAll(async () => {
  process.env.SFLOW_DATA_DIR = saved.dataDir;
  if (saved.databaseUrl !== undefined) {
    process.env.DATABASE_URL = saved.databaseUrl;
  }
  await rm(dataDir, { recursive: true, force: true });
});

function openEmbedded() {
  return openDatabase({ dataDir: path.join(dataDir, 'database') });
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    exitCode: 0,
  };
  const code = await runCli(argv, io);

  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('sflow keys rotate-master', () => {
  it('re-seals the stored secrets so that the server reads them with the new key', async () => {
    const before = createSecretBox((await loadMasterKey({ configured: undefined, dataDir })).key);
    const db = await openEmbedded();
    const workspace = await db.prisma.workspace.create({ data: { name: 'Rotation' } });
    const connectionId = await createTestConnection(db.prisma, before, workspace.id, {
      accessToken: 'EAAG-cli-rotation-token',
    });
    await db.close();

    const rotated = await run('keys', 'rotate-master');

    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      /^Re-sealed 3 secrets under master key [0-9a-f]{16} \(was [0-9a-f]{16}\)/,
    );
    const after = createSecretBox((await loadMasterKey({ configured: undefined, dataDir })).key);
    expect(after.keyId).not.toBe(before.keyId);
    const reopened = await openEmbedded();
    try {
      const connections = createConnections(reopened.prisma, after);
      const record = await connections.record(workspace.id, connectionId);

      expect(connections.credentials(record).accessToken).toBe('EAAG-cli-rotation-token');
      // While the database is in use (a running server), the command refuses and says why.
      const refused = await run('keys', 'rotate-master');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /in use by another process, most likely a running server: stop it first/,
      );
    } finally {
      await reopened.close();
    }
  }, 60_000);

  it('refuses to start without the current key, before making a database', async () => {
    const elsewhere = path.join(dataDir, 'elsewhere');
    process.env.SFLOW_DATA_DIR = elsewhere;
    try {
      const refused = await run('keys', 'rotate-master');

      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `sflow: no master key to rotate: SFLOW_MASTER_KEY is not set and ` +
          `${path.join(elsewhere, 'master.key')} does not exist. Run sflow with the server's ` +
          'environment: from the folder it was started in, or with its SFLOW_DATA_DIR or ' +
          'SFLOW_MASTER_KEY.\n',
      );
      await expect(stat(elsewhere)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      process.env.SFLOW_DATA_DIR = dataDir;
    }
  });

  it('says what to give when the key comes from SFLOW_MASTER_KEY', async () => {
    process.env.SFLOW_MASTER_KEY = Buffer.alloc(32, 1).toString('base64');
    try {
      const refused = await run('keys', 'rotate-master');

      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/SFLOW_MASTER_KEY: give --new-key-file/);
    } finally {
      delete process.env.SFLOW_MASTER_KEY;
    }
  }, 60_000);
});
