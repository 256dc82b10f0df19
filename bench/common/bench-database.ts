// A bench on PostgreSQL runs in a database of its own, created on the given server and dropped
// at the end, so that runs neither meet each other's rows nor leave the product's tables behind.
import { randomUUID } from 'node:crypto';

import { openDatabase } from '@sanjay-flow/db';
import type { Database, OpenDatabaseOptions } from '@sanjay-flow/db';

export interface BenchDatabase {
  db: Database;
  /** Closes the database and drops it (PostgreSQL) or leaves its folder to the caller. */
  close: () => Promise<void>;
}

/**
 * The embedded database in `embeddedDir` when `serverUrl` is empty; otherwise a fresh database
 * named `sflow_bench_<label>_<random>` on that PostgreSQL server.
 */
export async function openBenchDatabase(
  serverUrl: string,
  label: string,
  embeddedDir: string,
  log?: OpenDatabaseOptions['log'],
): Promise<BenchDatabase> {
  const logged = log === undefined ? {} : { log };
  if (serverUrl === '') {
    const db = await openDatabase({ dataDir: embeddedDir, ...logged });

    return { db, close: () => db.close() };
  }
  const name = `sflow_bench_${label}_${randomUUID().replaceAll('-', '')}`;
  const admin = await openDatabase({ databaseUrl: serverUrl, migrate: false, ...logged });
  await admin.prisma.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), ...logged });

  return {
    db,
    close: async () => {
      await db.close();
      await admin.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}
