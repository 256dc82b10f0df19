import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import {
  CUSTOMER_IDENTITY_COLUMNS,
  IDENTITY_COLUMN_NAME,
  NOT_CUSTOMER_IDENTITY,
} from './erasure-coverage';

interface Column {
  table: string;
  column: string;
}

describe('erasure coverage', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
  }, 60_000);
  afterAll(() => test.dispose());

  it('lists every column of the migrated schema that may hold a customer identity', async () => {
    const columns = await test.db.prisma.$queryRawUnsafe<Column[]>(
      `SELECT c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c
       WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'
         AND NOT EXISTS (
           SELECT 1 FROM information_schema.key_column_usage k
           JOIN information_schema.referential_constraints r
             ON r.constraint_name = k.constraint_name AND r.constraint_schema = k.constraint_schema
           WHERE k.table_schema = 'public' AND k.table_name = c.table_name
             AND k.column_name = c.column_name)`,
    );
    const suspicious = columns
      .filter(({ column }) => IDENTITY_COLUMN_NAME.test(column))
      .map(({ table, column }) => `${table}.${column}`);
    const listed = Object.entries(CUSTOMER_IDENTITY_COLUMNS).flatMap(([table, names]) =>
      names.map((name) => `${table}.${name}`),
    );

    expect(suspicious).toContain('submission.customer_wa_id');
    expect(suspicious).toContain('connection.phone_number_id');
    const uncovered = suspicious.filter(
      (name) => !listed.includes(name) && !(name in NOT_CUSTOMER_IDENTITY),
    );
    expect(uncovered, 'add them to eraseSubjectData and CUSTOMER_IDENTITY_COLUMNS').toEqual([]);
    // The listing names real columns, so a rename cannot leave it silently stale.
    const existing = columns.map(({ table, column }) => `${table}.${column}`);
    expect(listed.filter((name) => !existing.includes(name))).toEqual([]);
  });
});
