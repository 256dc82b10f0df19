import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }

    return entry.name.endsWith('.ts') && !/\.test(-helper)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

const FORBIDDEN =
  /\b(fetch|setTimeout|setInterval|setImmediate|console|process|require|eval|Function)\s*[.(]/;

describe('the runtime performs no I/O of its own', () => {
  const files = sourceFiles(root);

  it('imports only zod and its own modules', () => {
    const imports = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)';/gm)].map(
        (match) => [relative(root, file), match[1]],
      ),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(([, source]) => source !== 'zod' && !source?.startsWith('.'))).toEqual(
      [],
    );
  });

  it('uses no timers, network, console or process globals', () => {
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
