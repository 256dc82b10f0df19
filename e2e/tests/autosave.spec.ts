import { expect, test } from '@playwright/test';

import { callQuery, createFlow, uniqueName } from './support';

interface SavedGraph {
  revision: number;
  graph: { nodes: Array<{ id: string; position: { x: number; y: number } }> };
}

test.describe('autosave', () => {
  test('a dragged screen keeps its new position after a reload', async ({ page, request }) => {
    const flowId = await createFlow(request, uniqueName('Autosave'));
    const before = await callQuery<SavedGraph>(request, 'flows.get', { id: flowId });
    const screen = before.graph.nodes[0];
    expect(screen).toBeDefined();
    const screenId = screen?.id ?? '';
    await page.goto(`/flows/${flowId}`);
    const node = page.getByTestId(`rf__node-${screenId}`);
    const saveStatus = page.getByRole('status');
    await expect(node).toBeVisible();
    await expect(saveStatus).toHaveText('Saved');

    const box = await node.boundingBox();
    expect(box).not.toBeNull();
    const start = { x: (box?.x ?? 0) + 40, y: (box?.y ?? 0) + 20 };
    const saved = page.waitForResponse((response) => response.url().includes('flows.save'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 120, start.y + 90, { steps: 12 });
    await page.mouse.up();
    expect((await saved).status()).toBe(200);
    await expect(saveStatus).toHaveText('Saved');

    const after = await callQuery<SavedGraph>(request, 'flows.get', { id: flowId });
    const moved = after.graph.nodes.find((node) => node.id === screenId);
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(moved?.position).not.toEqual(screen?.position);
    const transformAfterDrag = await node.evaluate((element) => element.style.transform);

    await page.reload();
    await expect(node).toBeVisible();
    expect(await node.evaluate((element) => element.style.transform)).toBe(transformAfterDrag);
  });
});
