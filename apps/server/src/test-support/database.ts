import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '@sanjay-flow/db';
import type { Database } from '@sanjay-flow/db';
import { startServerTestDatabase } from '@sanjay-flow/db/testing';

export interface TestDatabase {
  db: Database;
  dataDir: string;
  /** A workspace of its own, so tests never see each other's rows on a shared server. */
  createWorkspace(name?: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * The embedded database in a fresh folder or, when the suite runs against the PostgreSQL server
 * named by DATABASE_URL, a fresh database on it. Each caller gets its own: test files run in
 * parallel, and one file's workers must never claim another file's jobs.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-test-'));
  const server = process.env.DATABASE_URL
    ? await startServerTestDatabase(process.env.DATABASE_URL)
    : undefined;
  const db = await openDatabase({ databaseUrl: server?.url, dataDir });

  return {
    db,
    dataDir,
    async createWorkspace(name = 'Test workspace') {
      const workspace = await db.prisma.workspace.create({ data: { name } });

      return workspace.id;
    },
    async dispose() {
      await db.close();
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
