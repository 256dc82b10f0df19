import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '@sanjay-flow/db';
import type { Database } from '@sanjay-flow/db';

export interface TestDatabase {
  db: Database;
  dataDir: string;
  /** A workspace of its own, so tests never see each other's rows on a shared server. */
  createWorkspace(name?: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * The embedded database in a fresh folder, or the PostgreSQL server named by DATABASE_URL
 * when the suite runs against one.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-test-'));
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });

  return {
    db,
    dataDir,
    async createWorkspace(name = 'Test workspace') {
      const workspace = await db.prisma.workspace.create({ data: { name } });

      return workspace.id;
    },
    async dispose() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
