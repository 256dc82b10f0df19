import { defineConfig } from 'tsup';

// The server and the CLI are bundled with the workspace packages (consumed as TypeScript
// source); third-party packages stay external and load from node_modules.
export default defineConfig({
  entry: { main: 'src/entry.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  noExternal: [/^@sanjay-flow\//],
});
