import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from '@playwright/test';

import { prepareOwner } from './tests/auth-support';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * A fresh database folder per run. Workers evaluate this file again and inherit the folder
 * through the environment; only the process that made it removes it, once the server is gone.
 */
const CLI = fileURLToPath(new URL('../apps/server/dist/cli.js', import.meta.url));

function runDataDir(): string {
  const inherited = process.env.SFLOW_E2E_DATA_DIR;
  if (inherited !== undefined) {
    return inherited;
  }
  const created = mkdtempSync(join(tmpdir(), 'sflow-e2e-'));
  process.env.SFLOW_E2E_DATA_DIR = created;
  // The owner and an API token exist before the server starts; workers inherit the token.
  process.env.SFLOW_E2E_TOKEN = prepareOwner(CLI, created);
  process.on('exit', () => {
    // The embedded database keeps its lock beside the folder (`<folder>.lock`).
    for (const path of [created, `${created}.lock`, `${created}.state.json`]) {
      rmSync(path, { recursive: true, force: true });
    }
  });

  return created;
}

const dataDir = runDataDir();

// Debian's Chromium, quietened so it contacts nothing but the server under test.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  // Signs the owner in once; every browser context starts with that session cookie.
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
    storageState: `${dataDir}.state.json`,
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumArgs,
        },
      },
    },
  ],
  webServer: {
    command: 'node ../apps/server/dist/main.js',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    // The server closes its database on SIGTERM; a hard kill could leave it half-written.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // An empty DATABASE_URL keeps the run on its own embedded database even when the shell
    // points at a PostgreSQL server.
    // Destinations and HTTP steps may call test servers that the specs start on 127.0.0.1.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SFLOW_DATA_DIR: dataDir,
      DATABASE_URL: '',
      SFLOW_HTTP_ALLOWED_HOSTS: '127.0.0.1',
    },
  },
});
