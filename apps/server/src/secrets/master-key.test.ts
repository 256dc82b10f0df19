import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadMasterKey, MasterKeyError, parseMasterKey } from './master-key';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-master-key-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('master key', () => {
  it('is generated on first start into master.key, readable by the owner only', async () => {
    const first = await loadMasterKey({
      configured: undefined,
      dataDir: path.join(dataDir, 'new'),
    });
    const file = path.join(dataDir, 'new', 'master.key');

    expect(first).toMatchObject({ source: 'generated', file });
    expect(first.key).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(await readFile(file, 'utf8'))).toEqual(first.key);

    const second = await loadMasterKey({
      configured: undefined,
      dataDir: path.join(dataDir, 'new'),
    });

    expect(second).toMatchObject({ source: 'file', file });
    expect(second.key).toEqual(first.key);
  });

  it('refuses a key file others can read, and says how to fix it', async () => {
    await loadMasterKey({ configured: undefined, dataDir });
    const file = path.join(dataDir, 'master.key');
    await chmod(file, 0o644);

    await expect(loadMasterKey({ configured: undefined, dataDir })).rejects.toThrow(
      new RegExp(`chmod 600 ${file.replaceAll('/', '\\/')}`),
    );
    await chmod(file, 0o600);
    expect((await loadMasterKey({ configured: undefined, dataDir })).source).toBe('file');
  });

  it('says which folder it cannot make, as a master key error', async () => {
    const underFile = path.join(dataDir, 'file', 'data');
    await writeFile(path.join(dataDir, 'file'), 'not a folder');

    await expect(loadMasterKey({ configured: undefined, dataDir: underFile })).rejects.toThrow(
      new MasterKeyError(
        `cannot create the master key file ${path.join(underFile, 'master.key')}: Error: ` +
          `ENOTDIR: not a directory, mkdir '${underFile}'`,
      ),
    );
  });

  it('refuses a key file that does not hold a key', async () => {
    await writeFile(path.join(dataDir, 'master.key'), 'short\n', { mode: 0o600 });

    await expect(loadMasterKey({ configured: undefined, dataDir })).rejects.toThrow(MasterKeyError);
  });

  it('prefers the configured key and writes no file', async () => {
    const configured = Buffer.alloc(32, 9);
    const loaded = await loadMasterKey({ configured, dataDir });

    expect(loaded).toEqual({ key: configured, source: 'environment' });
    await expect(stat(path.join(dataDir, 'master.key'))).rejects.toThrow(/ENOENT/);
  });

  it('parses hex and base64, and nothing else', () => {
    const key = Buffer.alloc(32, 0xab);

    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(key.toString('base64url'))).toEqual(key);
    expect(parseMasterKey(Buffer.alloc(31).toString('base64'))).toBeUndefined();
    expect(parseMasterKey('zz'.repeat(32))).toBeUndefined();
    expect(parseMasterKey('')).toBeUndefined();
  });
});
