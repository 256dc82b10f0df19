import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PrismaPaths {
  schemaPath: string;
  migrationsDir: string;
}

/**
 * Finds the repository's `prisma/` folder by walking up from this module, so that the
 * migrations are found from the TypeScript sources and from a bundled build alike.
 */
export function findPrismaPaths(start = path.dirname(fileURLToPath(import.meta.url))): PrismaPaths {
  let directory = start;
  for (;;) {
    const schemaPath = path.join(directory, 'prisma', 'schema.prisma');
    if (existsSync(schemaPath)) {
      return { schemaPath, migrationsDir: path.join(directory, 'prisma', 'migrations') };
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`no prisma/schema.prisma found above ${start}`);
    }
    directory = parent;
  }
}

/** Fills the paths the caller did not give with the repository's own. */
export function resolvePrismaPaths(given: Partial<PrismaPaths>): PrismaPaths {
  if (given.schemaPath !== undefined && given.migrationsDir !== undefined) {
    return { schemaPath: given.schemaPath, migrationsDir: given.migrationsDir };
  }
  const found = findPrismaPaths();

  return {
    schemaPath: given.schemaPath ?? found.schemaPath,
    migrationsDir: given.migrationsDir ?? found.migrationsDir,
  };
}
