import { randomUUID } from 'node:crypto';

import pg from 'pg';

import { startMemoryPglite } from '../pglite-server';

/** A database a test suite can run against: started fresh, removed by `stop()`. */
export interface TestDatabase {
  url: string;
  /** Empties the database: drops the public schema with everything in it. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestDatabaseTarget {
  name: 'embedded' | 'postgres';
  start(): Promise<TestDatabase>;
}

/**
 * The embedded database (an in-memory PGlite, PostgreSQL 18) always; a PostgreSQL server too
 * when `DATABASE_URL` is set, on a database with a random name created for the suite.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const serverUrl = process.env['DATABASE_URL'];
  const embedded: TestDatabaseTarget = { name: 'embedded', start: startEmbeddedTestDatabase };
  if (!serverUrl) {
    return [embedded];
  }

  return [embedded, { name: 'postgres', start: () => startServerTestDatabase(serverUrl) }];
}

async function startEmbeddedTestDatabase(): Promise<TestDatabase> {
  const database = await startMemoryPglite(24);

  return { url: database.url, reset: () => resetSchema(database.url), stop: () => database.stop() };
}

/** A new database with a random name on the server of `serverUrl`; `stop()` drops it. */
export async function startServerTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `sflow_test_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runStatement(serverUrl, `CREATE DATABASE "${name}"`);

  return {
    url: url.toString(),
    reset: () => resetSchema(url.toString()),
    stop: () => runStatement(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

function resetSchema(url: string): Promise<void> {
  return runStatement(url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
}

export async function runStatement(url: string, statement: string): Promise<void> {
  await withClient(url, (client) => client.query(statement));
}

export function queryRows(url: string, statement: string): Promise<Record<string, unknown>[]> {
  return withClient(url, async (client) => {
    const result = await client.query<Record<string, unknown>>(statement);

    return result.rows;
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
