import { expect, test, type Locator, type Page } from '@playwright/test';

import { callMutation, callQuery, createFlow, uniqueName } from './support';

interface Position {
  x: number;
  y: number;
}

interface SavedFlow {
  revision: number;
  graph: { nodes: Array<{ id: string; position: Position }> };
}

async function openFirstScreen(page: Page, flowId: string, screenId: string): Promise<Locator> {
  await page.goto(`/flows/${flowId}`);
  const node = page.getByTestId(`rf__node-${screenId}`);
  await expect(node).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Saved');

  return node;
}

async function drag(page: Page, node: Locator, offset: Position): Promise<void> {
  const box = await node.boundingBox();
  expect(box).not.toBeNull();
  const start = { x: (box?.x ?? 0) + 40, y: (box?.y ?? 0) + 20 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + offset.x, start.y + offset.y, { steps: 12 });
  await page.mouse.up();
}

/** Drags a node by an offset and answers the HTTP status of the save that the drag starts. */
async function dragAndSave(page: Page, node: Locator, offset: Position): Promise<number> {
  const saved = page.waitForResponse((response) => response.url().includes('flows.save'));
  await drag(page, node, offset);

  return (await saved).status();
}

async function seedFlow(request: Parameters<typeof createFlow>[0]) {
  const flowId = await createFlow(request, uniqueName('Autosave'));
  const flow = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
  const screen = flow.graph.nodes[0];
  expect(screen).toBeDefined();

  return { flowId, flow, screenId: screen?.id ?? '', position: screen?.position };
}

test.describe('autosave', () => {
  test('a dragged screen keeps its new position after a reload', async ({ page, request }) => {
    const seeded = await seedFlow(request);
    const node = await openFirstScreen(page, seeded.flowId, seeded.screenId);

    expect(await dragAndSave(page, node, { x: 120, y: 90 })).toBe(200);
    await expect(page.getByRole('status')).toHaveText('Saved');

    const after = await callQuery<SavedFlow>(request, 'flows.get', { id: seeded.flowId });
    expect(after.revision).toBeGreaterThan(seeded.flow.revision);
    expect(after.graph.nodes[0]?.position).not.toEqual(seeded.position);
    const transformAfterDrag = await node.evaluate((element) => element.style.transform);

    await page.reload();
    await expect(node).toBeVisible();
    expect(await node.evaluate((element) => element.style.transform)).toBe(transformAfterDrag);
  });

  test('a save refused as stale offers to overwrite or to reload', async ({ page, request }) => {
    const seeded = await seedFlow(request);
    const node = await openFirstScreen(page, seeded.flowId, seeded.screenId);
    const saveElsewhere = async (position: Position) => {
      const current = await callQuery<SavedFlow>(request, 'flows.get', { id: seeded.flowId });
      const graph = {
        ...current.graph,
        nodes: current.graph.nodes.map((screen) => ({ ...screen, position })),
      };
      await callMutation(request, 'flows.save', {
        id: seeded.flowId,
        expectedRevision: current.revision,
        graph,
      });
    };
    const dialog = page.getByRole('dialog', { name: 'This flow was changed elsewhere' });

    await saveElsewhere({ x: 900, y: 900 });
    expect(await dragAndSave(page, node, { x: 60, y: 40 })).toBe(409);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Saved');
    const overwritten = await callQuery<SavedFlow>(request, 'flows.get', { id: seeded.flowId });
    expect(overwritten.graph.nodes[0]?.position).not.toEqual({ x: 900, y: 900 });

    await saveElsewhere({ x: -500, y: 700 });
    expect(await dragAndSave(page, node, { x: 60, y: 40 })).toBe(409);
    await dialog.getByRole('button', { name: 'Reload their version' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Saved');
    await expect(node).toHaveAttribute('style', /translate\(-500px, ?700px\)/);
  });

  test('the same flow edited in two tabs: the later save gets the choice', async ({
    page,
    context,
    request,
  }) => {
    const seeded = await seedFlow(request);
    const first = await openFirstScreen(page, seeded.flowId, seeded.screenId);
    const other = await context.newPage();
    const second = await openFirstScreen(other, seeded.flowId, seeded.screenId);

    expect(await dragAndSave(page, first, { x: 140, y: 60 })).toBe(200);
    expect(await dragAndSave(other, second, { x: -80, y: 30 })).toBe(409);
    const dialog = other.getByRole('dialog', { name: 'This flow was changed elsewhere' });
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Reload their version' }).click();
    await expect(dialog).toBeHidden();
    const saved = await callQuery<SavedFlow>(request, 'flows.get', { id: seeded.flowId });
    const { x, y } = saved.graph.nodes[0]?.position ?? { x: 0, y: 0 };
    await expect(second).toHaveAttribute('style', new RegExp(`translate\\(${x}px, ?${y}px\\)`));
  });

  test('a failed save is shown and retried until it succeeds', async ({ page, request }) => {
    const seeded = await seedFlow(request);
    const node = await openFirstScreen(page, seeded.flowId, seeded.screenId);
    await page.route('**/trpc/flows.save**', (route) => route.abort('connectionrefused'));

    await drag(page, node, { x: 80, y: 50 });
    await expect(page.getByRole('status')).toHaveText('Save failed — retrying');

    await page.unroute('**/trpc/flows.save**');
    await expect(page.getByRole('status')).toHaveText('Saved');
    const after = await callQuery<SavedFlow>(request, 'flows.get', { id: seeded.flowId });
    expect(after.graph.nodes[0]?.position).not.toEqual(seeded.position);
  });
});
