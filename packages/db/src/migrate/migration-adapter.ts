import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

import { relabelCatalogChars, reportCatalogChars } from './catalog-char';

/** A database the schema engine may use as its shadow, and how to get rid of it. */
export interface ShadowDatabase {
  poolConfig: pg.PoolConfig;
  drop(): Promise<void>;
}

export type CreateShadowDatabase = () => Promise<ShadowDatabase>;

// The schema engine runs its queries one after another; two connections leave room for the
// advisory lock it holds while migrating.
const MIGRATION_POOL_SIZE = 2;

/**
 * The driver adapter factory handed to the WASM schema engine: `@prisma/adapter-pg` with the
 * corrections migrations need (see `catalog-char.ts` and `MigrationAdapter.executeScript`),
 * and a shadow database that this project creates and drops itself.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly openAdapters = new Set<MigrationAdapter>();

  constructor(
    private readonly poolConfig: pg.PoolConfig,
    private readonly createShadow?: CreateShadowDatabase,
  ) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.poolConfig, async () => {});
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (!this.createShadow) {
      throw new Error('this migration needs a shadow database, and none was configured');
    }
    const shadow = await this.createShadow();

    try {
      return await this.open(shadow.poolConfig, () => shadow.drop());
    } catch (error) {
      await shadow.drop();
      throw error;
    }
  }

  /** Disposes every adapter the engine left open (freeing the engine does not dispose them). */
  async disposeAll(): Promise<void> {
    await Promise.all([...this.openAdapters].map((adapter) => adapter.dispose()));
  }

  private async open(
    poolConfig: pg.PoolConfig,
    afterDispose: () => Promise<void>,
  ): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ max: MIGRATION_POOL_SIZE, ...poolConfig });
    pool.on('connect', relabelCatalogChars);
    const inner = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    const adapter = new MigrationAdapter(inner, pool, async () => {
      this.openAdapters.delete(adapter);
      await afterDispose();
    });
    this.openAdapters.add(adapter);

    return adapter;
  }
}

class MigrationAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres';
  readonly adapterName: string;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly pool: pg.Pool,
    private readonly afterDispose: () => Promise<void>,
  ) {
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return reportCatalogChars(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  /**
   * Runs a migration script as one simple-protocol query. PostgreSQL then executes all of its
   * statements in one implicit transaction, so a failing script leaves nothing behind, and
   * `$$`-quoted function bodies reach the server intact. (The stock adapter splits the script
   * on `;` and runs the pieces one by one.)
   */
  async executeScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const transaction = await this.inner.startTransaction(isolationLevel);

    return new MigrationTransaction(transaction);
  }

  getConnectionInfo(): ReturnType<NonNullable<SqlDriverAdapter['getConnectionInfo']>> {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  private disposing: Promise<void> | undefined;

  dispose(): Promise<void> {
    this.disposing ??= this.inner.dispose().finally(() => this.afterDispose());

    return this.disposing;
  }
}

class MigrationTransaction implements Transaction {
  readonly provider = 'postgres';
  readonly adapterName: string;
  readonly options: Transaction['options'];

  constructor(private readonly inner: Transaction) {
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return reportCatalogChars(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}

function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) {
    return error;
  }

  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code ?? 'N/A',
    severity: error.severity ?? 'N/A',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}
