import { readFileSync } from 'node:fs';

import { expect, test, type Page } from '@playwright/test';

import { callQuery, createFlow, uniqueName } from './support';

interface SavedFlow {
  graph: { nodes: Array<{ id: string; screen: { title?: string } }> };
}

async function openJsonPanel(page: Page) {
  await page.getByRole('tab', { name: 'JSON' }).click();

  return page.getByRole('region', { name: 'Flow JSON' });
}

test.describe('JSON panel', () => {
  test('shows the compiled Flow JSON live, copies and downloads it', async ({
    page,
    request,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = uniqueName('JSON panel');
    const flowId = await createFlow(request, name);
    await page.goto(`/flows/${flowId}`);
    const panel = await openJsonPanel(page);
    const shown = panel.getByTestId('flow-json');
    await expect(shown).toContainText('"id": "WELCOME"');
    const text = (await shown.textContent()) ?? '';
    expect(JSON.parse(text)).toMatchObject({ version: '7.3', screens: [{ id: 'WELCOME' }] });

    await panel.getByRole('button', { name: 'Copy' }).click();
    await expect(panel.getByText('Copied to the clipboard.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^JSON-panel-[\w-]+\.json$/);
    expect(readFileSync(await download.path(), 'utf8')).toBe(text);
  });

  test('applies an edit to the graph whole, and refuses invalid JSON at its line and column', async ({
    page,
    request,
  }) => {
    const flowId = await createFlow(request, uniqueName('JSON edit'));
    await page.goto(`/flows/${flowId}`);
    const panel = await openJsonPanel(page);
    await panel.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('textbox', { name: 'Flow JSON (editing)' });
    const original = await editor.inputValue();

    // A rename and a syntax error together: nothing is applied.
    const lines = original.replace('"title": "Welcome"', '"title": "Hello there"').split('\n');
    lines[2] = `${lines[2] ?? ''},`;
    await editor.fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Apply changes' }).click();
    await expect(page.getByRole('alert')).toContainText(/Not applied\. Line \d+, column \d+:/);
    await expect(page.getByRole('article', { name: 'Screen Welcome' })).toBeVisible();

    await editor.fill(original.replace('"title": "Welcome"', '"title": "Hello there"'));
    await page.getByRole('button', { name: 'Apply changes' }).click();
    await expect(page.getByRole('article', { name: 'Screen Hello there' })).toBeVisible();
    await expect((await openJsonPanel(page)).getByTestId('flow-json')).toContainText(
      '"title": "Hello there"',
    );

    // Autosave stores the imported screen.
    await expect
      .poll(async () => {
        const saved = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });

        return saved.graph.nodes[0]?.screen.title;
      })
      .toBe('Hello there');
  });
});
