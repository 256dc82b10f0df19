import { readFileSync, readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

/** The player runs in the browser (the editor's preview) and in Node: pure code only. */
describe('code of @sanjay-flow/flow-player', () => {
  const files = readdirSync(new URL('.', import.meta.url)).filter(
    (file) =>
      file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.test-helper.ts'),
  );

  it.each(files)('%s imports only flow-json, zod and its own files', (file) => {
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    const imported = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');

    expect(imported.filter((name) => !/^(\.\/|@sanjay-flow\/flow-json$|zod$)/.test(name))).toEqual(
      [],
    );
    expect(source).not.toMatch(/\b(eval|Function|console|Date\.now)\b\s*\(/);
  });
});
