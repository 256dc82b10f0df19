import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

export type EngineModule = typeof glue;

// The parts of the WebAssembly global used here (the project's TypeScript libs do not declare
// it without the DOM library).
interface WasmModule {
  readonly __brand: 'WebAssembly.Module';
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ exports: Record<string, unknown> }>;
  Module: { imports(module: WasmModule): { module: string; name: string }[] };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loading: Promise<EngineModule> | undefined;

/**
 * Loads Prisma's WASM schema engine once per process.
 *
 * The package's entry point imports its `.wasm` file as an ES module, which Node 20 cannot do,
 * so the JS glue is imported alone and the binary is instantiated here with the glue as its
 * import object.
 */
export function loadSchemaEngine(): Promise<EngineModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });

  return loading;
}

async function instantiate(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const binary = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const module = await wasmApi.compile(binary);
  const instance = await wasmApi.instantiate(module, {
    './schema_engine_bg.js': withUnrefTimers(module),
  });
  const exports = instance.exports as { __wbindgen_start: () => void };

  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();

  return glue;
}

/**
 * The engine races its operations against timeouts (10 s for the migration lock, 60 s around
 * shadow-database work) and never cancels them, so each finished command would keep the
 * process alive for up to a minute. Its timers are unreferenced instead: while a command runs,
 * its open database connection keeps the event loop alive.
 */
function withUnrefTimers(module: WasmModule): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  const timerImports = wasmApi.Module.imports(module).filter((entry) =>
    entry.name.startsWith('__wbg_setTimeout_'),
  );
  for (const entry of timerImports) {
    imports[entry.name] = (callback: () => void, delay: number) =>
      setTimeout(callback, delay >>> 0).unref();
  }

  return imports;
}
