import { expect, test } from '@playwright/test';

import { E2E_OWNER, signInOnPage } from './auth-support';
import { uniqueName } from './support';

test.describe('signing in', () => {
  // A browser that has never signed in.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('shows the sign-in page, refuses a wrong password, signs in and out', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in to Sanjay Flow' })).toBeVisible();

    await page.getByLabel('Email').fill(E2E_OWNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong email or password');

    await signInOnPage(page);
    const account = page.getByRole('banner', { name: 'Account' });
    await expect(account).toContainText('Role: owner');
    await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible();

    await account.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Sanjay Flow' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to Sanjay Flow' })).toBeVisible();
  });
});

test.describe('members and API tokens', () => {
  test('an owner makes a token shown once, revokes it, and adds, changes and removes a member', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Members and API tokens' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Members and API tokens' }),
    ).toBeVisible();

    const tokenName = uniqueName('CI token');
    await page.getByLabel('Token name').fill(tokenName);
    await page.getByLabel('Role of the new token').selectOption('viewer');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByLabel('New API token')).toHaveText(/^sft_/);
    const token = (await page.getByLabel('New API token').textContent()) ?? '';
    const tokens = page.getByRole('table', { name: 'API tokens' });
    await expect(tokens).toContainText(tokenName);
    await expect(tokens).not.toContainText(token);

    const asToken = await page.request.get('/trpc/flows.list', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asToken.status()).toBe(200);
    await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
    await expect(tokens.getByRole('row').filter({ hasText: tokenName })).toContainText('revoked');
    const revoked = await page.request.get('/trpc/flows.list', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status()).toBe(401);

    const email = `${uniqueName('member').replace(' ', '-')}@example.test`;
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Role of the new member').selectOption('viewer');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect(page.getByRole('status').filter({ hasText: email })).toContainText(
      `Give ${email} this one-time sign-in link`,
    );
    const members = page.getByRole('table', { name: 'Members' });
    await expect(members).toContainText(email);
    await members.getByLabel(`Role of ${email}`).selectOption('editor');
    await expect(members.getByLabel(`Role of ${email}`)).toHaveValue('editor');
    await page.getByRole('button', { name: `Remove ${email}` }).click();
    await expect(members).not.toContainText(email);
  });
});
