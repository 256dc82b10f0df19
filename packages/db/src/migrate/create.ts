import type {
  MigrationList,
  SchemaEngine,
  SchemasContainer,
} from '@prisma/schema-engine-wasm/schema_engine_bg';

import { type DbLogger, silentLogger } from '../logger';
import { memoryShadows, startMemoryPglite } from '../pglite-server';
import { type EngineSession, NO_FILTER, openSchemaEngine } from './engine';
import { readMigrationsFolder, writeMigration } from './migrations-folder';
import { resolvePrismaPaths } from './paths';
import { serverShadow } from './shadow';

export interface CreateMigrationOptions {
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  /** Defaults to the repository's `prisma/schema.prisma`. */
  schemaPath?: string;
  /**
   * A development PostgreSQL database to work against (its role needs CREATEDB for the shadow
   * database). Without it, a throwaway in-memory database is used: no server needed.
   */
  databaseUrl?: string;
  log?: DbLogger;
}

export type CreateMigrationResult =
  | {
      status: 'created';
      migrationName: string;
      scriptPath: string;
      /** Data the migration would destroy on a database that holds rows. */
      warnings: string[];
      /** Steps that cannot run on a database that holds rows (e.g. a new required column). */
      unexecutable: string[];
    }
  | { status: 'no_changes' };

const MIGRATION_NAME = /^[a-z0-9][a-z0-9_]*$/;
const MAX_CONNECTIONS = 4;

/**
 * Writes the migration that brings the migrations folder up to the Prisma schema (Prisma's
 * `migrate dev --create-only`, then applied once to prove it runs): replays the existing
 * migrations, diffs against the schema, writes `<timestamp>_<name>/migration.sql` and
 * `migration_lock.toml`.
 */
export async function createMigration(
  name: string,
  options: CreateMigrationOptions = {},
): Promise<CreateMigrationResult> {
  if (!MIGRATION_NAME.test(name)) {
    throw new Error(`migration name "${name}" must be lower-case letters, digits and underscores`);
  }
  const log = options.log ?? silentLogger;
  const paths = resolvePrismaPaths(options);

  if (options.databaseUrl !== undefined) {
    const session = await openSchemaEngine({
      connectionString: options.databaseUrl,
      shadow: serverShadow(options.databaseUrl),
      schemaPath: paths.schemaPath,
      log,
    });

    return runDevFlow(session, name, paths.migrationsDir);
  }

  const database = await startMemoryPglite(MAX_CONNECTIONS);
  try {
    const template = await database.dump();
    const session = await openSchemaEngine({
      connectionString: database.url,
      shadow: memoryShadows(template),
      schemaPath: paths.schemaPath,
      log,
    });

    return await runDevFlow(session, name, paths.migrationsDir);
  } finally {
    await database.stop();
  }
}

async function runDevFlow(
  session: EngineSession,
  name: string,
  migrationsDir: string,
): Promise<CreateMigrationResult> {
  try {
    return await session.run((engine) => devFlow(engine, session.schema, name, migrationsDir));
  } finally {
    await session.close();
  }
}

async function devFlow(
  engine: SchemaEngine,
  schema: SchemasContainer,
  name: string,
  migrationsDir: string,
): Promise<CreateMigrationResult> {
  const migrationsList = await readMigrationsFolder(migrationsDir);
  await prepareHistory(engine, migrationsList);
  const input = { migrationsList, schema, filters: NO_FILTER };
  const dataLoss = await engine.evaluateDataLoss(input);
  const created = await engine.createMigration({ ...input, draft: false, migrationName: name });
  if (created.migrationScript === null) {
    return { status: 'no_changes' };
  }
  const scriptPath = await writeMigration(migrationsDir, {
    directoryName: created.generatedMigrationName,
    extension: created.extension,
    script: created.migrationScript,
    provider: created.connectorType,
  });
  // Applying the new migration at once proves that it runs.
  await engine.applyMigrations({
    migrationsList: await readMigrationsFolder(migrationsDir),
    filters: NO_FILTER,
  });

  return {
    status: 'created',
    migrationName: created.generatedMigrationName,
    scriptPath,
    warnings: dataLoss.warnings.map((warning) => warning.message),
    unexecutable: dataLoss.unexecutableSteps.map((step) => step.message),
  };
}

/**
 * Brings the development database up to the migrations folder. `evaluateDataLoss` and
 * `createMigration` read the schema the history produces from a cache that only
 * `devDiagnostic` fills (replaying the history on a shadow database), and only when the
 * database is up to date: so it runs again after migrations were applied.
 */
async function prepareHistory(engine: SchemaEngine, migrationsList: MigrationList): Promise<void> {
  await diagnose(engine, migrationsList);
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList,
    filters: NO_FILTER,
  });
  if (appliedMigrationNames.length > 0) {
    await diagnose(engine, migrationsList);
  }
}

async function diagnose(engine: SchemaEngine, migrationsList: MigrationList): Promise<void> {
  const diagnostic = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
  if (diagnostic.action.tag === 'reset') {
    throw new Error(`the database must be reset first: ${diagnostic.action.reason}`);
  }
}
