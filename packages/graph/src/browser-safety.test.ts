import { readFileSync, readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

/** The editor bundles this package for the browser, so its runtime code must not reach for Node. */
describe('runtime code of @sanjay-flow/graph', () => {
  const runtimeFiles = readdirSync(new URL('.', import.meta.url)).filter(
    (file) =>
      file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.test-helper.ts'),
  );

  it.each(runtimeFiles)('%s imports no Node built-in', (file) => {
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    expect(source).not.toMatch(/from '(node:|fs|path|crypto|os|url)['/]/);
    expect(source).not.toMatch(/from 'elkjs'/);
  });
});
