import { expect, test } from '@playwright/test';

import { callMutation, uniqueName } from './support';

test.describe('a viewer', () => {
  // A browser that has never signed in: the viewer signs in with their one-time link.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sees a Flow, its versions and its responses with nothing to change', async ({
    page,
    request,
  }) => {
    const { id } = await callMutation<{ id: string }>(request, 'flows.createFromTemplate', {
      templateId: 'lead-capture',
    });
    const email = `${uniqueName('viewer').replace(' ', '-')}@example.test`;
    const added = await callMutation<{ signInLinkPath: string }>(request, 'members.add', {
      email,
      role: 'viewer',
    });
    await page.goto(added.signInLinkPath);
    await expect(page.getByRole('banner', { name: 'Account' })).toContainText('Role: viewer');
    await expect(page.getByRole('link', { name: /^Open/ }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create flow' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Rename|Duplicate|Delete) / })).toHaveCount(0);

    await page.goto(`/flows/${id}`);
    await expect(page.getByText('Read only: viewers look at a Flow')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Publish/ })).toHaveCount(0);
    await expect(page.getByRole('toolbar', { name: 'Edit' })).toHaveCount(0);
    await page.getByTestId('rf__node-CONTACT').click({ position: { x: 20, y: 8 } });
    const title = page
      .getByRole('region', { name: 'Inspector: screen CONTACT' })
      .getByLabel('Title', { exact: true });
    await expect(title).toHaveValue('Get in touch');
    await expect(title).toBeDisabled();

    await page.getByRole('button', { name: 'Versions' }).click();
    await expect(page.getByRole('heading', { name: 'Versions' })).toBeVisible();
    await expect(page.getByLabel('Version name')).toHaveCount(0);

    await page.goto(`/flows/${id}/responses`);
    await expect(page.getByRole('heading', { name: /^Responses/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Delete selected/ })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'New destination' })).toHaveCount(0);

    await page.goto('/settings/privacy');
    await expect(page.getByText('Only an owner changes how long data is kept')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save retention settings' })).toBeDisabled();
    await expect(page.getByRole('button', { name: /^Erase/ })).toHaveCount(0);
  });
});
