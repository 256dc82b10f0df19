import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Prisma } from './generated/prisma/client';
import { poolSqlRunner } from './sql-runner';
import { type TestDatabase, testDatabaseTargets } from './testing/databases';

describe.each(testDatabaseTargets())('hand-written statements on the $name database', (target) => {
  let database: TestDatabase;
  const pools: pg.Pool[] = [];

  const newPool = () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    // Dropping the test database ends any connection still open; that is not a failure here.
    pool.on('error', () => {});
    pools.push(pool);

    return pool;
  };

  beforeAll(async () => {
    database = await target.start();
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.stop();
  });

  const sum = (a: number, b: number) => Prisma.sql`SELECT ${a}::int + ${b}::int AS "sum"`;

  it('runs a statement with its parameters and returns the rows as pg parses them', async () => {
    const sql = poolSqlRunner(newPool());

    await expect(sql.query(sum(2, 3))).resolves.toEqual([{ sum: 5 }]);
    await expect(
      sql.query(Prisma.sql`SELECT * FROM unnest(${['a', 'b"c']}::text[]) AS t(value)`),
    ).resolves.toEqual([{ value: 'a' }, { value: 'b"c' }]);
  });

  it('prepares a named statement again on a connection that replaced a lost one', async () => {
    const pool = newPool();
    const sql = poolSqlRunner(pool);
    await expect(sql.query(sum(1, 1), 'sum')).resolves.toEqual([{ sum: 2 }]);
    // The embedded database keeps what the lost connection prepared: the new connection's
    // statement must not collide with it.
    const lost = await pool.connect();
    lost.release(true);

    await expect(sql.query(sum(2, 2), 'sum')).resolves.toEqual([{ sum: 4 }]);
    await expect(sql.query(sum(3, 3), 'sum')).resolves.toEqual([{ sum: 6 }]);
  });

  it('lets two pools prepare statements under the same name', async () => {
    const first = poolSqlRunner(newPool());
    const second = poolSqlRunner(newPool());

    await expect(first.query(sum(1, 2), 'sum')).resolves.toEqual([{ sum: 3 }]);
    await expect(second.query(sum(5, 5), 'sum')).resolves.toEqual([{ sum: 10 }]);
  });

  it('keeps the connection after a statement the database refused', async () => {
    const pool = newPool();
    const sql = poolSqlRunner(pool);
    await sql.query(sum(1, 1), 'sum');

    await expect(sql.query(Prisma.sql`SELECT 1 / ${0}::int`)).rejects.toThrow(/division by zero/);
    expect(pool.totalCount).toBe(1);
    await expect(sql.query(sum(4, 4), 'sum')).resolves.toEqual([{ sum: 8 }]);
  });
});
