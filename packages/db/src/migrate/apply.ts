import { type DbLogger, silentLogger } from '../logger';
import { NO_FILTER, openSchemaEngine } from './engine';
import { readMigrationsFolder } from './migrations-folder';
import { resolvePrismaPaths } from './paths';

export interface ApplyMigrationsOptions {
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  /** Defaults to the repository's `prisma/schema.prisma`. */
  schemaPath?: string;
  log?: DbLogger;
}

/**
 * Applies every migration of the migrations folder that the database at `connectionString`
 * has not applied yet (Prisma's `migrate deploy`), recording each in `_prisma_migrations` the
 * way Prisma's own CLI does. Returns the names of the migrations applied now.
 *
 * A migration that fails is rolled back as a whole and stays recorded as failed: later runs
 * refuse to continue until an operator resolves it.
 *
 * TODO: there is no command to resolve a failed migration (the engine's
 * `markMigrationRolledBack`); until there is, an operator fixes the cause and deletes the
 * failed row from `_prisma_migrations` by hand before the next start.
 */
export async function applyMigrations(
  connectionString: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const { schemaPath, migrationsDir } = resolvePrismaPaths(options);
  const log = options.log ?? silentLogger;
  const session = await openSchemaEngine({ connectionString, schemaPath, log });

  try {
    const migrationsList = await readMigrationsFolder(migrationsDir);
    const { appliedMigrationNames } = await session.run((engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    if (appliedMigrationNames.length > 0) {
      log.info({ migrations: appliedMigrationNames }, 'applied database migrations');
    }

    return appliedMigrationNames;
  } finally {
    await session.close();
  }
}
