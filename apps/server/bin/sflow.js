#!/usr/bin/env node
// Runs the CLI from its TypeScript source when the checkout has it and tsx is installed, so a
// command never runs a stale build; otherwise (an install without development tools) the
// built `dist/cli.js`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli.js', import.meta.url);

async function loadTsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return undefined;
  }
}

const tsx = existsSync(fileURLToPath(source)) ? await loadTsx() : undefined;
if (tsx) {
  tsx.register();
  await import(source.href);
} else if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  process.stderr.write(
    'sflow: neither the source nor a build of the CLI was found; run npm run build\n',
  );
  process.exit(2);
}
