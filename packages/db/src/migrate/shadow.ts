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
    await runAdminStatement(base, `CREATE DATABASE "${name}"`);

    return {
      poolConfig: { ...base, database: name },
      drop: () => runAdminStatement(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  };
}

async function runAdminStatement(config: pg.ClientConfig, statement: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
