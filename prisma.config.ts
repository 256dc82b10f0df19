import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The native schema engine cannot be fetched offline; `prisma generate` does not need it.
// Migrations run through the WASM engine (packages/db/src/migrate).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('scripts/no-schema-engine.mjs');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
