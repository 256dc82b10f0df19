import { spawnSync } from 'node:child_process';

import { expect, type Page } from '@playwright/test';

/** The owner every run signs in as; made with `sflow user create` before the server starts. */
export const E2E_OWNER = { email: 'owner@e2e.test', password: 'e2e owner password' };

/**
 * Makes the owner and an owner API token in a fresh data folder, with the built CLI, as an
 * operator would before starting the server (the embedded database is locked once it runs).
 * Returns the token.
 */
export function prepareOwner(cliPath: string, dataDir: string): string {
  const env = { ...process.env, SFLOW_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  const run = (args: string[], input?: string) => {
    const result = spawnSync(process.execPath, [cliPath, ...args], {
      env,
      input,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`sflow ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    }

    return result.stdout.trim();
  };
  run(
    ['user', 'create', '--email', E2E_OWNER.email, '--role', 'owner', '--password-stdin'],
    E2E_OWNER.password,
  );

  return run(['token', 'create', '--name', 'e2e', '--role', 'owner']);
}

/** Headers for API calls made by the specs themselves (not the browser): the run's token. */
export function apiHeaders(): Record<string, string> {
  const token = process.env.SFLOW_E2E_TOKEN;
  if (token === undefined || token === '') {
    throw new Error('SFLOW_E2E_TOKEN is not set: playwright.config.ts makes it');
  }

  return { authorization: `Bearer ${token}` };
}

/** Signs in through the editor's sign-in page at `baseUrl`. */
export async function signInOnPage(page: Page, baseUrl = '') {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(E2E_OWNER.email);
  await page.getByLabel('Password').fill(E2E_OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner', { name: 'Account' })).toContainText(E2E_OWNER.email);
}
