import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { pathExists } from '../path-exists';
import { MASTER_KEY_BYTES } from './secret-box';

export const MASTER_KEY_FILE = 'master.key';

/** The master key could not be read or created; the message says how to fix it. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

export interface MasterKey {
  key: Buffer;
  /** Where it came from: `SFLOW_MASTER_KEY`, an existing file, or a file made just now. */
  source: 'environment' | 'file' | 'generated';
  /** The file, unless the key came from the environment. */
  file?: string;
}

/**
 * 32 bytes as 64 hexadecimal digits or as base64 (standard or URL-safe, padding optional);
 * `undefined` for anything else.
 */
export function parseMasterKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) {
    return Buffer.from(value, 'hex');
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    return undefined;
  }
  const decoded = Buffer.from(value, 'base64');

  return decoded.length === MASTER_KEY_BYTES ? decoded : undefined;
}

/**
 * The configured key, or the one in `<dataDir>/master.key`, created with owner-only rights on
 * first start. A file others can read is refused: anyone who reads it can open every secret.
 */
export async function loadMasterKey(options: {
  configured: Buffer | undefined;
  dataDir: string;
}): Promise<MasterKey> {
  if (options.configured) {
    return { key: options.configured, source: 'environment' };
  }
  const file = path.join(options.dataDir, MASTER_KEY_FILE);
  await refuseUnfinishedRotation(options.dataDir);
  const created = await createKeyFile(options.dataDir, file);
  if (created) {
    return { key: created, source: 'generated', file };
  }

  return { key: await readKeyFile(file), source: 'file', file };
}

/**
 * `master.key.next` is left by a master key rotation that did not finish: some secrets may be
 * sealed with it already. Starting with either key alone could fail, so nothing starts.
 */
async function refuseUnfinishedRotation(dataDir: string): Promise<void> {
  const next = path.join(dataDir, `${MASTER_KEY_FILE}.next`);
  if (await pathExists(next)) {
    throw new MasterKeyError(
      `a master key rotation was interrupted (${next} exists): run "sflow keys rotate-master" ` +
        'again to finish it before starting the server',
    );
  }
}

/** Writes a new key unless the file exists (`wx`: two processes starting together make one). */
async function createKeyFile(dataDir: string, file: string): Promise<Buffer | undefined> {
  const key = randomBytes(MASTER_KEY_BYTES);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });

    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return undefined;
    }
    throw new MasterKeyError(`cannot create the master key file ${file}: ${String(error)}`);
  }
}

async function readKeyFile(file: string): Promise<Buffer> {
  const { mode } = await stat(file);
  // TODO: Windows has no POSIX modes; the check only runs where they exist.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new MasterKeyError(
      `the master key file ${file} can be read by others (mode ${(mode & 0o777).toString(8)}): ` +
        `run "chmod 600 ${file}", or set SFLOW_MASTER_KEY instead`,
    );
  }
  const key = parseMasterKey(await readFile(file, 'utf8'));
  if (!key) {
    throw new MasterKeyError(
      `the master key file ${file} does not hold a 32-byte key (base64 or hex); restore it ` +
        'from your backup: the secrets stored in the database cannot be opened without it',
    );
  }

  return key;
}
