import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const WORKSPACE_ENTRIES: Record<string, string> = {
  '@sanjay-flow/flow-json': join(packages, 'flow-json/src/index.ts'),
};

function resolveRelative(from: string, specifier: string): string {
  const base = join(dirname(from), specifier);
  const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
  const found = candidates.find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (found === undefined) {
    throw new Error(`${from} imports ${specifier}, which does not resolve`);
  }

  return found;
}

/**
 * Every file the player's entry point reaches, through its own files and the workspace
 * packages it imports, with the outside modules each file names.
 */
function importGraph(entry: string): { files: Set<string>; outside: Map<string, string[]> } {
  const outside = new Map<string, string[]>();
  const pending = [entry];
  const seen = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(
      (match) => match[1] ?? '',
    );
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        pending.push(resolveRelative(file, specifier));
      } else if (Object.hasOwn(WORKSPACE_ENTRIES, specifier)) {
        pending.push(WORKSPACE_ENTRIES[specifier] ?? '');
      } else {
        outside.set(file, [...(outside.get(file) ?? []), specifier]);
      }
    }
  }

  return { files: seen, outside };
}

/** The editor's phone preview bundles the player for the browser: nothing may reach for Node. */
describe('the import graph of @sanjay-flow/flow-player', () => {
  const graph = importGraph(fileURLToPath(new URL('./index.ts', import.meta.url)));
  const nodeModules = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

  it('follows the player into flow-json', () => {
    expect(graph.files).toContain(WORKSPACE_ENTRIES['@sanjay-flow/flow-json']);
    expect(graph.files.size).toBeGreaterThan(40);
  });

  it('names no Node built-in and no package but zod', () => {
    const offending = [...graph.outside].flatMap(([file, specifiers]) =>
      specifiers
        .filter((specifier) => nodeModules.has(specifier) || !/^zod(\/|$)/.test(specifier))
        .map((specifier) => `${file.slice(packages.length)}: ${specifier}`),
    );

    expect(offending).toEqual([]);
  });
});
