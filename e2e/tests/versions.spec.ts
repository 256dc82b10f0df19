import { expect, test, type Locator, type Page } from '@playwright/test';

import { callMutation } from './support';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

function card(page: Page, id: string): Locator {
  return page.getByTestId(`rf__node-${id}`);
}

/** Selects a card by clicking its title bar, clear of the components inside it. */
async function select(page: Page, id: string) {
  await card(page, id).click({ position: { x: 20, y: 8 } });
}

test.describe('versions', () => {
  test('names a version, compares it with the draft, restores it and keeps the draft', async ({
    page,
    request,
  }) => {
    const { id } = await callMutation<{ id: string }>(request, 'flows.createFromTemplate', {
      templateId: 'customer-satisfaction',
    });
    await page.goto(`/flows/${id}`);
    await expect(card(page, 'RATING')).toBeVisible();
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Versions', exact: true });
    const history = panel.getByRole('list', { name: 'Version history' });

    await panel.getByLabel('Version name').fill('Before launch');
    await panel.getByLabel('Version name').press('Enter');
    await expect(history.getByRole('listitem')).toHaveText([
      /Version 2: Before launch/,
      /Version 1: From the “Customer satisfaction survey” template/,
    ]);

    // The canvas gets the room back while the panel is closed.
    await page.getByRole('button', { name: 'Hide versions' }).click();
    await page
      .getByRole('toolbar', { name: 'Edit' })
      .getByRole('button', { name: 'Zoom to fit' })
      .click();
    await select(page, 'DETAILS');
    await page.keyboard.press(`${mod}+D`);
    await expect(card(page, 'DETAILS_COPY')).toBeAttached();
    await expect(page.getByRole('status').filter({ hasText: /Sav/ })).toHaveText('Saved');
    await page.getByRole('button', { name: 'Versions', exact: true }).click();

    const compare = panel.getByRole('region', { name: 'Compare versions' });
    await compare.getByLabel('From').selectOption({ label: 'Version 2: Before launch' });
    await compare.getByLabel('To').selectOption({ label: 'Current draft' });
    await expect(compare.getByRole('list', { name: 'Differences' })).toContainText(
      'Added Screen “DETAILS_COPY”',
    );

    await history.getByRole('button', { name: 'Restore version 2' }).click();
    await expect(panel.getByText('Restored version 2.')).toBeVisible();
    await expect(card(page, 'DETAILS_COPY')).toHaveCount(0);
    await expect(card(page, 'DETAILS')).toBeAttached();
    await expect(history.getByRole('listitem').first()).toHaveText(
      /Version 3: Before restoring version 2/,
    );

    await compare.getByLabel('From').selectOption({ label: 'Version 2: Before launch' });
    await compare.getByLabel('To').selectOption({ label: 'Version 3: Before restoring version 2' });
    await expect(compare.getByRole('list', { name: 'Differences' })).toContainText(
      'Added Screen “DETAILS_COPY”',
    );
    await compare.getByLabel('To').selectOption({ label: 'Current draft' });
    await expect(compare.getByText('No differences.')).toBeVisible();
  });
});
