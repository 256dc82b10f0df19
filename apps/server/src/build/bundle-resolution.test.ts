import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/**
 * The built server bundles the workspace packages but loads their third-party dependencies
 * from node_modules, as seen from `apps/server/dist`. Each one must resolve there to the
 * version the workspace package resolves itself: two copies of PGlite, say, write data folders
 * of different PostgreSQL versions, so the server and the CLI could not open each other's.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoDir = path.resolve(serverDir, '../..');

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The directory Node's lookup finds for `name` starting from `fromDir`, as a real path. */
function installedDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) {
      return realpathSync(candidate);
    }
    if (dir === path.dirname(dir)) {
      return undefined;
    }
  }
}

/** Every workspace package the server bundles, followed through their own dependencies. */
function bundledWorkspacePackages(): string[] {
  const found = new Set<string>();
  const pending = [serverDir];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const name of Object.keys(readManifest(dir).dependencies ?? {})) {
      const installed = name.startsWith('@sanjay-flow/') ? installedDir(name, dir) : undefined;
      if (installed && !found.has(installed)) {
        found.add(installed);
        pending.push(installed);
      }
    }
  }

  return [...found];
}

describe('the built server', () => {
  const distDir = path.join(serverDir, 'dist');

  it.each(bundledWorkspacePackages().map((dir) => [path.relative(repoDir, dir), dir]))(
    'loads the third-party versions that %s uses',
    (_label, packageDir) => {
      const mismatches = Object.keys(readManifest(packageDir).dependencies ?? {})
        .filter((name) => !name.startsWith('@sanjay-flow/'))
        .flatMap((name) => {
          const version = (dir: string | undefined) => (dir ? readManifest(dir).version : 'none');
          const own = version(installedDir(name, packageDir));
          const fromDist = version(installedDir(name, distDir));

          return own === fromDist
            ? []
            : [`${name}: package has ${own}, dist/ would load ${fromDist}`];
        });

      expect(mismatches).toEqual([]);
    },
  );
});
