import type { PrismaClient } from '@sanjay-flow/db';

import { CUSTOMER_DATA_BY_REFERENCE, CUSTOMER_IDENTITY_COLUMNS } from './erasure-coverage';
import { ERASE_ACTION } from './subject-data';

/** Every table an erasure deletes from, as `erasure-coverage.ts` lists them. */
const CUSTOMER_TABLES = [
  ...Object.keys(CUSTOMER_IDENTITY_COLUMNS),
  ...Object.keys(CUSTOMER_DATA_BY_REFERENCE),
];

const VACUUM_EVERY_MS = 60 * 60_000;

/**
 * The embedded database has no autovacuum: rows deleted or rewritten (a purge, delivered
 * answers cleared, an erasure) stay in its files as dead rows, and the files only grow. Plain
 * `VACUUM` every hour makes their space reusable; after an erasure, `VACUUM FULL` rewrites the
 * customer tables so that the erased rows leave the table files at once, and a checkpoint lets
 * the write-ahead log move on from them.
 */
export function createEmbeddedCompaction(prisma: PrismaClient, now: () => Date) {
  // The first run after a start rewrites the tables: erasures made by the CLI while the server
  // was stopped are covered too.
  let rewrittenAt: Date | null = null;
  let vacuumedAt = 0;

  return async (): Promise<'rewritten' | 'vacuumed' | 'nothing'> => {
    const at = now();
    const erased =
      rewrittenAt === null ||
      (await prisma.auditEntry.count({
        where: { action: ERASE_ACTION, at: { gt: rewrittenAt } },
      })) > 0;
    if (erased) {
      rewrittenAt = at;
      vacuumedAt = at.getTime();
      for (const table of CUSTOMER_TABLES) {
        await prisma.$executeRawUnsafe(`VACUUM FULL ${table}`);
      }
      await prisma.$executeRawUnsafe('CHECKPOINT');

      return 'rewritten';
    }
    if (at.getTime() - vacuumedAt >= VACUUM_EVERY_MS) {
      vacuumedAt = at.getTime();
      await prisma.$executeRawUnsafe('VACUUM');

      return 'vacuumed';
    }

    return 'nothing';
  };
}
