// Migrations without Prisma's native schema engine, which cannot be downloaded offline: the
// published WASM engine driven through `@prisma/adapter-pg`, with the corrections in
// `migration-adapter.ts`. The history is Prisma's own (`prisma/migrations` and the
// `_prisma_migrations` table), so a machine with the native CLI can take over the database.
export { applyMigrations, type ApplyMigrationsOptions } from './apply';
export { createMigration, type CreateMigrationOptions, type CreateMigrationResult } from './create';
export { findPrismaPaths, type PrismaPaths } from './paths';
