import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { createEmbeddedCompaction } from './compact';
import { seedCustomer, seedWorkspace } from './subject.test-helper';
import { eraseSubjectData } from './subject-data';

const CUSTOMER = { waId: '15550987123', userId: 'US.compact-1' };

/** The table files of the embedded database that hold `text` in their bytes. */
async function filesHolding(dataDir: string, text: string): Promise<string[]> {
  const base = path.join(dataDir, 'base');
  const files: string[] = [];
  for (const database of await readdir(base)) {
    for (const file of await readdir(path.join(base, database))) {
      const bytes = await readFile(path.join(base, database, file)).catch(() => Buffer.alloc(0));
      if (bytes.includes(text)) {
        files.push(`${database}/${file}`);
      }
    }
  }

  return files;
}

// The embedded database only: PostgreSQL vacuums by itself.
describe.skipIf(Boolean(process.env.DATABASE_URL))('the embedded database after an erasure', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
  }, 60_000);
  afterAll(() => test.dispose());

  it('rewrites the customer tables so that the erased rows leave its files', async () => {
    const prisma = test.db.prisma;
    const seeded = await seedWorkspace(prisma, await test.createWorkspace());
    await seedCustomer(prisma, seeded, CUSTOMER);
    let now = new Date();
    const compact = createEmbeddedCompaction(prisma, () => now);
    // The first run after a start rewrites the tables in case the CLI erased while it was off.
    expect(await compact()).toBe('rewritten');
    expect(await compact()).toBe('nothing');

    await eraseSubjectData(prisma, seeded.workspaceId, CUSTOMER.waId, { kind: 'cli' });
    await prisma.$executeRawUnsafe('CHECKPOINT');
    // Deleted rows stay in the files until the tables are rewritten.
    expect(await filesHolding(test.dataDir, CUSTOMER.waId)).not.toEqual([]);

    now = new Date(now.getTime() + 1000);
    expect(await compact()).toBe('rewritten');
    expect(await filesHolding(test.dataDir, CUSTOMER.waId)).toEqual([]);

    now = new Date(now.getTime() + 60 * 60_000);
    expect(await compact()).toBe('vacuumed');
  });
});
