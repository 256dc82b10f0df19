import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import type { PrismaClient } from '@sanjay-flow/db';

import { pathExists } from '../path-exists';
import { MASTER_KEY_FILE, MasterKeyError, parseMasterKey } from './master-key';
import { resealSecrets, type ResealResult } from './reseal';
import { createSecretBox, MASTER_KEY_BYTES } from './secret-box';

/** Holds the new key while a rotation runs; its presence means a rotation is unfinished. */
export const NEXT_MASTER_KEY_FILE = `${MASTER_KEY_FILE}.next`;

export interface RotationInput {
  prisma: PrismaClient;
  dataDir: string;
  /** The current key when it comes from `SFLOW_MASTER_KEY`; otherwise read from the data folder. */
  configured: Buffer | undefined;
  /** A file with the new key (read), or where a generated one is written; optional with a key file. */
  newKeyFile?: string | undefined;
}

export interface RotationResult extends ResealResult {
  previousKeyId: string;
  keyId: string;
  /** Where the new key is now: `master.key`, or the given file to put in `SFLOW_MASTER_KEY`. */
  keyFile: string;
  /** True when the key came from `SFLOW_MASTER_KEY`, which the operator must now change. */
  updateEnvironment: boolean;
}

/**
 * Puts every sealed secret under a new master key.
 *
 * Crash safety: the new key is written to disk (fsync'd) before the database changes; the
 * re-sealing is one transaction; only after it commits does `master.key.next` replace
 * `master.key` (an atomic rename). Interrupted anywhere, the old key still opens everything
 * (before the commit) or the next file does (after it), and running the rotation again
 * finishes it: envelopes already under the new key are skipped. The server refuses to start
 * while `master.key.next` exists, so it never runs with the wrong key.
 */
export async function rotateMasterKey(input: RotationInput): Promise<RotationResult> {
  const current = input.configured ?? (await readKey(path.join(input.dataDir, MASTER_KEY_FILE)));
  const next = input.configured
    ? await newKeyForEnvironment(input.newKeyFile)
    : await newKeyBesideFile(input.dataDir, input.newKeyFile);
  if (next.key.equals(current)) {
    throw new MasterKeyError('the new master key is the current one: give or generate another');
  }
  const from = createSecretBox(current);
  const to = createSecretBox(next.key);
  const resealed = await resealSecrets(input.prisma, from, to);
  if (!input.configured) {
    await rename(next.file, path.join(input.dataDir, MASTER_KEY_FILE));
  }

  return {
    ...resealed,
    previousKeyId: from.keyId,
    keyId: to.keyId,
    keyFile: input.configured ? next.file : path.join(input.dataDir, MASTER_KEY_FILE),
    updateEnvironment: input.configured !== undefined,
  };
}

/**
 * With a key file: the new key goes to `master.key.next`. One left by an interrupted rotation
 * is used again (its secrets may already be sealed with it).
 */
async function newKeyBesideFile(
  dataDir: string,
  newKeyFile: string | undefined,
): Promise<{ key: Buffer; file: string }> {
  const file = path.join(dataDir, NEXT_MASTER_KEY_FILE);
  const pending = (await pathExists(file)) ? await readKey(file) : undefined;
  const given = newKeyFile === undefined ? undefined : await readKey(newKeyFile);
  if (pending && given && !pending.equals(given)) {
    throw new MasterKeyError(
      `an interrupted rotation left ${file} with another key: run the rotation again without ` +
        '--new-key-file to finish it first',
    );
  }
  const key = pending ?? given ?? randomBytes(MASTER_KEY_BYTES);
  if (!pending) {
    await writeKeyDurably(file, key);
  }

  return { key, file };
}

/** With `SFLOW_MASTER_KEY`: the new key is read from the file, or generated into it. */
async function newKeyForEnvironment(
  newKeyFile: string | undefined,
): Promise<{ key: Buffer; file: string }> {
  if (newKeyFile === undefined) {
    throw new MasterKeyError(
      'the master key comes from SFLOW_MASTER_KEY: give --new-key-file <file> to read the new ' +
        'key from, or to have one generated into',
    );
  }
  if (await pathExists(newKeyFile)) {
    return { key: await readKey(newKeyFile), file: newKeyFile };
  }
  const key = randomBytes(MASTER_KEY_BYTES);
  await writeKeyDurably(newKeyFile, key);

  return { key, file: newKeyFile };
}

/** Reads a key file that only its owner can read. */
async function readKey(file: string): Promise<Buffer> {
  const { mode } = await stat(file).catch((error: unknown) => {
    throw new MasterKeyError(`cannot read the key file ${file}: ${String(error)}`);
  });
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new MasterKeyError(
      `the key file ${file} can be read by others (mode ${(mode & 0o777).toString(8)}): run "chmod 600 ${file}"`,
    );
  }
  const key = parseMasterKey(await readFile(file, 'utf8'));
  if (!key) {
    throw new MasterKeyError(`the key file ${file} does not hold a 32-byte key (base64 or hex)`);
  }

  return key;
}

/** Writes the key with owner-only rights and waits until it is on disk. */
async function writeKeyDurably(file: string, key: Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o600).catch((error: unknown) => {
    throw new MasterKeyError(`cannot create the key file ${file}: ${String(error)}`);
  });
  try {
    await handle.writeFile(`${key.toString('base64')}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
}
