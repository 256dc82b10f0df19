import { expect, test, type Page } from '@playwright/test';

import { callQuery, createFlow, uniqueName } from './support';

interface SavedFlow {
  graph: { nodes: Array<{ id: string; screen: Record<string, unknown> }> };
}

/** Moves along the panel tabs with the arrow keys until `name` is selected. */
async function openTab(page: Page, name: RegExp): Promise<void> {
  const tabs = page.getByRole('tablist', { name: 'Panels' });
  await tabs.getByRole('tab', { selected: true }).focus();
  for (let step = 0; step < 3; step += 1) {
    if ((await tabs.getByRole('tab', { name, selected: true }).count()) > 0) {
      return;
    }
    await page.keyboard.press('ArrowRight');
  }
  await expect(tabs.getByRole('tab', { name, selected: true })).toBeFocused();
}

test.describe('problems panel', () => {
  test('an error made in the JSON panel is found from the problems panel and fixed, by keyboard', async ({
    page,
    request,
  }) => {
    const flowId = await createFlow(request, uniqueName('Problems'));
    const saved = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
    const screenNodeId = saved.graph.nodes[0]?.id ?? '';
    await page.goto(`/flows/${flowId}`);
    await expect(page.getByTestId(`rf__node-${screenNodeId}`)).toBeVisible();

    // Break the heading: blank texts are refused from Flow JSON 6.0.
    await openTab(page, /^JSON/);
    const json = page.getByRole('region', { name: 'Flow JSON' });
    await json.getByRole('button', { name: 'Edit' }).focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: 'Flow JSON (editing)' });
    await expect(editor).toBeFocused();
    const broken = (await editor.inputValue()).replace('"text": "Welcome"', '"text": ""');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(broken);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Apply changes' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByTestId(`problem-mark-${screenNodeId}`)).toHaveText('1 error');
    await openTab(page, /^Problems/);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems.getByText('1 error, 0 warnings')).toBeVisible();
    const problem = problems.getByRole('button', { name: /may not be blank/ });
    await problem.focus();
    await page.keyboard.press('Enter');

    // The screen is selected and the inspector's field for the heading's text has the keyboard.
    await expect(page.getByTestId(`rf__node-${screenNodeId}`)).toHaveClass(/selected/);
    const field = page.locator(':focus');
    await expect(field).toBeEditable();
    await page.keyboard.insertText('Welcome back');

    await expect(problems.getByText('No problems: WhatsApp accepts this Flow.')).toBeVisible();
    await expect(page.getByTestId(`problem-mark-${screenNodeId}`)).toHaveCount(0);
    await expect(page.getByRole('tab', { name: 'Problems', exact: true })).toBeVisible();
  });
});
