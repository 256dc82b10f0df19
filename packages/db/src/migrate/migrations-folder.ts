import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type {
  MigrationDirectory,
  MigrationList,
} from '@prisma/schema-engine-wasm/schema_engine_bg';

const LOCKFILE_NAME = 'migration_lock.toml';
const SCRIPT_NAME = 'migration.sql';

/**
 * Reads a migrations folder in the layout Prisma's CLI uses: one `<timestamp>_<name>/`
 * directory per migration holding `migration.sql`, and `migration_lock.toml` beside them.
 * A missing folder is an empty history.
 */
export async function readMigrationsFolder(migrationsDir: string): Promise<MigrationList> {
  const lockfileContent = await readFile(path.join(migrationsDir, LOCKFILE_NAME), 'utf8').catch(
    () => null,
  );
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE_NAME, content: lockfileContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map((name) => readMigrationDirectory(migrationsDir, name)),
    ),
  };
}

async function readMigrationDirectory(
  migrationsDir: string,
  name: string,
): Promise<MigrationDirectory> {
  const content = await readFile(path.join(migrationsDir, name, SCRIPT_NAME), 'utf8').then(
    (value) => ({ tag: 'ok' as const, value }),
    (error: unknown) => ({ tag: 'error' as const, value: String(error) }),
  );

  return { path: name, migrationFile: { path: SCRIPT_NAME, content } };
}

/** Writes a migration directory and the lockfile naming the provider; returns the script path. */
export async function writeMigration(
  migrationsDir: string,
  migration: { directoryName: string; extension: string; script: string; provider: string },
): Promise<string> {
  const directory = path.join(migrationsDir, migration.directoryName);
  const scriptPath = path.join(directory, `migration.${migration.extension}`);
  const lockfile = [
    '# Written by the migration tool; do not edit. Keep it in version control:',
    '# it records which database provider the migrations in this folder are for.',
    `provider = "${migration.provider}"`,
    '',
  ].join('\n');

  await mkdir(directory, { recursive: true });
  await writeFile(scriptPath, migration.script, 'utf8');
  await writeFile(path.join(migrationsDir, LOCKFILE_NAME), lockfile, 'utf8');

  return scriptPath;
}
