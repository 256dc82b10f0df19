export { applyMigrations, type ApplyMigrationsOptions } from './apply';
export { createMigration, type CreateMigrationOptions, type CreateMigrationResult } from './create';
export { findPrismaPaths, type PrismaPaths } from './paths';
