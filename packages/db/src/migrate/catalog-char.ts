import { ColumnTypeEnum, type SqlResultSet } from '@prisma/driver-adapter-utils';
import type pg from 'pg';

// PostgreSQL's one-byte `"char"` type, used by the system catalogs (pg_constraint.contype,
// pg_class.relkind, ...). `@prisma/adapter-pg` has no mapping for it and refuses the whole
// result set, which breaks the schema engine's introspection.
const CATALOG_CHAR_OID = 18;
const TEXT_OID = 25;

/** Result rows (by identity) mapped to the indexes of their `"char"` columns. */
const charColumnsByRows = new WeakMap<object, number[]>();

type QueryFunction = (...args: unknown[]) => unknown;

/**
 * Makes every query of this pool client label `"char"` columns as text, so that the adapter
 * accepts them (their text form is the character itself), and remembers which columns they
 * were so that `reportCatalogChars` can tell the schema engine they are character columns.
 */
export function relabelCatalogChars(client: pg.PoolClient): void {
  const target = client as unknown as { query: QueryFunction };
  const query = target.query.bind(client);

  target.query = (...args: unknown[]): unknown => {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (error: unknown, result: unknown) => void;
      args[callbackIndex] = (error: unknown, result: unknown) => {
        relabel(result);
        callback(error, result);
      };

      return query(...args);
    }

    const returned = query(...args);
    if (returned instanceof Promise) {
      return returned.then((result: unknown) => {
        relabel(result);

        return result;
      });
    }

    return returned;
  };
}

/** Reports the `"char"` columns of a result set as `Character` (the engine expects that). */
export function reportCatalogChars(resultSet: SqlResultSet): SqlResultSet {
  const indexes = charColumnsByRows.get(resultSet.rows);
  for (const index of indexes ?? []) {
    resultSet.columnTypes[index] = ColumnTypeEnum.Character;
  }

  return resultSet;
}

function relabel(result: unknown): void {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const item of results) {
    if (isQueryResult(item)) {
      relabelResult(item);
    }
  }
}

function relabelResult(result: pg.QueryResult): void {
  const indexes: number[] = [];
  result.fields.forEach((field, index) => {
    if (field.dataTypeID === CATALOG_CHAR_OID) {
      field.dataTypeID = TEXT_OID;
      indexes.push(index);
    }
  });
  if (indexes.length > 0) {
    charColumnsByRows.set(result.rows, indexes);
  }
}

function isQueryResult(value: unknown): value is pg.QueryResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { fields?: unknown }).fields) &&
    Array.isArray((value as { rows?: unknown }).rows)
  );
}
