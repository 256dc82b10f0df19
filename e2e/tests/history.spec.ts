import { expect, test, type Locator, type Page } from '@playwright/test';

import { callMutation, callQuery } from './support';

interface SavedFlow {
  revision: number;
  graph: unknown;
}

interface Exported {
  text: string;
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

function card(page: Page, id: string): Locator {
  return page.getByTestId(`rf__node-${id}`);
}

async function drag(page: Page, node: Locator, offset: { x: number; y: number }) {
  const box = await node.boundingBox();
  expect(box).not.toBeNull();
  const start = { x: (box?.x ?? 0) + 30, y: (box?.y ?? 0) + 12 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + offset.x, start.y + offset.y, { steps: 8 });
  await page.mouse.up();
}

/** Selects a card by clicking its title bar, clear of the components inside it. */
async function select(page: Page, id: string) {
  await card(page, id).click({ position: { x: 20, y: 8 } });
}

async function saved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /Sav/ })).toHaveText('Saved');
}

/** What the server holds once the editor has saved: the exported Flow JSON and the graph. */
async function snapshot(page: Page, request: Parameters<typeof callQuery>[0], id: string) {
  await saved(page);
  const exported = await callQuery<Exported>(request, 'flows.export', { id });
  const flow = await callQuery<SavedFlow>(request, 'flows.get', { id });

  return { flowJson: JSON.parse(exported.text) as unknown, graph: flow.graph };
}

function addLogic(page: Page, label: string) {
  return page
    .getByRole('navigation', { name: 'Add logic' })
    .getByRole('button', { name: label, exact: true })
    .click();
}

test.describe('undo and redo', () => {
  test('ten mixed edits undone give back the same document, and redone the edited one', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const { id } = await callMutation<{ id: string }>(request, 'flows.createFromTemplate', {
      templateId: 'lead-capture',
    });
    await page.goto(`/flows/${id}`);
    await expect(card(page, 'CONTACT')).toBeVisible();
    const before = await snapshot(page, request, id);
    const toolbar = page.getByRole('toolbar', { name: 'Edit' });

    await drag(page, card(page, 'CONTACT'), { x: 60, y: 120 }); // 1: move
    await select(page, 'INTEREST');
    await page.keyboard.press(`${mod}+D`); // 2: duplicate
    await expect(card(page, 'INTEREST_COPY')).toBeVisible();
    await addLogic(page, 'Flow opened'); // 3: add a trigger
    await addLogic(page, 'Finish Flow'); // 4: add a step
    await toolbar.getByRole('button', { name: 'Auto layout' }).click(); // 5: layout
    await select(page, 'CONTACT');
    await page.keyboard.press(`${mod}+C`);
    await page.keyboard.press(`${mod}+V`); // 6: paste
    await expect(card(page, 'CONTACT_COPY')).toBeVisible();
    await toolbar.getByRole('button', { name: 'Delete' }).click(); // 7: delete the pasted screen
    await expect(card(page, 'CONTACT_COPY')).toHaveCount(0);
    await drag(page, card(page, 'INTEREST_COPY'), { x: -40, y: 200 }); // 8: move
    await select(page, 'finish_flow_1');
    await page.keyboard.press('Delete'); // 9: delete a logic node
    await expect(card(page, 'finish_flow_1')).toHaveCount(0);
    await addLogic(page, 'Condition'); // 10: add a step
    const after = await snapshot(page, request, id);
    expect(after.flowJson).not.toEqual(before.flowJson);

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
    for (let step = 0; step < 10; step += 1) {
      await page.keyboard.press(`${mod}+Z`);
    }
    await expect(toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
    expect(await snapshot(page, request, id)).toEqual(before);

    for (let step = 0; step < 10; step += 1) {
      await page.keyboard.press(`${mod}+Shift+Z`);
    }
    await expect(toolbar.getByRole('button', { name: 'Redo' })).toBeDisabled();
    expect(await snapshot(page, request, id)).toEqual(after);
  });

  test('what is typed into one field is undone in one step', async ({ page, request }) => {
    const { id } = await callMutation<{ id: string }>(request, 'flows.createFromTemplate', {
      templateId: 'lead-capture',
    });
    await page.goto(`/flows/${id}`);
    await select(page, 'CONTACT');
    const title = page
      .getByRole('region', { name: 'Inspector: screen CONTACT' })
      .getByLabel('Title', { exact: true });
    await expect(title).toHaveValue('Get in touch');

    await title.press('End');
    await title.pressSequentially(' today');
    await expect(title).toHaveValue('Get in touch today');
    await page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }).click();

    await expect(title).toHaveValue('Get in touch');
    await expect(
      page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }),
    ).toBeDisabled();
  });

  test('pastes nodes copied in one Flow into another', async ({ page, request }) => {
    const from = await callMutation<{ id: string }>(request, 'flows.createFromTemplate', {
      templateId: 'support-ticket',
    });
    const into = await callMutation<{ id: string }>(request, 'flows.createFromTemplate', {
      templateId: 'sign-up',
    });
    await page.goto(`/flows/${from.id}`);
    await select(page, 'DESCRIBE');
    await page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Copy' }).click();

    await page.goto(`/flows/${into.id}`);
    await expect(card(page, 'ACCOUNT')).toBeVisible();
    await page
      .getByRole('toolbar', { name: 'Edit' })
      .getByRole('button', { name: 'Paste' })
      .click();

    await expect(card(page, 'DESCRIBE_COPY')).toBeVisible();
    const { flowJson } = await snapshot(page, request, into.id);
    expect(JSON.stringify(flowJson)).toContain('"id":"DESCRIBE_COPY"');
  });
});
