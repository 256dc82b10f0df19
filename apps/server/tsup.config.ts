import { defineConfig } from 'tsup';

// The server and the CLI are bundled with the workspace packages (consumed as TypeScript
// source); every third-party package stays external and loads from node_modules, including
// those only the workspace packages depend on.
export default defineConfig({
  entry: { main: 'src/entry.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  noExternal: [/^@sanjay-flow\//],
  external: [/^(?!@sanjay-flow\/|\.|\/)(@[\w.-]+\/)?[\w.-]+(\/.*)?$/],
});
