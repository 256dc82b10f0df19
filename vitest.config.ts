import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/meta-sim/src/**/*.test.ts',
      'apps/editor/src/**/*.test.ts',
    ],
    environment: 'node',
    // Generous: a new embedded database takes several seconds, far more on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
