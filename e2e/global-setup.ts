import { request, type FullConfig } from '@playwright/test';

import { E2E_OWNER } from './tests/auth-support';

/**
 * Signs the run's owner in once, through the real sign-in route, and keeps the session cookie
 * as the storage state every browser context of the specs starts with.
 */
export default async function globalSetup(config: FullConfig) {
  const use = config.projects[0]?.use;
  const context = await request.newContext({ baseURL: use?.baseURL });
  const response = await context.post('/auth/sign-in', {
    data: { email: E2E_OWNER.email, password: E2E_OWNER.password },
  });
  if (!response.ok()) {
    throw new Error(`signing in for the run failed: ${response.status()} ${await response.text()}`);
  }
  const path = use?.storageState;
  if (typeof path !== 'string') {
    throw new Error('playwright.config.ts names no storage state file');
  }
  await context.storageState({ path });
  await context.dispose();
}
