import { randomUUID } from 'node:crypto';

import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

import type { CreateShadowDatabase, ShadowDatabase } from './migration-adapter';

/**
 * Shadow databases on a PostgreSQL server: a database with a random name beside the main one,
 * created and dropped here (the role needs CREATEDB).
 *
 * The connection is rebuilt from discrete fields because `pg` lets a `connectionString` win
 * over a `database` field: a shadow configured as `{ connectionString, database }` silently
 * points at the main database.
 */
export function serverShadow(connectionString: string): CreateShadowDatabase {
  const base = parseIntoClientConfig(connectionString);
  delete base.connectionString;

  return async (): Promise<ShadowDatabase> => {
    const name = `sflow_shadow_${randomUUID().replaceAll('-', '')}`;
    const poolConfig = { ...base, database: name };
    const drop = async (): Promise<void> => {
      await query(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    await query(base, `CREATE DATABASE "${name}"`);

    try {
      await expectDatabase(poolConfig, name);
    } catch (error) {
      await drop();
      throw error;
    }

    return { poolConfig, drop };
  };
}

/**
 * Guards against a server that ignores the database name (PGlite does): the engine would
 * otherwise wipe the main database, believing it to be the shadow.
 */
async function expectDatabase(config: pg.ClientConfig, name: string): Promise<void> {
  const result = await query(config, 'SELECT current_database() AS name');
  const actual = (result.rows[0] as { name?: unknown } | undefined)?.name;
  if (actual !== name) {
    throw new Error(
      `the server connected to database "${String(actual)}" when asked for "${name}": ` +
        'it cannot host a shadow database',
    );
  }
}

async function query(config: pg.ClientConfig, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}
