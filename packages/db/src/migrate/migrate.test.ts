import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { parseIntoClientConfig } from 'pg-connection-string';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { queryRows, type TestDatabase, testDatabaseTargets } from '../testing/databases';
import { applyMigrations } from './apply';
import { createMigration } from './create';
import { MigrationAdapterFactory } from './migration-adapter';
import { findPrismaPaths } from './paths';

const repository = findPrismaPaths();

const FUNCTION_MIGRATION = `
CREATE TABLE "counter" ("id" INTEGER PRIMARY KEY, "value" INTEGER NOT NULL);

CREATE FUNCTION bump_counter(counter_id INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  result INTEGER;
BEGIN
  UPDATE "counter" SET "value" = "value" + 1 WHERE "id" = counter_id RETURNING "value" INTO result;
  RETURN result;
END;
$$;

INSERT INTO "counter" VALUES (1, 0);
`;

const BROKEN_MIGRATION = `
CREATE TABLE "half_done" ("id" INTEGER PRIMARY KEY);
CREATE FUNCTION half_done_count() RETURNS BIGINT LANGUAGE sql
  AS $$ SELECT count(*) FROM "half_done"; $$;
INSERT INTO "missing_table" VALUES (1);
`;

describe.each(testDatabaseTargets())('migrations on the $name database', (target) => {
  let database: TestDatabase;
  let workDir: string;

  beforeAll(async () => {
    database = await target.start();
    workDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-migrate-'));
  });

  afterAll(async () => {
    await database.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  afterEach(() => database.reset());

  async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
    const folder = await mkdtemp(path.join(workDir, 'migrations-'));
    for (const [name, script] of Object.entries(migrations)) {
      await mkdir(path.join(folder, name));
      await writeFile(path.join(folder, name, 'migration.sql'), script);
    }

    return folder;
  }

  function migrationScript(name: string): Promise<string> {
    return readFile(path.join(repository.migrationsDir, name, 'migration.sql'), 'utf8');
  }

  it('applies the project migrations once and records them as Prisma does', async () => {
    const names = (await readdir(repository.migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

    expect(await applyMigrations(database.url)).toEqual(names);
    expect(await applyMigrations(database.url)).toEqual([]);

    const rows = await queryRows(
      database.url,
      `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: sha256(await migrationScript(name)),
        finished_at: expect.any(Date) as unknown,
        rolled_back_at: null,
      })),
    );
    expect(rows).toEqual(expected);
    const tables = await queryRows(
      database.url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    // Every table the migrations create exists, and nothing else: read from the scripts, so a
    // new migration needs no edit here.
    const created = (await Promise.all(names.map((name) => migrationScript(name))))
      .flatMap((script) => [...script.matchAll(/CREATE TABLE "([a-z_]+)"/g)])
      .map((match) => match[1]);
    expect(tables.map((row) => row['tablename'])).toEqual(
      ['_prisma_migrations', ...created].sort(),
    );
  });

  it('applies a function body quoted with $$ intact', async () => {
    const folder = await migrationsFolder({ '20240101000000_counter': FUNCTION_MIGRATION });

    await applyMigrations(database.url, { migrationsDir: folder });

    expect(await queryRows(database.url, 'SELECT bump_counter(1) AS value')).toEqual([
      { value: 1 },
    ]);
  });

  it('rolls a failing migration back as a whole and does not record it as applied', async () => {
    const folder = await migrationsFolder({
      '20240101000000_counter': FUNCTION_MIGRATION,
      '20240102000000_broken': BROKEN_MIGRATION,
    });

    await expect(applyMigrations(database.url, { migrationsDir: folder })).rejects.toThrow(
      /missing_table/,
    );

    expect(
      await queryRows(
        database.url,
        `SELECT to_regclass('half_done') AS half_done,
                to_regproc('half_done_count') AS count_function`,
      ),
    ).toEqual([{ half_done: null, count_function: null }]);
    expect(
      await queryRows(
        database.url,
        `SELECT migration_name, finished_at IS NOT NULL AS finished
         FROM _prisma_migrations ORDER BY migration_name`,
      ),
    ).toEqual([
      { migration_name: '20240101000000_counter', finished: true },
      { migration_name: '20240102000000_broken', finished: false },
    ]);
    // A failed migration blocks the history until an operator resolves it.
    await expect(applyMigrations(database.url, { migrationsDir: folder })).rejects.toThrow(
      /20240102000000_broken/,
    );
  });

  it('reads catalog "char" columns as character columns', async () => {
    await applyMigrations(database.url);
    const factory = new MigrationAdapterFactory(parseIntoClientConfig(database.url));
    const adapter = await factory.connect();
    const query = {
      sql: `SELECT c.contype, c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = 'workspace' AND c.contype = 'p'`,
      args: [],
      argTypes: [],
    };

    try {
      const resultSet = await adapter.queryRaw(query);
      const transaction = await adapter.startTransaction();
      const inTransaction = await transaction.queryRaw(query);
      await transaction.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
      await transaction.rollback();

      expect(resultSet.columnTypes).toEqual([ColumnTypeEnum.Character, ColumnTypeEnum.Text]);
      expect(resultSet.rows).toEqual([['p', 'workspace_pkey']]);
      expect(inTransaction.columnTypes).toEqual(resultSet.columnTypes);
    } finally {
      await factory.disposeAll();
    }
  });

  it.runIf(target.name === 'postgres')(
    'creates a migration against a development database with a shadow database beside it',
    async () => {
      const migrationsDir = await migrationsFolder({});
      const schemaPath = path.join(workDir, 'schema.prisma');
      await writeFile(schemaPath, await schemaWithProbeModel());

      const created = await createMigration('init', {
        migrationsDir,
        schemaPath,
        databaseUrl: database.url,
      });

      expect(created).toMatchObject({ status: 'created' });
      expect(await queryRows(database.url, "SELECT to_regclass('migration_probe') AS t")).toEqual([
        { t: 'migration_probe' },
      ]);
      const shadows = await queryRows(
        database.url,
        "SELECT datname FROM pg_database WHERE datname LIKE 'sflow_shadow_%'",
      );
      expect(shadows).toEqual([]);
    },
  );

  it.runIf(target.name === 'embedded')(
    'refuses to use the embedded server for a shadow database',
    async () => {
      const migrationsDir = await migrationsFolder({});

      await expect(
        createMigration('init', { migrationsDir, databaseUrl: database.url }),
      ).rejects.toThrow(/cannot host a shadow database/);
    },
  );
});

describe('creating a migration', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-create-migration-'));
  });

  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('writes the migration for a schema change against a throwaway database', async () => {
    const migrationsDir = path.join(workDir, 'migrations');
    const schemaPath = path.join(workDir, 'schema.prisma');
    await cp(repository.migrationsDir, migrationsDir, { recursive: true });
    await writeFile(schemaPath, await schemaWithProbeModel());

    const created = await createMigration('add_migration_probe', { migrationsDir, schemaPath });
    const again = await createMigration('add_migration_probe', { migrationsDir, schemaPath });

    expect(created).toMatchObject({ status: 'created', warnings: [], unexecutable: [] });
    if (created.status !== 'created') {
      return;
    }
    expect(created.migrationName).toMatch(/^\d{14}_add_migration_probe$/);
    const script = await readFile(created.scriptPath, 'utf8');
    expect(script).toContain('CREATE TABLE "migration_probe"');
    expect(script).toContain('"kind" CHAR(1) NOT NULL');
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
    expect(again).toEqual({ status: 'no_changes' });
  }, 120_000);

  it('refuses a name that is not lower_snake_case', async () => {
    await expect(createMigration('Add Audit')).rejects.toThrow(/lower-case/);
  });
});

// A model with a NOT NULL one-character column: PostgreSQL 18 keeps NOT NULL constraints in
// pg_constraint, which the engine introspects through "char" columns.
async function schemaWithProbeModel(): Promise<string> {
  const schema = await readFile(repository.schemaPath, 'utf8');

  return `${schema}
model MigrationProbe {
  id   String @id @default(uuid()) @db.Uuid
  kind String @db.Char(1)

  @@map("migration_probe")
}
`;
}

function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
