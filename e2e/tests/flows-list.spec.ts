import { expect, test } from '@playwright/test';

import { createFlow, flowLink, uniqueName } from './support';

test.describe('flows list', () => {
  test('creates a flow and opens it in the editor', async ({ page }) => {
    const name = uniqueName('Onboarding');
    await page.goto('/');

    await page.getByLabel('New flow name').fill(name);
    await page.getByRole('button', { name: 'Create flow' }).click();

    await expect(page).toHaveURL(/\/flows\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(1);

    await page.getByRole('link', { name: '← All flows' }).click();
    await expect(flowLink(page, name)).toBeVisible();
  });

  test('renames a flow inline', async ({ page, request }) => {
    const name = uniqueName('Support');
    const renamed = uniqueName('Customer support');
    await createFlow(request, name);
    await page.goto('/');

    await page.getByRole('button', { name: `Rename ${name}` }).click();
    const input = page.getByRole('textbox', { name: `New name for ${name}` });
    await expect(input).toBeFocused();
    await input.fill(renamed);
    await input.press('Enter');

    await expect(flowLink(page, renamed)).toBeVisible();
    await expect(flowLink(page, name)).toHaveCount(0);
    await page.reload();
    await expect(flowLink(page, renamed)).toBeVisible();
  });

  test('asks for confirmation before deleting a flow', async ({ page, request }) => {
    const name = uniqueName('Obsolete');
    await createFlow(request, name);
    await page.goto('/');

    const deleteButton = page.getByRole('button', { name: `Delete ${name}` });
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete flow?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(name);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();
    await expect(flowLink(page, name)).toBeVisible();

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete flow' }).click();
    await expect(dialog).toBeHidden();
    await expect(flowLink(page, name)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Flows' })).toBeVisible();
    await expect(flowLink(page, name)).toHaveCount(0);
  });
});
