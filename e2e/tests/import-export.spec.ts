import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { readSurveyFixture, uniqueName } from './support';

interface FlowJson {
  screens: Array<{ id: string; title?: string }>;
}

test.describe('import and export', () => {
  test('imports a Meta Flow JSON file, draws its screens and exports the same document', async ({
    page,
  }) => {
    const fixture = readSurveyFixture();
    const flowJson = fixture.json as FlowJson;
    const fileName = `${uniqueName('survey').replace(' ', '-')}.json`;
    await page.goto('/');

    await page.getByLabel('Import Flow JSON').setInputFiles({
      name: fileName,
      mimeType: 'application/json',
      buffer: Buffer.from(fixture.text),
    });

    await expect(page).toHaveURL(/\/flows\/[^/]+$/);
    await expect(page.locator('.react-flow__node')).toHaveCount(flowJson.screens.length);
    for (const screen of flowJson.screens) {
      const node = page.getByTestId(`rf__node-${screen.id}`);
      await expect(node).toBeVisible();
      await expect(node.getByRole('heading', { level: 3 })).toHaveText(screen.title ?? screen.id);
    }
    await expect(page.getByText('Terminal', { exact: true })).toHaveCount(
      flowJson.screens.filter((screen) => 'terminal' in screen && screen.terminal === true).length,
    );

    const downloadStarted = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Flow JSON' }).click();
    const download = await downloadStarted;
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const exported: unknown = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(exported).toEqual(fixture.json);
  });
});
