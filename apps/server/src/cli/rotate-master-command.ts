import path from 'node:path';

import type { Command } from 'commander';

import { type Config, ConfigError, loadConfig } from '../config';
import { pathExists } from '../path-exists';
import { MASTER_KEY_FILE, MasterKeyError } from '../secrets/master-key';
import { rotateMasterKey, type RotationResult } from '../secrets/rotate-master-key';
import { SecretError } from '../secrets/secret-box';
import { CliFailure } from './admin-io';
import { EXIT_CODES } from './io';
import type { CliIo } from './io';

/**
 * `sflow keys rotate-master [--new-key-file F]`: every stored secret re-sealed under a new
 * master key, from the same environment as the server (which must be stopped).
 */
export function registerRotateMasterCommand(keys: Command, io: CliIo): void {
  keys
    .command('rotate-master')
    .description(
      're-seal every stored secret under a new master key, then replace master.key (stop every server first)',
    )
    .option(
      '--new-key-file <file>',
      'read the new key from this file (32 bytes, base64 or hex, mode 600); with SFLOW_MASTER_KEY a new key is generated into it when it does not exist',
    )
    .action(async (options: { newKeyFile?: string }) => {
      try {
        printRotation(io, await rotate(options.newKeyFile));
      } catch (error) {
        const failure = asFailure(error);
        io.stderr(`sflow: ${failure.message}\n`);
        io.exitCode = failure.exitCode;
      }
    });
}

async function rotate(newKeyFile: string | undefined): Promise<RotationResult> {
  const config = loadConfig(process.env);
  // Checked before the database is opened, which would make one in a folder without any.
  await requireCurrentKey(config);
  // Loaded on demand, as the other admin commands load it (see `index.ts`).
  const { openCliDatabase } = await import('./admin-session');
  const db = await openCliDatabase(config, 'stop it first');
  try {
    return await rotateMasterKey({
      prisma: db.prisma,
      dataDir: config.dataDir,
      configured: config.masterKey,
      newKeyFile: newKeyFile && path.resolve(newKeyFile),
    });
  } finally {
    await db.close();
  }
}

/** The current key must be there to rotate from: in `SFLOW_MASTER_KEY` or `master.key`. */
async function requireCurrentKey(config: Config): Promise<void> {
  const file = path.join(config.dataDir, MASTER_KEY_FILE);
  if (config.masterKey === undefined && !(await pathExists(file))) {
    throw new CliFailure(
      `no master key to rotate: SFLOW_MASTER_KEY is not set and ${file} does not exist. Run ` +
        "sflow with the server's environment: from the folder it was started in, or with its " +
        'SFLOW_DATA_DIR or SFLOW_MASTER_KEY.',
      EXIT_CODES.invalid,
    );
  }
}

function printRotation(io: CliIo, result: RotationResult): void {
  io.stdout(
    `Re-sealed ${result.resealed} secrets under master key ${result.keyId} ` +
      `(was ${result.previousKeyId}${result.alreadyNew > 0 ? `; ${result.alreadyNew} already were` : ''}).\n`,
  );
  if (result.updateEnvironment) {
    io.stdout(
      `Set SFLOW_MASTER_KEY to the key in ${result.keyFile} before starting the server, then delete the file.\n`,
    );
  } else {
    io.stdout(`The new key is in ${result.keyFile}: back it up apart from the database.\n`);
  }
  io.stdout(
    'Database backups taken before now still need the previous key: keep its backup as long as them.\n',
  );
}

function asFailure(error: unknown): CliFailure {
  if (error instanceof CliFailure) {
    return error;
  }
  if (error instanceof ConfigError) {
    return new CliFailure(error.message, EXIT_CODES.usage);
  }
  if (error instanceof MasterKeyError) {
    return new CliFailure(error.message, EXIT_CODES.invalid);
  }
  if (error instanceof SecretError) {
    return new CliFailure(
      `a stored secret cannot be opened with the current master key (${error.message}); nothing was changed`,
      EXIT_CODES.invalid,
    );
  }
  throw error;
}
