import { randomBytes } from 'node:crypto';

import pg from 'pg';

import type { Prisma } from './generated/prisma/client';

/**
 * Runs hand-written SQL on the pool Prisma uses, without Prisma's query engine in between: for
 * the few statements every customer's call runs, where that engine's work per statement
 * showed in the data endpoint's profile. Rows come back as `pg` parses them (`bigint` and
 * `numeric` as strings, `json` parsed, timestamps as dates).
 */
export interface SqlRunner {
  /**
   * Runs one statement. With a `name`, the statement is prepared once per connection and its
   * plan reused: the text must be the same every time under one name.
   */
  query<Row>(statement: Prisma.Sql, name?: string): Promise<Row[]>;
}

/**
 * Over a `pg` pool. Prepared statements are named after the connection that prepared them as
 * well: the embedded database serves every connection from one backend, where a name prepared
 * by an earlier connection of any pool still exists.
 */
export function poolSqlRunner(pool: pg.Pool): SqlRunner {
  const prefix = randomBytes(4).toString('hex');
  const connectionIds = new WeakMap<pg.PoolClient, number>();
  let connections = 0;
  pool.on('connect', (client) => {
    connections += 1;
    connectionIds.set(client, connections);
  });

  return {
    async query<Row>(statement: Prisma.Sql, name?: string): Promise<Row[]> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const prepared =
          name === undefined ? {} : { name: `${name}-${prefix}-${connectionIds.get(client)}` };
        const result = await client.query({
          ...prepared,
          text: statement.text,
          values: statement.values,
        });

        return result.rows as Row[];
      } catch (error) {
        // A statement PostgreSQL refused leaves its connection usable; anything else (a reset
        // socket, a protocol error) may not, and the pool replaces it.
        if (!(error instanceof pg.DatabaseError)) {
          broken = error instanceof Error ? error : new Error(String(error));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}
