import { readFile } from 'node:fs/promises';

import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
} from '@prisma/driver-adapter-utils';
import type {
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from '@prisma/schema-engine-wasm/schema_engine_bg';
import { parseIntoClientConfig } from 'pg-connection-string';

import type { DbLogger } from '../logger';
import { loadSchemaEngine } from './engine-wasm';
import { type CreateShadowDatabase, MigrationAdapterFactory } from './migration-adapter';

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface EngineSession {
  schema: SchemasContainer;
  /** Runs engine commands; errors the adapter raised come back with their own message. */
  run<T>(command: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface EngineOptions {
  connectionString: string;
  schemaPath: string;
  shadow?: CreateShadowDatabase;
  log: DbLogger;
}

/** Starts a WASM schema engine connected to one database through the migration adapter. */
export async function openSchemaEngine(options: EngineOptions): Promise<EngineSession> {
  const wasm = await loadSchemaEngine();
  const content = await readFile(options.schemaPath, 'utf8');
  const factory = new MigrationAdapterFactory(
    parseIntoClientConfig(options.connectionString),
    options.shadow,
  );
  const boundFactory = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await wasm.SchemaEngine.new(
    { datamodels: [[options.schemaPath, content]] },
    (message: string) => forwardEngineLog(options.log, message),
    boundFactory,
  );

  return {
    schema: { files: [{ path: options.schemaPath, content }] },
    run: (command) =>
      command(engine).catch((error: unknown) => {
        throw explainError(boundFactory.errorRegistry, error);
      }),
    close: async () => {
      engine.free();
      await factory.disposeAll();
    },
  };
}

/**
 * An exception thrown by the adapter (rather than returned as a database error) reaches the
 * caller as "External error id#N"; the adapter's error registry holds the original.
 */
function explainError(registry: ErrorRegistry, error: unknown): unknown {
  const id =
    error instanceof Error ? /External error id#(\d+)/.exec(error.message)?.[1] : undefined;
  const record = id === undefined ? undefined : registry.consumeError(Number(id));
  if (!(error instanceof Error) || record === undefined) {
    return error;
  }
  const original = record.error;
  const detail = original instanceof Error ? original.message : JSON.stringify(original);

  return new Error(`${error.message.split('\n')[0] ?? ''}: ${detail}`, { cause: original });
}

/** The engine reports one JSON line per event; its warnings and errors reach the logger. */
function forwardEngineLog(log: DbLogger, message: string): void {
  const event = parseEngineEvent(message);
  if (event.level === 'ERROR') {
    log.error({ engine: event.fields }, 'schema engine error');
  } else if (event.level === 'WARN') {
    log.warn({ engine: event.fields }, 'schema engine warning');
  }
}

function parseEngineEvent(message: string): { level: string; fields: unknown } {
  try {
    const parsed = JSON.parse(message) as { level?: unknown; fields?: unknown };

    return { level: String(parsed.level), fields: parsed.fields };
  } catch {
    return { level: 'WARN', fields: { message } };
  }
}
